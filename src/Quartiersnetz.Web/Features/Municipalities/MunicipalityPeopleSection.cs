using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Quartiersnetz.Data;
using Quartiersnetz.Features.People;
using Quartiersnetz.Features.Profile;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Municipalities;
using Quartiersnetz.Platform.Privacy;

namespace Quartiersnetz.Features.Municipalities;

/// <summary>A person on a municipality page, reduced to what the viewer may see.</summary>
internal sealed record MunicipalityPerson(Guid Id, string Name, string? FunctionTitle, bool IsCoordinator, bool IsContact);

internal sealed record MunicipalityPeopleModel(IReadOnlyList<MunicipalityPerson> People, bool MorePeople);

/// <summary>
/// The people of a municipality. The public sees people whose name is public and who agreed to be listed;
/// members also see names visible to members; the office sees everyone. Two queries, however many people.
/// </summary>
internal sealed class MunicipalityPeopleSection(QuartiersnetzDbContext db, IAuthorizationService authorization) : IMunicipalitySection
{
    public const int MaxPeople = 200;

    public async Task<MunicipalitySectionView?> BuildAsync(string ags, ClaimsPrincipal viewer, CancellationToken cancellationToken)
    {
        var view = await ProfileVisibilityRules.ViewerAsync(authorization, viewer, Guid.Empty);
        var widest = view >= ProfileViewer.Office ? ProfileVisibility.Office
            : view >= ProfileViewer.Member ? ProfileVisibility.Members
            : ProfileVisibility.Public;
        var coordinatorRoleId = await db.Roles.AsNoTracking().Where(r => r.Name == Roles.MunicipalCoordinator).Select(r => r.Id).SingleAsync(cancellationToken);

        var query = db.Users.AsNoTracking().Where(u => u.MunicipalityAgs == ags && u.NameVisibility <= widest);
        if (view < ProfileViewer.Office)
        {
            query = query.Where(u => db.Set<ConsentRecord>().Any(c => c.UserId == u.Id && c.Kind == ConsentKinds.DirectoryListing && c.WithdrawnAtUtc == null));
        }

        var rows = await query
            .OrderBy(u => u.DisplayName).ThenBy(u => u.Id)
            .Take(MaxPeople + 1)
            .Select(u => new
            {
                u.Id, u.DisplayName, u.LockoutEnd, u.NameVisibility, u.FunctionTitle, u.FunctionVisibility,
                IsCoordinator = db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == coordinatorRoleId),
                IsContact = db.Set<NetworkMembership>().Any(n => n.MunicipalityAgs == ags && n.ContactPersonId == u.Id),
            })
            .ToListAsync(cancellationToken);

        var people = rows.Take(MaxPeople)
            .Where(r => ProfileVisibilityRules.CanSee(r.NameVisibility, view))
            // Deactivated accounts are gone for everyone but the office (SQLite cannot compare DateTimeOffset, so here).
            .Where(r => view >= ProfileViewer.Office || !AccountActivation.IsDeactivated(r.LockoutEnd))
            .Select(r => new MunicipalityPerson(
                r.Id, r.DisplayName, ProfileVisibilityRules.CanSee(r.FunctionVisibility, view) ? r.FunctionTitle : null, r.IsCoordinator, r.IsContact))
            .ToList();
        return new MunicipalitySectionView("_MunicipalityPeople", new MunicipalityPeopleModel(people, rows.Count > MaxPeople), 10);
    }
}
