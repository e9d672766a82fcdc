using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Quartiersnetz.Data;
using Quartiersnetz.Data.Reference;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Caching;

namespace Quartiersnetz.Features.Profile;

/// <summary>What a viewer may see of one person; a detail the viewer may not see is null.</summary>
internal sealed record PersonView(
    Guid Id, string Name, string? FunctionTitle, string? Organisation, string? Municipality, string? Phone, string? Email,
    bool ShowPhoto, IReadOnlyList<TopicChoice> Topics);

/// <summary>
/// A person's page. Public by address, but every detail is shown only to those its visibility allows;
/// a person whose name only the office may see does not exist for anyone else.
/// </summary>
[AllowAnonymous]
[OutputCache(PolicyName = PublicPageCache.PolicyName)]
internal sealed class PersonModel(QuartiersnetzDbContext db, IAuthorizationService authorization, AudienceDataCache cache) : PageModel
{
    public PersonView Person { get; private set; } = null!;

    public bool IsSelf { get; private set; }

    /// <summary>Programme areas the person is contact for; shown with the name, like the role on the area page.</summary>
    public IReadOnlyList<ProgrammeAreas.PersonArea> Areas { get; private set; } = [];

    /// <summary>
    /// Publications the person is linked to as author or editor, as far as the viewer may read them; null for none, and for
    /// a person the viewer is not shown as an author (not listed in the directory; <see cref="Library.ContributorLinks.ShownPeopleAsync"/>).
    /// </summary>
    public Library.PlacePublicationsModel? Publications { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var viewer = await ProfileVisibilityRules.ViewerAsync(authorization, User, id);
        var audience = await ViewerAudience.OfAsync(authorization, User);
        // Signed-in pages are never kept whole (ADR 0004), but what the page reads depends only on the kind of viewer, so
        // members and the office share it until the next saved change. The person themselves reads afresh.
        var content = viewer == ProfileViewer.Self
            ? await ReadAsync(id, viewer, audience, cancellationToken)
            : await cache.GetOrCreateAsync(
                $"person-page\u001f{id}\u001f{(int)viewer}\u001f{(int)audience}", AudienceDataCache.SavedChangeTags, c => c.Size,
                () => ReadAsync(id, viewer, audience, cancellationToken),
                keep: c => c.Person is not null);
        if (content.Person is null)
        {
            return NotFound();
        }

        IsSelf = viewer == ProfileViewer.Self;
        Person = content.Person;
        Areas = content.Areas;
        Publications = content.Publications;
        return Page();
    }

    /// <summary>What one kind of viewer sees of the person; no person when the viewer may not see the name.</summary>
    private sealed record PersonContent(PersonView? Person, IReadOnlyList<ProgrammeAreas.PersonArea> Areas, Library.PlacePublicationsModel? Publications)
    {
        public long Size => 1 + Areas.Count / 10 + (Publications?.Publications.Count ?? 0) / 5;
    }

    private static readonly PersonContent Missing = new(null, [], null);

    private async Task<PersonContent> ReadAsync(Guid id, ProfileViewer viewer, Platform.Search.SearchAudience audience, CancellationToken cancellationToken)
    {
        var row = await db.Users.AsNoTracking().Where(u => u.Id == id)
            .Select(u => new
            {
                u.Id, u.DisplayName, u.NameVisibility, u.FunctionTitle, u.FunctionVisibility, u.Organisation, u.MunicipalityAgs,
                u.OrganisationVisibility, u.PhoneNumber, u.PhoneVisibility, u.Email, u.EmailVisibility, u.PhotoFileName,
                u.PhotoVisibility,
            })
            .SingleOrDefaultAsync(cancellationToken);
        bool Can(ProfileVisibility visibility) => ProfileVisibilityRules.CanSee(visibility, viewer);
        if (row is null || !Can(row.NameVisibility))
        {
            return Missing;
        }

        var municipality = row.MunicipalityAgs is not null && Can(row.OrganisationVisibility)
            ? await db.Set<Municipality>().AsNoTracking().Where(m => m.Ags == row.MunicipalityAgs).Select(m => m.Name).SingleOrDefaultAsync(cancellationToken)
            : null;
        var person = new PersonView(
            row.Id,
            row.DisplayName,
            Can(row.FunctionVisibility) ? row.FunctionTitle : null,
            Can(row.OrganisationVisibility) ? row.Organisation : null,
            municipality,
            Can(row.PhoneVisibility) ? row.PhoneNumber : null,
            Can(row.EmailVisibility) ? row.Email : null,
            row.PhotoFileName is not null && Can(row.PhotoVisibility),
            // Topics are part of who the person is professionally: shown with the name.
            await AssignTopics.ForItemAsync(db, TopicKinds.Person, row.Id.ToString(), cancellationToken));
        var areas = await ProgrammeAreas.ListProgrammeAreas.ForContactAsync(db, row.Id, cancellationToken);
        // Linked publications only where the person is also shown as their author (listed, or the person themselves).
        var publications = viewer == ProfileViewer.Self
            || (await Library.ContributorLinks.ShownPeopleAsync(db, audience, [row.Id], cancellationToken)).Contains(row.Id)
            ? await Library.ContributorPublications.OfPersonAsync(db, audience, row.Id, cancellationToken)
            : null;
        return new PersonContent(person, areas, publications);
    }
}
