using Microsoft.AspNetCore.Authorization;

namespace Quartiersnetz.Platform.Auth;

/// <summary>
/// Named authorization policies. Every page and endpoint names one of these or allows anonymous
/// access explicitly; anything else falls back to "signed in" so nothing is public by accident.
/// </summary>
internal static class Policies
{
    /// <summary>The network's office: runs everything.</summary>
    public const string Office = "Office";

    /// <summary>Any signed-in person with a role in the network.</summary>
    public const string Member = "Member";

    public static void Configure(AuthorizationOptions options)
    {
        options.AddPolicy(Office, p => p.RequireAuthenticatedUser().RequireRole(Roles.Office));
        options.AddPolicy(Member, p => p.RequireAuthenticatedUser().RequireRole(Roles.All));
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
    }
}
