using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Privacy;

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

    /// <summary>
    /// Narrows people to those an audience below the office finds in lists: the viewer themselves, and everyone whose
    /// name the audience may see who agreed to the directory listing or is an external contact the office keeps.
    /// </summary>
    /// <param name="visible">The name visibilities the audience may see.</param>
    /// <param name="self">The viewer, who always finds themselves; <see cref="Guid.Empty"/> for nobody.</param>
    /// <param name="probePerRow">
    /// True for a page of rows along an index: the consent is then looked up per row read. Inside an OR, PostgreSQL
    /// turns an EXISTS into a hashed subplan that reads every consent record (about 20 ms at 25,000 people) even when
    /// the page stops after 50 rows; a scalar subquery with LIMIT 1 cannot be hashed. False when every row is read
    /// anyway (counts), where the one hashed read is the cheaper plan.
    /// </param>
    public static IQueryable<UserAccount> ListedFor(
        IQueryable<UserAccount> users, QuartiersnetzDbContext db, IReadOnlyCollection<ProfileVisibility> visible, Guid self, bool probePerRow)
    {
        var consents = db.Set<ConsentRecord>().Where(c => c.Kind == ConsentKinds.DirectoryListing && c.WithdrawnAtUtc == null);
        return probePerRow
            ? users.Where(u => u.Id == self
                || (visible.Contains(u.NameVisibility)
                    && (u.IsExternalContact || consents.Where(c => c.UserId == u.Id).Select(c => (Guid?)c.Id).FirstOrDefault() != null)))
            : users.Where(u => u.Id == self
                || (visible.Contains(u.NameVisibility) && (u.IsExternalContact || consents.Any(c => c.UserId == u.Id))));
    }

    /// <summary>German source text for the localizer.</summary>
    public static string Label(ProfileVisibility visibility) => visibility switch
    {
        ProfileVisibility.Public => "öffentlich",
        ProfileVisibility.Members => "Mitglieder",
        _ => "nur Geschäftsstelle",
    };
}
