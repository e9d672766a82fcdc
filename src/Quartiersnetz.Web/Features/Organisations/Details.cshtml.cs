using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Quartiersnetz.Data;
using Quartiersnetz.Features.People;
using Quartiersnetz.Features.Profile;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Caching;
using Quartiersnetz.Platform.Privacy;

namespace Quartiersnetz.Features.Organisations;

internal sealed record OrganisationPerson(Guid Id, string Name, string? FunctionTitle);

/// <summary>
/// The public page of an organisation with its people: the public sees people whose name is public and who
/// agreed to be listed, members also names visible to members, the office everyone.
/// </summary>
[AllowAnonymous]
[OutputCache(PolicyName = PublicPageCache.PolicyName)]
internal sealed class DetailsModel(QuartiersnetzDbContext db, IAuthorizationService authorization) : PageModel
{
    public const int MaxPeople = 200;

    public OrganisationDetails Organisation { get; private set; } = null!;

    public string? MunicipalityName { get; private set; }

    public IReadOnlyList<OrganisationPerson> People { get; private set; } = [];

    /// <summary>Publications the organisation is linked to as author or editor, as far as the viewer may read them; null for none.</summary>
    public Library.PlacePublicationsModel? Publications { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var organisation = await ListOrganisations.DetailsAsync(db, id, cancellationToken);
        if (organisation is null)
        {
            return NotFound();
        }

        Organisation = organisation;
        MunicipalityName = organisation.MunicipalityAgs is null ? null
            : await db.Set<Data.Reference.Municipality>().AsNoTracking().Where(m => m.Ags == organisation.MunicipalityAgs).Select(m => m.Name).SingleOrDefaultAsync(cancellationToken);

        var view = await ProfileVisibilityRules.ViewerAsync(authorization, User, Guid.Empty);
        var widest = view >= ProfileViewer.Office ? ProfileVisibility.Office
            : view >= ProfileViewer.Member ? ProfileVisibility.Members
            : ProfileVisibility.Public;
        var query = db.Users.AsNoTracking().Where(u => u.OrganisationId == id && u.NameVisibility <= widest);
        if (view < ProfileViewer.Office)
        {
            query = query.Where(u => db.Set<ConsentRecord>().Any(c => c.UserId == u.Id && c.Kind == ConsentKinds.DirectoryListing && c.WithdrawnAtUtc == null));
        }

        var rows = await query
            .OrderBy(u => u.DisplayName).ThenBy(u => u.Id)
            .Take(MaxPeople)
            .Select(u => new { u.Id, u.DisplayName, u.LockoutEnd, u.NameVisibility, u.FunctionTitle, u.FunctionVisibility })
            .ToListAsync(cancellationToken);
        People = [.. rows
            .Where(r => ProfileVisibilityRules.CanSee(r.NameVisibility, view))
            .Where(r => view >= ProfileViewer.Office || !AccountActivation.IsDeactivated(r.LockoutEnd))
            .Select(r => new OrganisationPerson(r.Id, r.DisplayName, ProfileVisibilityRules.CanSee(r.FunctionVisibility, view) ? r.FunctionTitle : null))];
        Publications = await Library.ContributorPublications.OfOrganisationAsync(db, await ViewerAudience.OfAsync(authorization, User), id, cancellationToken);
        return Page();
    }
}
