using System.Security.Claims;

namespace Quartiersnetz.Platform.Auth;

/// <summary>
/// How the app knows a session was opened with a second factor: Identity adds the claim amr=mfa when the
/// second step (authenticator or recovery code) succeeds; the app adds the same claim after a passkey
/// sign-in with user verification and right after a person proved a new authenticator code. The claim
/// lives only in the protected sign-in cookie, so a client cannot add it.
/// </summary>
internal static class SecondFactor
{
    public const string AuthenticationMethodClaim = "amr";
    public const string MultiFactor = "mfa";

    /// <summary>Set in addition to <see cref="MultiFactor"/> for a passkey sign-in (RFC 8176 "hwk").</summary>
    public const string HardwareKey = "hwk";

    public static bool HasSecondFactor(this ClaimsPrincipal user) => user.HasClaim(AuthenticationMethodClaim, MultiFactor);

    public static Claim MultiFactorClaim() => new(AuthenticationMethodClaim, MultiFactor);
}
