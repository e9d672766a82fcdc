using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace Quartiersnetz.Features.Newsletter;

/// <summary>Whose unsubscribe link it is: a public subscription or a member's member-mail setting.</summary>
internal sealed record UnsubscribeTarget(bool IsMember, Guid Id);

/// <summary>
/// The secrets in newsletter links. Confirmation links carry a random token of which only the SHA-256 is stored (they
/// expire and are single-purpose). Unsubscribe links carry a token signed with the app's data-protection keys (kept in
/// the database, shared by all nodes): it must work for years, for members who have no subscription row, and for
/// thousands of recipients per issue without storing a secret for each; it names only the subscription or account id,
/// which is useless to anyone who cannot sign it.
/// </summary>
internal sealed class NewsletterTokens(IDataProtectionProvider protection)
{
    private readonly IDataProtector _unsubscribe = protection.CreateProtector("Quartiersnetz.Newsletter.Unsubscribe.v1");

    public static string NewConfirmationToken() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public string Unsubscribe(UnsubscribeTarget target) =>
        WebEncoders.Base64UrlEncode(_unsubscribe.Protect(Encoding.UTF8.GetBytes((target.IsMember ? "m:" : "s:") + target.Id.ToString("N"))));

    /// <summary>The target of a genuine token, or null for anything forged, truncated or malformed.</summary>
    public UnsubscribeTarget? ReadUnsubscribe(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 500)
        {
            return null;
        }

        try
        {
            var text = Encoding.UTF8.GetString(_unsubscribe.Unprotect(WebEncoders.Base64UrlDecode(token)));
            return text.Length > 2 && text[1] == ':' && Guid.TryParseExact(text[2..], "N", out var id) && text[0] is 'm' or 's'
                ? new UnsubscribeTarget(text[0] == 'm', id)
                : null;
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException)
        {
            return null;
        }
    }
}
