using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Quartiersnetz.Platform.Search;

namespace Quartiersnetz.Platform.Auth;

/// <summary>Which audience a caller belongs to, decided by the named policies (never by role names).</summary>
internal static class ViewerAudience
{
    public static async Task<SearchAudience> OfAsync(IAuthorizationService authorization, ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            return SearchAudience.Public;
        }

        if ((await authorization.AuthorizeAsync(user, Policies.Office)).Succeeded)
        {
            return SearchAudience.Office;
        }

        return (await authorization.AuthorizeAsync(user, Policies.Member)).Succeeded ? SearchAudience.Members : SearchAudience.Public;
    }
}
