using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Localization;

namespace Quartiersnetz.Features.ApiAccess;

/// <summary>
/// Authenticates API calls with a personal access token ("Authorization: Bearer qnp_…"). The person gets
/// the same claims as with a cookie sign-in, built fresh from the database, so role changes and
/// deactivation take effect at once.
/// </summary>
internal sealed class PersonalAccessTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    QuartiersnetzDbContext db,
    SignInManager<UserAccount> signIn,
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
            .Select(t => new { t.Id, t.UserId, t.ExpiresAtUtc, t.RevokedAtUtc })
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

        var user = await signIn.UserManager.FindByIdAsync(token.UserId.ToString());
        if (user is null || await signIn.UserManager.IsLockedOutAsync(user))
        {
            return AuthenticateResult.Fail(l["Der Zugang zu diesem Token ist gesperrt oder gelöscht."]);
        }

        // A single conditional update: concurrent calls of one script write once per minute, not once each.
        var staleBefore = now - LastUsedPrecision;
        await db.Set<PersonalAccessToken>()
            .Where(t => t.Id == token.Id && (t.LastUsedAtUtc == null || t.LastUsedAtUtc < staleBefore))
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAtUtc, now), Context.RequestAborted);

        var principal = await signIn.CreateUserPrincipalAsync(user);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties) =>
        await BearerChallenge.WriteAsync(Context, (await HandleAuthenticateOnceSafeAsync()).Failure?.Message);
}
