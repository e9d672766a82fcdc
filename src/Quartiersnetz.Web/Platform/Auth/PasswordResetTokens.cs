using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;

namespace Quartiersnetz.Platform.Auth;

/// <summary>
/// Password-reset tokens: protected with the app's data-protection keys (shared by all nodes through the
/// database), valid for Auth:PasswordResetLinkHours and only while the account's security stamp is the
/// same, so a link works once (resetting the password changes the stamp). Unlike Identity's
/// DataProtectorTokenProvider this one reads the injected TimeProvider, so expiry is testable.
/// </summary>
internal sealed class PasswordResetTokens(IDataProtectionProvider protection, TimeProvider clock, IConfiguration configuration)
    : IUserTwoFactorTokenProvider<UserAccount>
{
    public const string ProviderName = "QuartiersnetzPasswordReset";
    public const string LifetimeSettingKey = "Auth:PasswordResetLinkHours";

    private readonly IDataProtector _protector = protection.CreateProtector("Quartiersnetz.Auth.PasswordReset.v1");

    public TimeSpan Lifetime => TimeSpan.FromHours(
        double.TryParse(configuration[LifetimeSettingKey], CultureInfo.InvariantCulture, out var hours) && hours > 0 ? hours : 2);

    public async Task<string> GenerateAsync(string purpose, UserManager<UserAccount> manager, UserAccount user)
    {
        using var buffer = new MemoryStream();
        await using (var writer = new BinaryWriter(buffer))
        {
            writer.Write(clock.GetUtcNow().UtcTicks);
            writer.Write(await manager.GetUserIdAsync(user));
            writer.Write(purpose);
            writer.Write(await manager.GetSecurityStampAsync(user) ?? "");
        }

        return WebEncoders.Base64UrlEncode(_protector.Protect(buffer.ToArray()));
    }

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<UserAccount> manager, UserAccount user)
    {
        byte[] payload;
        try
        {
            payload = _protector.Unprotect(WebEncoders.Base64UrlDecode(token));
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException)
        {
            return false;
        }

        try
        {
            using var reader = new BinaryReader(new MemoryStream(payload));
            var createdAt = new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero);
            var userId = reader.ReadString();
            var tokenPurpose = reader.ReadString();
            var stamp = reader.ReadString();
            var now = clock.GetUtcNow();
            return createdAt + Lifetime >= now
                && createdAt <= now + TimeSpan.FromMinutes(5)
                && userId == await manager.GetUserIdAsync(user)
                && tokenPurpose == purpose
                && stamp == (await manager.GetSecurityStampAsync(user) ?? "");
        }
        catch (EndOfStreamException)
        {
            return false;
        }
    }

    public Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<UserAccount> manager, UserAccount user) => Task.FromResult(false);
}
