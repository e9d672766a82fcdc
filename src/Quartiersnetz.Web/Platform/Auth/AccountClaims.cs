using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Quartiersnetz.Platform.Audit;

namespace Quartiersnetz.Platform.Auth;

/// <summary>Claims beyond Identity's defaults, read without a query on every request.</summary>
internal static class AccountClaims
{
    /// <summary>AGS of the person's municipality; scopes what a Kommunale Koordination may manage.</summary>
    public const string MunicipalityAgs = "qn:ags";

    public static string? Municipality(this ClaimsPrincipal user) => user.FindFirstValue(MunicipalityAgs);

    public static Guid? AccountId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
}

/// <summary>Adds the display name and municipality to the sign-in cookie and bearer tokens.</summary>
internal sealed class AccountClaimsFactory(
    UserManager<UserAccount> users, RoleManager<IdentityRole<Guid>> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<UserAccount, IdentityRole<Guid>>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(UserAccount user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(AuditClaims.DisplayName, user.DisplayName));
        if (!string.IsNullOrEmpty(user.MunicipalityAgs))
        {
            identity.AddClaim(new Claim(AccountClaims.MunicipalityAgs, user.MunicipalityAgs));
        }

        return identity;
    }
}
