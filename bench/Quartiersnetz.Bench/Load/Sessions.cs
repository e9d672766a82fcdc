using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using OtpNet;

namespace Quartiersnetz.Bench.Load;

/// <summary>Signs in like a browser (sign-in form, antiforgery token, second step) or like a script (bearer token).</summary>
internal static partial class Sessions
{
    /// <summary>Signs in through /anmelden (and /anmelden/zwei-faktor with a TOTP code) and returns the Cookie header value.</summary>
    public static async Task<string> SignInAsync(Uri baseAddress, string email, string password, string? authenticatorKey, CancellationToken cancellationToken)
    {
        var cookies = new CookieContainer();
        using var handler = new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { BaseAddress = baseAddress };

        var form = await client.GetStringAsync(new Uri("/anmelden", UriKind.Relative), cancellationToken);
        using var response = await PostFormAsync(client, "/anmelden", form, new()
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }, cancellationToken);
        var location = response.Headers.Location?.OriginalString ?? "";
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in of {email} failed: {(int)response.StatusCode} (wrong password, or the generator did not create the account?)");
        }

        if (location.StartsWith("/anmelden/zwei-faktor", StringComparison.Ordinal))
        {
            if (authenticatorKey is null)
            {
                throw new InvalidOperationException($"{email} asks for a second factor, but the harness knows no authenticator key for it.");
            }

            var secondStep = await client.GetStringAsync(new Uri(location, UriKind.Relative), cancellationToken);
            var code = new Totp(Base32Encoding.ToBytes(authenticatorKey)).ComputeTotp();
            using var confirmed = await PostFormAsync(client, location, secondStep, new() { ["Input.Code"] = code }, cancellationToken);
            if (confirmed.StatusCode != HttpStatusCode.Redirect)
            {
                throw new InvalidOperationException($"Second sign-in step of {email} failed: {(int)confirmed.StatusCode}");
            }
        }
        else if (location.Contains("authenticator", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"{email} has no authenticator app; the office account needs one (generator).");
        }

        var header = cookies.GetCookieHeader(baseAddress);
        if (!header.Contains("qn.auth", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Sign-in of {email} set no auth cookie.");
        }

        return header;
    }

    /// <summary>A short-lived API access token from POST /api/v1/auth/token.</summary>
    public static async Task<string> AccessTokenAsync(Uri baseAddress, string email, string password, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = baseAddress };
        using var response = await client.PostAsJsonAsync(new Uri("/api/v1/auth/token", UriKind.Relative), new { email, password }, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Access token for {email}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return json.RootElement.GetProperty("accessToken").GetString()!;
    }

    /// <summary>The antiforgery token of the first form on a page.</summary>
    public static string AntiforgeryToken(string html)
    {
        var match = TokenPattern().Match(html);
        if (!match.Success)
        {
            match = TokenPatternValueFirst().Match(html);
        }

        return match.Success
            ? WebUtility.HtmlDecode(match.Groups["token"].Value)
            : throw new InvalidOperationException("The page has no antiforgery token.");
    }

    private static Task<HttpResponseMessage> PostFormAsync(
        HttpClient client, string path, string page, Dictionary<string, string> fields, CancellationToken cancellationToken)
    {
        fields["__RequestVerificationToken"] = AntiforgeryToken(page);
        return client.PostAsync(new Uri(path, UriKind.Relative), new FormUrlEncodedContent(fields), cancellationToken);
    }

    [GeneratedRegex("""<input[^>]*name="__RequestVerificationToken"[^>]*value="(?<token>[^"]+)""")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("""<input[^>]*value="(?<token>[^"]+)"[^>]*name="__RequestVerificationToken""")]
    private static partial Regex TokenPatternValueFirst();
}
