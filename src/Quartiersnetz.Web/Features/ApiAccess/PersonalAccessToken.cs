using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.Features.ApiAccess;

/// <summary>
/// A token for scripts, created on the profile page and shown once. Only its SHA-256 hash is stored;
/// it expires and can be revoked.
/// </summary>
internal sealed class PersonalAccessToken
{
    public const int NameMaxLength = 100;

    public Guid Id { get; init; } = Guid.NewGuid();

    public Guid UserId { get; init; }

    public required string Name { get; init; }

    /// <summary>SHA-256 of the token (hex).</summary>
    public required string TokenHash { get; init; }

    /// <summary>The first characters of the token, shown in the list so a person recognises it.</summary>
    public required string Prefix { get; init; }

    public DateTime CreatedAtUtc { get; init; }

    public DateTime ExpiresAtUtc { get; init; }

    public DateTime? LastUsedAtUtc { get; set; }

    public DateTime? RevokedAtUtc { get; set; }

    /// <summary>Validity choices offered when creating a token, in days.</summary>
    public static IReadOnlyList<int> ValidityDays { get; } = [30, 90, 365];

    public bool IsUsable(DateTime nowUtc) => RevokedAtUtc is null && ExpiresAtUtc > nowUtc;

    public void Revoke(DateTime nowUtc) => RevokedAtUtc ??= nowUtc;

    /// <summary>A new random token: "qnp_" and 32 random bytes in base64url (256 bits, not guessable).</summary>
    public static string NewSecret() =>
        ApiAuthentication.PersonalAccessTokenPrefix + WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    /// <summary>
    /// SHA-256 (hex) of the token. A plain hash suffices: the token has 256 random bits, so there is nothing
    /// to guess, and a fast hash keeps the lookup on every API call cheap.
    /// </summary>
    public static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>What the list shows so a person recognises a token: "qnp_" and the first eight characters.</summary>
    public static string PrefixOf(string token) => token[..Math.Min(token.Length, 12)];
}

internal sealed class PersonalAccessTokenConfiguration : IEntityTypeConfiguration<PersonalAccessToken>
{
    public void Configure(EntityTypeBuilder<PersonalAccessToken> builder)
    {
        builder.ToTable("PersonalAccessTokens");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Name).HasMaxLength(PersonalAccessToken.NameMaxLength);
        builder.Property(t => t.TokenHash).HasMaxLength(64);
        builder.Property(t => t.Prefix).HasMaxLength(20);
        builder.HasIndex(t => t.TokenHash).IsUnique();
        builder.HasIndex(t => t.UserId);
        builder.HasOne<UserAccount>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
