using Microsoft.AspNetCore.Authorization;

namespace Quartiersnetz.Platform.Auth;

/// <summary>
/// Named authorization policies (permissions). Every page and endpoint names one of these or allows
/// anonymous access explicitly; anything else falls back to "signed in" so nothing is public by accident.
/// Which role holds which permission is written in docs/permissions.md and tested by the permission
/// matrix test. Pages and endpoints never check roles themselves.
/// </summary>
internal static class Policies
{
    /// <summary>The network's office: runs everything (members, mail, audit log, access requests).</summary>
    public const string Office = "Office";

    /// <summary>Any signed-in person with a role in the network: member-only content.</summary>
    public const string Member = "Member";

    /// <summary>Any signed-in person, with or without a role: their own profile, data and tokens.</summary>
    public const string SignedIn = "SignedIn";

    /// <summary>
    /// May invite people: the office (any role, any municipality) and a Kommunale Koordination (staff of
    /// their own municipality only; the handler checks the scope).
    /// </summary>
    public const string InvitePeople = "InvitePeople";

    /// <summary>
    /// May manage the people of their own municipality (claim qn:ags): a Kommunale Koordination, and the
    /// office. The use case checks the scope and which people may be changed.
    /// </summary>
    public const string ManageOwnMunicipality = "ManageOwnMunicipality";

    public static void Configure(AuthorizationOptions options)
    {
        // The office must have signed in with a second factor (TOTP or passkey), not with the password alone.
        options.AddPolicy(Office, p => p.RequireAuthenticatedUser().RequireRole(Roles.Office)
            .RequireClaim(SecondFactor.AuthenticationMethodClaim, SecondFactor.MultiFactor));
        options.AddPolicy(Member, p => p.RequireAuthenticatedUser().RequireRole(Roles.All));
        options.AddPolicy(SignedIn, p => p.RequireAuthenticatedUser());
        options.AddPolicy(InvitePeople, p => p.RequireAuthenticatedUser().RequireAssertion(OfficeOrCoordinator));
        options.AddPolicy(ManageOwnMunicipality, p => p.RequireAuthenticatedUser().RequireAssertion(OfficeOrCoordinator));
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
    }

    /// <summary>A Kommunale Koordination, or the office — whose rights count only with the second factor, as in <see cref="Office"/>.</summary>
    private static bool OfficeOrCoordinator(AuthorizationHandlerContext context) =>
        context.User.IsInRole(Roles.MunicipalCoordinator)
        || (context.User.IsInRole(Roles.Office) && context.User.HasSecondFactor());
}
