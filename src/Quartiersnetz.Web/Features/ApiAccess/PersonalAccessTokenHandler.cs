using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Localization;

namespace Quartiersnetz.Features.ApiAccess;

/// <summary>
/// Authenticates API calls with a personal access token ("Authorization: Bearer qnp_…"). The person gets the same claims
/// as with a cookie sign-in. Every call reads the token and the account's current state in one query, so revocation,
/// expiry, deactivation, role changes and a new password take effect at once, on every app node; the claims themselves
/// are built again only when that state has changed (<see cref="PersonalAccessTokenPrincipals"/>).
/// </summary>
internal sealed class PersonalAccessTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    QuartiersnetzDbContext db,
    SignInManager<UserAccount> signIn,
    PersonalAccessTokenPrincipals principals,
    TimeProvider clock,
    IStringLocalizer<Texts> l)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>Last use is written at most this often, so busy scripts do not write on every call.</summary>
    private static readonly TimeSpan LastUsedPrecision = TimeSpan.FromMinutes(1);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var secret = ApiAuthentication.BearerToken(Request);
        if (secret is null)
        {
            return AuthenticateResult.NoResult();
        }

        var hash = PersonalAccessToken.HashOf(secret);
        var token = await db.Set<PersonalAccessToken>().AsNoTracking()
            .Where(t => t.TokenHash == hash)
            .Join(db.Users, t => t.UserId, u => u.Id, (t, u) => new
            {
                t.Id, t.UserId, t.ExpiresAtUtc, t.RevokedAtUtc, t.LastUsedAtUtc, u.LockoutEnabled, u.LockoutEnd,
                Account = new AccountState(u.SecurityStamp, u.ConcurrencyStamp, u.UserName, u.Email, u.DisplayName, u.MunicipalityAgs),
            })
            .SingleOrDefaultAsync(Context.RequestAborted);
        var now = clock.GetUtcNow().UtcDateTime;
        if (token is null)
        {
            return AuthenticateResult.Fail(l["Das Zugangstoken ist ungültig."]);
        }

        if (token.RevokedAtUtc is not null)
        {
            return AuthenticateResult.Fail(l["Das Zugangstoken wurde widerrufen."]);
        }

        if (token.ExpiresAtUtc <= now)
        {
            return AuthenticateResult.Fail(l["Das Zugangstoken ist abgelaufen. Bitte erstellen Sie ein neues."]);
        }

        // Identity's own rule (UserManager.IsLockedOutAsync), read from the same row.
        if (token.LockoutEnabled && token.LockoutEnd >= clock.GetUtcNow())
        {
            return AuthenticateResult.Fail(l["Der Zugang zu diesem Token ist gesperrt oder gelöscht."]);
        }

        if (token.LastUsedAtUtc is null || token.LastUsedAtUtc < now - LastUsedPrecision)
        {
            // A conditional update: concurrent calls of one script write once per minute, not once each.
            var staleBefore = now - LastUsedPrecision;
            await db.Set<PersonalAccessToken>()
                .Where(t => t.Id == token.Id && (t.LastUsedAtUtc == null || t.LastUsedAtUtc < staleBefore))
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAtUtc, now), Context.RequestAborted);
        }

        var principal = principals.Find(hash, token.Account);
        if (principal is null)
        {
            var user = await signIn.UserManager.FindByIdAsync(token.UserId.ToString());
            if (user is null)
            {
                return AuthenticateResult.Fail(l["Der Zugang zu diesem Token ist gesperrt oder gelöscht."]);
            }

            principal = await signIn.CreateUserPrincipalAsync(user);
            principals.Keep(hash, token.Account, principal);
        }

        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties) =>
        await BearerChallenge.WriteAsync(Context, (await HandleAuthenticateOnceSafeAsync()).Failure?.Message);
}

/// <summary>
/// What the claims of an account are built from: its stamps (Identity renews the concurrency stamp on every change
/// through the UserManager, role changes included; the app renews the security stamp when rights change) and the
/// fields the claims copy (<see cref="AccountClaimsFactory"/>). Equal state, equal claims.
/// </summary>
internal sealed record AccountState(string? SecurityStamp, string? ConcurrencyStamp, string? UserName, string? Email, string DisplayName, string? MunicipalityAgs);

/// <summary>
/// The claims built for a token, kept while the account's state stays the same. Building them costs five queries
/// (account, claims, roles, each role, its claims) on every API call otherwise; the check whether they still hold is part
/// of the one query the handler makes anyway. Kept in memory per node, bounded, dropped when unused for a while.
/// </summary>
internal sealed class PersonalAccessTokenPrincipals : IDisposable
{
    private const int MaxEntries = 10_000;

    private static readonly TimeSpan Unused = TimeSpan.FromMinutes(10);

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = MaxEntries });

    private sealed record Entry(AccountState Account, ClaimsPrincipal Principal);

    /// <summary>A copy of the claims kept for the token, if they were built from the same account state; else null.</summary>
    public ClaimsPrincipal? Find(string tokenHash, AccountState account) =>
        _cache.TryGetValue(tokenHash, out Entry? entry) && entry!.Account == account
            // A copy: authentication handlers and middleware may add to the principal of their request.
            ? new ClaimsPrincipal(entry.Principal.Identities.Select(i => i.Clone()))
            : null;

    public void Keep(string tokenHash, AccountState account, ClaimsPrincipal principal) =>
        _cache.Set(tokenHash, new Entry(account, new ClaimsPrincipal(principal.Identities.Select(i => i.Clone()))),
            new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = Unused });

    public void Dispose() => _cache.Dispose();
}
