using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Quartiersnetz.Platform.Errors;
using Quartiersnetz.Platform.Localization;

namespace Quartiersnetz.Platform.Auth;

/// <summary>
/// Who is calling: pages always use the Identity cookie; /api/v1 also accepts "Authorization: Bearer"
/// with a short-lived access token (from POST /api/v1/auth/token) or a personal access token ("qnp_…").
/// A policy scheme picks the handler per request, so endpoints only name policies, never schemes.
/// </summary>
internal static class ApiAuthentication
{
    /// <summary>The default scheme: forwards to the cookie or to a bearer handler.</summary>
    public const string DefaultScheme = "Quartiersnetz";

    public const string AccessTokenScheme = "AccessToken";

    /// <summary>Handler registered by the API-access feature, which owns the token table.</summary>
    public const string PersonalAccessTokenScheme = "PersonalAccessToken";

    /// <summary>Personal access tokens start with this; data-protected access tokens never do (they start with "CfDJ8").</summary>
    public const string PersonalAccessTokenPrefix = "qnp_";

    /// <summary>Claim "authentication methods references"; "mfa" when a second factor was verified.</summary>
    public const string AuthenticationMethodClaim = "amr";

    public static AuthenticationBuilder AddApiAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(ApiTokenOptions.FromConfiguration(configuration));
        services.AddSingleton<AccessTokens>();
        return services.AddAuthentication(DefaultScheme)
            .AddPolicyScheme(DefaultScheme, null, options => options.ForwardDefaultSelector = SelectScheme)
            .AddScheme<AuthenticationSchemeOptions, AccessTokenHandler>(AccessTokenScheme, null);
    }

    /// <summary>The bearer token of the request, or null when it carries none.</summary>
    public static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = header["Bearer ".Length..].Trim();
        return token.Length == 0 ? null : token;
    }

    private static string SelectScheme(HttpContext context)
    {
        if (!ErrorHandling.IsApi(context))
        {
            return IdentityConstants.ApplicationScheme;
        }

        var token = BearerToken(context.Request);
        if (token is not null)
        {
            return token.StartsWith(PersonalAccessTokenPrefix, StringComparison.Ordinal) ? PersonalAccessTokenScheme : AccessTokenScheme;
        }

        // The API ignores the cookie for anything but reads: a cross-site form cannot ride on a signed-in
        // browser to change data, so the JSON API needs no antiforgery token. Scripts use bearer tokens.
        var method = context.Request.Method;
        return HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method)
            ? IdentityConstants.ApplicationScheme
            : AccessTokenScheme;
    }
}

/// <param name="AccessTokenLifetime">How long an access token from POST /api/v1/auth/token is valid.</param>
internal sealed record ApiTokenOptions(TimeSpan AccessTokenLifetime)
{
    public const string LifetimeKey = "ApiTokens:AccessTokenLifetime";
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(1);

    /// <summary>Like the other limits, a missing, unreadable or non-positive value falls back to the default (1 h).</summary>
    public static ApiTokenOptions FromConfiguration(IConfiguration configuration) =>
        new(TimeSpan.TryParse(configuration[LifetimeKey], System.Globalization.CultureInfo.InvariantCulture, out var lifetime) && lifetime > TimeSpan.Zero
            ? lifetime
            : DefaultLifetime);
}

/// <summary>
/// Issues and reads short-lived access tokens: an authentication ticket protected with ASP.NET Core data
/// protection. The keys live in the database, so a token issued by one app node is read by every other.
/// </summary>
internal sealed class AccessTokens(IDataProtectionProvider dataProtection, TimeProvider clock, ApiTokenOptions options)
{
    private readonly TicketDataFormat _format = new(dataProtection.CreateProtector("Quartiersnetz.AccessToken.v1"));

    public (string Token, DateTime ExpiresAtUtc) Issue(ClaimsPrincipal principal)
    {
        var now = clock.GetUtcNow();
        // Whole seconds, so the expiry the client reads is exactly the one enforced.
        var expires = new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero) + options.AccessTokenLifetime;
        var properties = new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = expires };
        var token = _format.Protect(new AuthenticationTicket(principal, properties, ApiAuthentication.AccessTokenScheme));
        return (token, expires.UtcDateTime);
    }

    /// <summary>The ticket of a valid, unexpired token; null for anything else (garbage, foreign keys, expired).</summary>
    public AuthenticationTicket? Read(string token)
    {
        var ticket = _format.Unprotect(token);
        return ticket?.Properties.ExpiresUtc is { } expires && expires > clock.GetUtcNow() ? ticket : null;
    }
}

/// <summary>Authenticates API calls with an access token; refuses tokens of locked, deleted or changed accounts.</summary>
internal sealed class AccessTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AccessTokens tokens,
    SignInManager<UserAccount> signIn,
    IStringLocalizer<Texts> l)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = ApiAuthentication.BearerToken(Request);
        if (token is null)
        {
            return AuthenticateResult.NoResult();
        }

        var ticket = tokens.Read(token);
        if (ticket is null)
        {
            return AuthenticateResult.Fail(l["Das Zugangstoken ist ungültig oder abgelaufen. Bitte fordern Sie ein neues an."]);
        }

        // A new security stamp (password change, role change, deactivation) ends all access tokens at once.
        var user = await signIn.ValidateSecurityStampAsync(ticket.Principal);
        if (user is null || await signIn.UserManager.IsLockedOutAsync(user))
        {
            return AuthenticateResult.Fail(l["Das Zugangstoken gilt nicht mehr: Der Zugang wurde geändert, gesperrt oder gelöscht."]);
        }

        return AuthenticateResult.Success(new AuthenticationTicket(ticket.Principal, ticket.Properties, Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties) =>
        await BearerChallenge.WriteAsync(Context, (await HandleAuthenticateOnceSafeAsync()).Failure?.Message);
}

/// <summary>The answer to an API call without valid credentials: 401 ProblemDetails, never a redirect.</summary>
internal static class BearerChallenge
{
    public static async Task WriteAsync(HttpContext context, string? failure)
    {
        var l = context.RequestServices.GetRequiredService<IStringLocalizer<Texts>>();
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = failure is null ? "Bearer" : "Bearer error=\"invalid_token\"";
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = l["Anmeldung erforderlich"],
                Detail = failure ?? l["Diese Schnittstelle erfordert ein Zugangstoken im Kopf „Authorization: Bearer …“."],
            },
        });
    }
}
