using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Municipalities;
using Quartiersnetz.Features.ProgrammeAreas;
using Quartiersnetz.Features.Shared;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Caching;
using Quartiersnetz.Platform.Paging;

namespace Quartiersnetz.Features.Library;

/// <summary>
/// The library: published publications the viewer may read, filtered by type, topic and year, sorted, paged. Unknown
/// filter values are dropped (an old bookmark still opens the list) rather than refused.
/// </summary>
[AllowAnonymous]
// Anonymous visitors get the kept page (ADR 0004); any saved change drops it.
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = Quartiersnetz.Platform.Caching.PublicPageCache.PolicyName)]
internal sealed class IndexModel(QuartiersnetzDbContext db, IAuthorizationService authorization, AudienceDataCache cache) : PageModel
{
    private const int PageSize = 20;

    [BindProperty(SupportsGet = true, Name = "art")]
    public string? Type { get; set; }

    [BindProperty(SupportsGet = true, Name = "thema")]
    public string? Topic { get; set; }

    [BindProperty(SupportsGet = true, Name = "jahr")]
    public string? Year { get; set; }

    /// <summary>An AGS: the publications about one municipality (the link from its page).</summary>
    [BindProperty(SupportsGet = true, Name = "gemeinde")]
    public string? Municipality { get; set; }

    /// <summary>A programme area's id: the publications about it (the link from its page).</summary>
    [BindProperty(SupportsGet = true, Name = "gebiet")]
    public string? Area { get; set; }

    /// <summary>The name of the area the list is narrowed to, with its municipality, for the notice above it.</summary>
    public string? AreaName { get; private set; }

    /// <summary>A person's id: the publications linked to them (the link from their page), if the viewer may see their name.</summary>
    [BindProperty(SupportsGet = true, Name = "person")]
    public string? Person { get; set; }

    /// <summary>An organisation's id: the publications linked to it (the link from its page).</summary>
    [BindProperty(SupportsGet = true, Name = "organisation")]
    public string? Organisation { get; set; }

    /// <summary>The name of the person or organisation the list is narrowed to, for the notice above it.</summary>
    public string? ContributorName { get; private set; }

    [BindProperty(SupportsGet = true, Name = "sortierung")]
    public string? Sort { get; set; }

    [BindProperty(SupportsGet = true, Name = "seite")]
    public int? PageNumber { get; set; }

    public IReadOnlyList<TopicGroup> Topics { get; private set; } = [];

    public IReadOnlyList<int> Years { get; private set; } = [];

    public PagedResult<PublicationSummary> Result { get; private set; } = new([], 1, PageSize, 0);

    public PagerModel Pager => new(Result.Page, Result.TotalPages, "/bibliothek",
        new Dictionary<string, string?> { ["art"] = Type, ["thema"] = Topic, ["jahr"] = Year, ["gemeinde"] = Municipality, ["gebiet"] = Area, ["person"] = Person, ["organisation"] = Organisation, ["sortierung"] = Sort });

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var audience = await ViewerAudience.OfAsync(authorization, User);
        Topics = await AssignTopics.ActiveTreeAsync(db, cancellationToken);
        Years = await ListPublications.YearsAsync(db, cache, audience, cancellationToken);
        var type = PublicationLabels.Parse<PublicationType>(Type);
        Type = type?.ToString();
        Topic = Topics.SelectMany(g => g.SubTopics.Prepend(g.Topic)).Any(t => t.Slug == Topic) ? Topic : null;
        int? year = int.TryParse(Year, out var y) && Years.Contains(y) ? y : null;
        Year = year?.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Sort = LibraryFilter.Sorts.Contains(Sort) && Sort != LibraryFilter.Sorts[0] ? Sort : null;
        Municipality = Municipality is { } ags && MunicipalityFilter.IsAgs(ags) ? ags : null;
        Guid? areaId = null;
        if (Guid.TryParse(Area, out var id))
        {
            var area = await db.Set<ProgrammeArea>().AsNoTracking().Where(a => a.Id == id)
                .Join(db.Set<Data.Reference.Municipality>(), a => a.MunicipalityAgs, m => m.Ags, (a, m) => new { a.Name, Municipality = m.ShortName })
                .SingleOrDefaultAsync(cancellationToken);
            AreaName = area is null ? null : ProgrammeAreaNames.Line(area.Municipality, area.Name);
            areaId = AreaName is null ? null : id;
        }

        Area = areaId?.ToString();
        var (personId, organisationId) = await ContributorFilterAsync(audience, cancellationToken);
        Result = await ListPublications.CachedPageAsync(db, cache, audience, new LibraryFilter(type, Topic, year, Sort, Municipality, areaId, PersonId: personId, OrganisationId: organisationId),
            PageRequest.Lenient(PageNumber, PageSize, PageSize), cancellationToken);
    }

    /// <summary>
    /// The person or organisation to narrow to, if it exists and (for a person) the viewer is shown the person
    /// (<see cref="ContributorLinks.ShownPeopleAsync"/>, or it is the viewer themselves); otherwise the parameter is dropped
    /// like any unknown filter value, so an id does not reveal whether a hidden person exists.
    /// </summary>
    private async Task<(Guid? PersonId, Guid? OrganisationId)> ContributorFilterAsync(Platform.Search.SearchAudience audience, CancellationToken cancellationToken)
    {
        Guid? personId = null, organisationId = null;
        if (Guid.TryParse(Person, out var person))
        {
            if (person == User.AccountId() || (await ContributorLinks.ShownPeopleAsync(db, audience, [person], cancellationToken)).Contains(person))
            {
                ContributorName = await db.Users.AsNoTracking().Where(u => u.Id == person).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken);
                personId = ContributorName is null ? null : person;
            }
        }
        else if (Guid.TryParse(Organisation, out var organisation))
        {
            ContributorName = await db.Set<Organisations.Organisation>().AsNoTracking().Where(o => o.Id == organisation).Select(o => o.Name).SingleOrDefaultAsync(cancellationToken);
            organisationId = ContributorName is null ? null : organisation;
        }

        Person = personId?.ToString();
        Organisation = organisationId?.ToString();
        return (personId, organisationId);
    }
}
