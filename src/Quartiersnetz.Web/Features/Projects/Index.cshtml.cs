using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Quartiersnetz.Data;
using Quartiersnetz.Data.Reference;
using Quartiersnetz.Features.Municipalities;
using Quartiersnetz.Features.ProgrammeAreas;
using Quartiersnetz.Features.Shared;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.Platform.Caching;
using Quartiersnetz.Platform.Paging;

namespace Quartiersnetz.Features.Projects;

/// <summary>
/// The Praxisdatenbank: published good-practice projects, filtered by topic (a field of action includes its sub-topics),
/// status, municipality or programme area (the links from their pages), newest first, paged. Unknown filter values are
/// dropped, so an old bookmark still opens the list.
/// </summary>
[AllowAnonymous]
[OutputCache(PolicyName = PublicPageCache.PolicyName)]
internal sealed class IndexModel(QuartiersnetzDbContext db, AudienceDataCache cache) : PageModel
{
    private const int PageSize = 20;

    [BindProperty(SupportsGet = true, Name = "thema")]
    public string? Topic { get; set; }

    [BindProperty(SupportsGet = true, Name = "stand")]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "gemeinde")]
    public string? Municipality { get; set; }

    [BindProperty(SupportsGet = true, Name = "gebiet")]
    public string? Area { get; set; }

    [BindProperty(SupportsGet = true, Name = "seite")]
    public int? PageNumber { get; set; }

    public IReadOnlyList<TopicGroup> Topics { get; private set; } = [];

    /// <summary>The name of the municipality or area the list is narrowed to, for the notice above it.</summary>
    public string? PlaceName { get; private set; }

    public PagedResult<ProjectSummary> Result { get; private set; } = new([], 1, PageSize, 0);

    public PagerModel Pager => new(Result.Page, Result.TotalPages, "/praxisprojekte",
        new Dictionary<string, string?> { ["thema"] = Topic, ["stand"] = Status, ["gemeinde"] = Municipality, ["gebiet"] = Area });

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Topics = await AssignTopics.ActiveTreeAsync(db, cancellationToken);
        Topic = Topics.SelectMany(g => g.SubTopics.Prepend(g.Topic)).Any(t => t.Slug == Topic) ? Topic : null;
        var status = ProjectLabels.Parse<ProjectStatus>(Status);
        Status = status?.ToString();
        Municipality = Municipality is { } ags && MunicipalityFilter.IsAgs(ags) ? ags : null;
        Guid? areaId = Guid.TryParse(Area, out var id) ? id : null;
        Area = areaId?.ToString();
        if (areaId is not null)
        {
            PlaceName = await db.Set<ProgrammeArea>().AsNoTracking().Where(a => a.Id == areaId).Select(a => a.Name).SingleOrDefaultAsync(cancellationToken);
        }
        else if (Municipality is not null)
        {
            PlaceName = await db.Set<Municipality>().AsNoTracking().Where(m => m.Ags == Municipality).Select(m => m.Name).SingleOrDefaultAsync(cancellationToken);
        }

        Result = await ListProjects.CachedPageAsync(db, cache, new ProjectFilter(Topic, status, Municipality, areaId),
            PageRequest.Lenient(PageNumber, PageSize, PageSize), cancellationToken);
    }
}
