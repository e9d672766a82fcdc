using System.Globalization;
using System.Security.Claims;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Municipalities;
using Quartiersnetz.Platform.Paging;
using Quartiersnetz.Platform.ProgrammeAreas;
using Quartiersnetz.Platform.Topics;

namespace Quartiersnetz.Features.Projects;

/// <summary>The projects a section lists, with the link to all of them in the Praxisdatenbank.</summary>
internal sealed record PlaceProjectsModel(IReadOnlyList<ProjectSummary> Projects, int TotalCount, string AllUrl, bool ShowArea);

/// <summary>A municipality's published projects on its page (two queries: the page and the count).</summary>
internal sealed class ProjectMunicipalitySection(QuartiersnetzDbContext db) : IMunicipalitySection
{
    public const int MaxItems = 10;

    public async Task<MunicipalitySectionView?> BuildAsync(string ags, ClaimsPrincipal viewer, CancellationToken cancellationToken)
    {
        var result = await ListProjects.PageAsync(db, new ProjectFilter(MunicipalityAgs: ags), new PageRequest(1, MaxItems), cancellationToken);
        return result.TotalCount == 0 ? null
            : new MunicipalitySectionView("~/Features/Projects/_PlaceProjects.cshtml",
                new PlaceProjectsModel(result.Items, result.TotalCount, "/praxisprojekte?gemeinde=" + Uri.EscapeDataString(ags), ShowArea: true), 6);
    }
}

/// <summary>A programme area's published projects on its page.</summary>
internal sealed class ProjectAreaSection(QuartiersnetzDbContext db) : IProgrammeAreaSection
{
    public async Task<ProgrammeAreaSectionView?> BuildAsync(Guid areaId, ClaimsPrincipal viewer, CancellationToken cancellationToken)
    {
        var result = await ListProjects.PageAsync(db, new ProjectFilter(AreaId: areaId), new PageRequest(1, ProjectMunicipalitySection.MaxItems), cancellationToken);
        return result.TotalCount == 0 ? null
            : new ProgrammeAreaSectionView("~/Features/Projects/_PlaceProjects.cshtml",
                new PlaceProjectsModel(result.Items, result.TotalCount, "/praxisprojekte?gebiet=" + areaId, ShowArea: false), 1);
    }
}

/// <summary>The published projects on a topic (one query for all keys); projects are public, so every audience sees the same.</summary>
internal sealed class ProjectTopicSource(QuartiersnetzDbContext db) : ITopicItemSource
{
    private const int MaxItems = 20;

    public string ItemKind => Project.TopicKind;

    public string SectionTitle => "Praxisprojekte";

    public async Task<IReadOnlyList<TopicItem>> ItemsAsync(IReadOnlyCollection<string> itemKeys, ClaimsPrincipal viewer, CancellationToken cancellationToken)
    {
        var ids = itemKeys.Select(k => Guid.TryParse(k, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).Distinct().ToList();
        if (ids.Count == 0)
        {
            return [];
        }

        var items = await ListProjects.Published(db)
            .Where(p => EF.Parameter(ids).Contains(p.Id))
            .OrderByDescending(p => p.PublishedAtUtc).ThenBy(p => p.Id)
            .Take(MaxItems)
            .Select(p => new { p.Slug, p.Title, Municipality = db.Set<Data.Reference.Municipality>().Where(m => m.Ags == p.MunicipalityAgs).Select(m => m.Name).First(), p.StartYear })
            .ToListAsync(cancellationToken);
        return [.. items.Select(p => new TopicItem(p.Title, "/praxisprojekte/" + p.Slug,
            p.StartYear is { } year ? $"{p.Municipality}, {year.ToString(CultureInfo.InvariantCulture)}" : p.Municipality))];
    }
}
