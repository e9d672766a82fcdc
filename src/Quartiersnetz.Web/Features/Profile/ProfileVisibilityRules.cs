using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.Features.Profile;

/// <summary>Whose eyes look at a profile, from the narrowest to the widest view.</summary>
internal enum ProfileViewer
{
    /// <summary>Anyone, including people who are not signed in or have no role yet.</summary>
    Public = 0,

    /// <summary>A signed-in member of the network (any role).</summary>
    Member = 1,

    /// <summary>The office.</summary>
    Office = 2,

    /// <summary>The person themselves: sees everything they entered.</summary>
    Self = 3,
}

/// <summary>
/// The one place that decides who sees which profile detail. The person page, the photo and later the
/// member directory all ask here, so a detail hidden in one place is hidden everywhere.
/// </summary>
internal static class ProfileVisibilityRules
{
    public static bool CanSee(ProfileVisibility visibility, ProfileViewer viewer) => visibility switch
    {
        ProfileVisibility.Public => true,
        ProfileVisibility.Members => viewer >= ProfileViewer.Member,
        ProfileVisibility.Office => viewer >= ProfileViewer.Office,
        _ => false,
    };

    /// <summary>Classifies the viewer through the named policies, never by role names.</summary>
    public static async Task<ProfileViewer> ViewerAsync(IAuthorizationService authorization, ClaimsPrincipal user, Guid profileId)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            return ProfileViewer.Public;
        }

        if (user.AccountId() == profileId)
        {
            return ProfileViewer.Self;
        }

        if ((await authorization.AuthorizeAsync(user, Policies.Office)).Succeeded)
        {
            return ProfileViewer.Office;
        }

        return (await authorization.AuthorizeAsync(user, Policies.Member)).Succeeded ? ProfileViewer.Member : ProfileViewer.Public;
    }

    /// <summary>German source text for the localizer.</summary>
    public static string Label(ProfileVisibility visibility) => visibility switch
    {
        ProfileVisibility.Public => "öffentlich",
        ProfileVisibility.Members => "Mitglieder",
        _ => "nur Geschäftsstelle",
    };
}
