using System.Net;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.IntegrationTests.Infrastructure;

/// <summary>
/// Authenticator codes as a person's app computes them (Otp.NET, RFC 6238, from the real clock as
/// Identity checks them), and the second sign-in step for test clients: the code comes from the key the
/// account has in the database, or, on the set-up page, from the key the page shows.
/// </summary>
public static class TotpCodes
{
    private static readonly ConditionalWeakTable<HttpClient, QuartiersnetzFactory> Apps = new();

    /// <summary>Remembers which app a client talks to, so the sign-in helper can look up the account's key.</summary>
    public static HttpClient Remember(HttpClient client, QuartiersnetzFactory factory)
    {
        Apps.AddOrUpdate(client, factory);
        return client;
    }

    /// <summary>The current code for a Base32 key (spaces and case do not matter, as in the apps).</summary>
    public static string Code(string key, DateTime? atUtc = null) =>
        new Totp(Base32Encoding.ToBytes(key.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant()))
            .ComputeTotp(atUtc ?? DateTime.UtcNow);

    /// <summary>A code that is wrong now and in the neighbouring time steps Identity also accepts.</summary>
    public static string WrongCode(string key)
    {
        var near = Enumerable.Range(-3, 7).Select(step => Code(key, DateTime.UtcNow.AddSeconds(30 * step))).ToHashSet();
        return Enumerable.Range(0, 1000).Select(i => i.ToString("000000", System.Globalization.CultureInfo.InvariantCulture)).First(c => !near.Contains(c));
    }

    /// <summary>Gives the account an authenticator key and switches the second factor on, as the set-up page would.</summary>
    public static async Task<string> EnableForAsync(QuartiersnetzFactory factory, string email)
    {
        await using var scope = factory.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No account {email}.");
        await users.ResetAuthenticatorKeyAsync(user);
        await users.SetTwoFactorEnabledAsync(user, true);
        return (await users.GetAuthenticatorKeyAsync(user))!;
    }

    /// <summary>The authenticator key stored for the account, if any.</summary>
    public static async Task<string?> KeyOfAsync(QuartiersnetzFactory factory, string email)
    {
        await using var scope = factory.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No account {email}.");
        return await users.GetAuthenticatorKeyAsync(user);
    }

    /// <summary>
    /// Follows the redirect after the password step: enters the code on the second step, or sets up the
    /// authenticator where the app demands it (office accounts without a second factor).
    /// </summary>
    public static async Task CompleteSecondFactorAsync(HttpClient client, string email, Uri? afterPassword)
    {
        var path = afterPassword?.OriginalString ?? "";
        if (path.StartsWith("/anmelden/zwei-faktor", StringComparison.Ordinal))
        {
            if (!Apps.TryGetValue(client, out var factory))
            {
                throw new InvalidOperationException("The client was not made by CreateBrowserLikeClient, so its app's keys are unknown.");
            }

            var key = await KeyOfAsync(factory, email) ?? throw new InvalidOperationException($"{email} has no authenticator key.");
            using var response = await client.SubmitFormAsync(path, new Dictionary<string, string> { ["Input.Code"] = Code(key) });
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Second step for {email} failed with {response.StatusCode}.");
        }
        else if (path.StartsWith("/konto/sicherheit/authenticator", StringComparison.Ordinal))
        {
            var page = await client.GetDocumentAsync(path);
            var key = page.QuerySelector("#authenticator-key")?.TextContent
                ?? throw new InvalidOperationException("The set-up page shows no key.");
            using var response = await client.SubmitFormAsync(path, new Dictionary<string, string> { ["Input.Code"] = Code(key) });
            var done = await response.ParseAsync();
            Assert.True(done.QuerySelectorAll(".recovery-codes li").Length == 10, $"Setting up the authenticator for {email} failed.");
        }
    }
}
