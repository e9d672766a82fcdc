using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.Bench.Load;

/// <summary>
/// A signed-in browser's cookie as the load generator sends it. The app checks the account behind a cookie every five
/// minutes (security stamp, <c>AccountSecurity</c>) and answers with a renewed cookie, which a browser keeps; wrk sends
/// the same header for its whole run, so from the sixth minute of a bench run every request of the old cookie was
/// checked again: five more queries and about a quarter of the CPU of a page (seen on the participant list, 9 queries
/// instead of 4). Signing in again before that keeps each page on the path real browsers take.
/// </summary>
internal sealed class CookieSession(Func<CancellationToken, Task<string>> signIn, TimeProvider clock)
{
    /// <summary>Well inside the app's interval: a page's warm-up, single request and load run take under 20 s.</summary>
    public static readonly TimeSpan RenewAfter = AccountSecurity.StampValidationInterval / 2;

    private string? cookie;
    private DateTimeOffset signedInAt;

    /// <summary>The Cookie header value, signed in anew when the last sign-in is <see cref="RenewAfter"/> old.</summary>
    public async Task<string> CookieAsync(CancellationToken cancellationToken)
    {
        if (cookie is null || clock.GetUtcNow() - signedInAt >= RenewAfter)
        {
            cookie = await signIn(cancellationToken);
            signedInAt = clock.GetUtcNow();
        }

        return cookie;
    }
}
