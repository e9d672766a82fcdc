using Quartiersnetz.Data;
using Quartiersnetz.Data.Reference;
using Quartiersnetz.Features.ProgrammeAreas;
using Quartiersnetz.Features.Shared;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.Platform.Caching;
using Quartiersnetz.Platform.Paging;
using Quartiersnetz.Platform.Search;

namespace Quartiersnetz.Features.Projects;

/// <summary>The Praxisdatenbank's filters; null is "all".</summary>
internal sealed record ProjectFilter(string? TopicSlug = null, ProjectStatus? Status = null, string? MunicipalityAgs = null, Guid? AreaId = null);

/// <summary>A project in lists, on the map and in the API.</summary>
internal sealed record ProjectSummary(
    Guid Id, string Slug, string Title, string Summary, string MunicipalityAgs, string MunicipalityName, Guid? AreaId, string? AreaName,
    ProjectStatus Status, int? StartYear, int? EndYear, DateTime? PublishedAtUtc)
{
    public string Url => "/praxisprojekte/" + Slug;

    /// <summary>"2019–2023", "seit 2021", "2024" or empty.</summary>
    public string Period => ProjectPeriod.Text(StartYear, EndYear);
}

internal sealed record ProjectImageView(Guid Id, string AltText, string? Credit)
{
    public string Url { get; init; } = "";
}

/// <summary>One project with everything its page and the edit form show.</summary>
internal sealed record ProjectDetails(
    Guid Id, string Slug, string Title, string Summary, string MunicipalityAgs, string MunicipalityName, Guid? AreaId, string? AreaName,
    UrbanDevelopmentProgramme Programme, ProjectStatus Status, int? StartYear, int? EndYear, decimal? CostsEuro, string? FundingSources,
    string? Partners, string? ContactName, string? ContactOrganisation, string? ContactEmail, string Goals, string? Approach, string? Results,
    string? LessonsLearned, string? WebsiteUrl, string? VideoUrl, double? Latitude, double? Longitude, ProjectReviewState ReviewState,
    string? ReviewNote, Guid? ProposedByAccountId, DateTime? SubmittedAtUtc, DateTime? PublishedAtUtc, DateTime UpdatedAtUtc, bool IsFeatured)
{
    public IReadOnlyList<TopicChoice> Topics { get; init; } = [];

    public IReadOnlyList<ProjectImageView> Images { get; init; } = [];

    public IReadOnlyList<ProjectDocumentView> Documents { get; init; } = [];

    /// <summary>Linked publications the viewer may read, in title order.</summary>
    public IReadOnlyList<LinkedPublicationView> Publications { get; init; } = [];

    /// <summary>Linked events the viewer may see, earliest first.</summary>
    public IReadOnlyList<LinkedEventView> Events { get; init; } = [];

    /// <summary>The point the map shows: the project's own, else its area's, else its municipality's.</summary>
    public (double Latitude, double Longitude) MapPoint { get; init; }

    public string Url => "/praxisprojekte/" + Slug;

    public string Period => ProjectPeriod.Text(StartYear, EndYear);

    public IEnumerable<string> PartnerLines => (Partners ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>A published project as a publication's page links it.</summary>
internal sealed record LinkedProjectView(string Slug, string Title, string MunicipalityName)
{
    public string Url => "/praxisprojekte/" + Slug;
}

/// <summary>A proposal in the proposer's or the office's queue.</summary>
internal sealed record ProjectQueueItem(
    Guid Id, string Slug, string Title, string MunicipalityName, ProjectReviewState ReviewState, string? ProposedBy, DateTime? SubmittedAtUtc,
    DateTime UpdatedAtUtc);

/// <summary>A published project as a point on the map.</summary>
internal sealed record ProjectPoint(string Slug, string Title, string MunicipalityName, ProjectStatus Status, double Latitude, double Longitude);

internal static class ProjectPeriod
{
    public static string Text(int? start, int? end) => (start, end) switch
    {
        ({ } s, { } e) when s == e => s.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ({ } s, { } e) => $"{s}–{e}",
        ({ } s, null) => $"seit {s}",
        (null, { } e) => $"bis {e}",
        _ => "",
    };
}

internal static class ListProjects
{
    public static IQueryable<Project> Published(QuartiersnetzDbContext db) =>
        db.Set<Project>().AsNoTracking().Where(p => p.ReviewState == ProjectReviewState.Published);

    /// <summary>
    /// <see cref="PageAsync"/> shared by everyone who asks with the same filter (<see cref="AudienceDataCache"/>): published
    /// projects are public, and signed-in pages never come from the output cache (ADR 0004). Any saved change drops it.
    /// </summary>
    public static Task<PagedResult<ProjectSummary>> CachedPageAsync(
        QuartiersnetzDbContext db, AudienceDataCache cache, ProjectFilter filter, PageRequest page, CancellationToken cancellationToken) =>
        cache.GetOrCreateAsync(
            string.Join('\u001f', "project-list", filter, page), AudienceDataCache.SavedChangeTags, r => 1 + (r.Items.Count / 10),
            () => PageAsync(db, filter, page, cancellationToken));

    public static async Task<PagedResult<ProjectSummary>> PageAsync(QuartiersnetzDbContext db, ProjectFilter filter, PageRequest page, CancellationToken cancellationToken)
    {
        var query = Filtered(db, Published(db), filter);
        return await Summaries(db, query.OrderByDescending(p => p.PublishedAtUtc).ThenBy(p => p.Id)).ToPageAsync(page, cancellationToken);
    }

    /// <summary>The home page's projects: those the office featured, newest first, filled up with the newest others.</summary>
    public static Task<List<ProjectSummary>> FeaturedAsync(QuartiersnetzDbContext db, int count, CancellationToken cancellationToken) =>
        Summaries(db, Published(db).OrderByDescending(p => p.IsFeatured).ThenByDescending(p => p.PublishedAtUtc).ThenBy(p => p.Id).Take(count))
            .ToListAsync(cancellationToken);

    /// <summary>All published projects the filter selects as map points; the point falls back to the area's, then the town's.</summary>
    public static Task<List<ProjectPoint>> PointsAsync(QuartiersnetzDbContext db, ProjectFilter filter, CancellationToken cancellationToken) =>
        Filtered(db, Published(db), filter)
            .Join(db.Set<Municipality>(), p => p.MunicipalityAgs, m => m.Ags, (p, m) => new { p, m })
            .GroupJoin(db.Set<ProgrammeArea>(), x => x.p.ProgrammeAreaId, a => a.Id, (x, areas) => new { x.p, x.m, areas })
            .SelectMany(x => x.areas.DefaultIfEmpty(), (x, a) => new { x.p, x.m, a })
            .OrderBy(x => x.p.Title).ThenBy(x => x.p.Id)
            .Select(x => new ProjectPoint(x.p.Slug, x.p.Title, x.m.Name, x.p.Status,
                x.p.Latitude ?? (x.a != null ? x.a.Latitude : x.m.Latitude),
                x.p.Longitude ?? (x.a != null ? x.a.Longitude : x.m.Longitude)))
            .ToListAsync(cancellationToken);

    /// <summary>
    /// A published project by its address; null for a missing or unpublished one (404 alike, nothing leaks). Its linked
    /// publications and events are those the audience may see.
    /// </summary>
    public static Task<ProjectDetails?> PublishedAsync(QuartiersnetzDbContext db, string slug, SearchAudience audience, CancellationToken cancellationToken) =>
        DetailsAsync(db, Published(db).Where(p => p.Slug == slug), audience, cancellationToken);

    /// <summary>Any project by id, unpublished included: for the edit page, which checks who may see it.</summary>
    public static Task<ProjectDetails?> ByIdAsync(QuartiersnetzDbContext db, Guid id, SearchAudience audience, CancellationToken cancellationToken) =>
        DetailsAsync(db, db.Set<Project>().AsNoTracking().Where(p => p.Id == id), audience, cancellationToken);

    /// <summary>The published projects that name a publication, in title order (projects are public once published).</summary>
    /// <remarks>
    /// The linked ids first: in one statement SQLite (without statistics) walked every published project through the
    /// review-state index and tested it against the links, 25–50 ms at 10,000 projects; most publications have no
    /// linked project, and then the second statement is not needed at all.
    /// </remarks>
    public static async Task<List<LinkedProjectView>> LinkedToPublicationAsync(QuartiersnetzDbContext db, Guid publicationId, CancellationToken cancellationToken)
    {
        var linked = await db.Set<ProjectPublication>().AsNoTracking().Where(l => l.PublicationId == publicationId).Select(l => l.ProjectId).ToListAsync(cancellationToken);
        if (linked.Count == 0)
        {
            return [];
        }

        return await Published(db).Where(p => linked.Contains(p.Id))
            .OrderBy(p => p.Title).ThenBy(p => p.Id)
            .Select(p => new LinkedProjectView(p.Slug, p.Title, db.Set<Municipality>().Where(m => m.Ags == p.MunicipalityAgs).Select(m => m.Name).First()))
            .ToListAsync(cancellationToken);
    }

    /// <summary>A proposer's own projects, any state, newest change first.</summary>
    public static Task<PagedResult<ProjectQueueItem>> OfProposerAsync(QuartiersnetzDbContext db, Guid accountId, PageRequest page, CancellationToken cancellationToken) =>
        Queue(db, db.Set<Project>().AsNoTracking().Where(p => p.ProposedByAccountId == accountId).OrderByDescending(p => p.UpdatedAtUtc).ThenBy(p => p.Id))
            .ToPageAsync(page, cancellationToken);

    /// <summary>The office's list: submitted proposals first (oldest waiting first), then the rest by last change.</summary>
    public static Task<PagedResult<ProjectQueueItem>> ForOfficeAsync(QuartiersnetzDbContext db, ProjectReviewState? state, PageRequest page, CancellationToken cancellationToken)
    {
        var query = db.Set<Project>().AsNoTracking();
        if (state is { } s)
        {
            query = query.Where(p => p.ReviewState == s);
        }

        var ordered = query
            .OrderBy(p => p.ReviewState == ProjectReviewState.Submitted ? 0 : 1)
            .ThenBy(p => p.ReviewState == ProjectReviewState.Submitted ? p.SubmittedAtUtc : null)
            .ThenByDescending(p => p.UpdatedAtUtc).ThenBy(p => p.Id);
        return Queue(db, ordered).ToPageAsync(page, cancellationToken);
    }

    public static IQueryable<Project> Filtered(QuartiersnetzDbContext db, IQueryable<Project> query, ProjectFilter filter)
    {
        if (filter.Status is { } status)
        {
            query = query.Where(p => p.Status == status);
        }

        if (filter.MunicipalityAgs is { } ags)
        {
            query = query.Where(p => p.MunicipalityAgs == ags);
        }

        if (filter.AreaId is { } areaId)
        {
            query = query.Where(p => p.ProgrammeAreaId == areaId);
        }

        if (!string.IsNullOrWhiteSpace(filter.TopicSlug))
        {
            var slug = filter.TopicSlug;
            var topicIds = db.Set<Topic>().Where(t => t.Slug == slug || db.Set<Topic>().Any(p => p.Id == t.ParentId && p.Slug == slug)).Select(t => t.Id);
            // Guid text differs by provider (SQLite upper case, PostgreSQL lower case); AssignTopics stores lower case.
#pragma warning disable CA1304, CA1311, CA1862 // translated to SQL lower(); culture and comparison overloads are not translatable
            query = query.Where(p => db.Set<TopicAssignment>()
                .Any(t => t.ItemKind == Project.TopicKind && t.ItemKey == p.Id.ToString().ToLower() && topicIds.Contains(t.TopicId)));
#pragma warning restore CA1304, CA1311, CA1862
        }

        return query;
    }

    private static IQueryable<ProjectSummary> Summaries(QuartiersnetzDbContext db, IQueryable<Project> query) =>
        query.Select(p => new ProjectSummary(p.Id, p.Slug, p.Title, p.Summary, p.MunicipalityAgs,
            db.Set<Municipality>().Where(m => m.Ags == p.MunicipalityAgs).Select(m => m.Name).First(),
            p.ProgrammeAreaId, db.Set<ProgrammeArea>().Where(a => a.Id == p.ProgrammeAreaId).Select(a => a.Name).FirstOrDefault(),
            p.Status, p.StartYear, p.EndYear, p.PublishedAtUtc));

    private static IQueryable<ProjectQueueItem> Queue(QuartiersnetzDbContext db, IQueryable<Project> query) =>
        query.Select(p => new ProjectQueueItem(p.Id, p.Slug, p.Title,
            db.Set<Municipality>().Where(m => m.Ags == p.MunicipalityAgs).Select(m => m.Name).First(),
            p.ReviewState,
            db.Set<Platform.Auth.UserAccount>().Where(u => u.Id == p.ProposedByAccountId).Select(u => u.DisplayName).FirstOrDefault(),
            p.SubmittedAtUtc, p.UpdatedAtUtc));

    private static async Task<ProjectDetails?> DetailsAsync(QuartiersnetzDbContext db, IQueryable<Project> query, SearchAudience audience, CancellationToken cancellationToken)
    {
        var row = await query
            .Select(p => new
            {
                Details = new ProjectDetails(p.Id, p.Slug, p.Title, p.Summary, p.MunicipalityAgs,
                    db.Set<Municipality>().Where(m => m.Ags == p.MunicipalityAgs).Select(m => m.Name).First(),
                    p.ProgrammeAreaId, db.Set<ProgrammeArea>().Where(a => a.Id == p.ProgrammeAreaId).Select(a => a.Name).FirstOrDefault(),
                    p.Programme, p.Status, p.StartYear, p.EndYear, p.CostsEuro, p.FundingSources, p.Partners, p.ContactName, p.ContactOrganisation,
                    p.ContactEmail, p.Goals, p.Approach, p.Results, p.LessonsLearned, p.WebsiteUrl, p.VideoUrl, p.Latitude, p.Longitude,
                    p.ReviewState, p.ReviewNote, p.ProposedByAccountId, p.SubmittedAtUtc, p.PublishedAtUtc, p.UpdatedAtUtc, p.IsFeatured),
                AreaLatitude = db.Set<ProgrammeArea>().Where(a => a.Id == p.ProgrammeAreaId).Select(a => (double?)a.Latitude).FirstOrDefault(),
                AreaLongitude = db.Set<ProgrammeArea>().Where(a => a.Id == p.ProgrammeAreaId).Select(a => (double?)a.Longitude).FirstOrDefault(),
                TownLatitude = db.Set<Municipality>().Where(m => m.Ags == p.MunicipalityAgs).Select(m => m.Latitude).First(),
                TownLongitude = db.Set<Municipality>().Where(m => m.Ags == p.MunicipalityAgs).Select(m => m.Longitude).First(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        var d = row.Details;
        var images = await db.Set<ProjectImage>().AsNoTracking().Where(i => i.ProjectId == d.Id).OrderBy(i => i.Position).ThenBy(i => i.UploadedAtUtc)
            .Select(i => new ProjectImageView(i.Id, i.AltText, i.Credit)).ToListAsync(cancellationToken);
        var topics = await AssignTopics.ForItemAsync(db, Project.TopicKind, d.Id.ToString(), cancellationToken);
        var documents = await ProjectDocuments.ListAsync(db, d.Id, cancellationToken);
        var publications = await LinkedItems.VisiblePublicationsAsync(
            db, db.Set<ProjectPublication>().Where(l => l.ProjectId == d.Id).Select(l => l.PublicationId), audience, cancellationToken);
        var events = await LinkedItems.VisibleEventsAsync(db, db.Set<ProjectEvent>().Where(l => l.ProjectId == d.Id).Select(l => l.EventId), audience, cancellationToken);
        var point = d.Latitude is { } lat && d.Longitude is { } lon ? (lat, lon)
            : row.AreaLatitude is { } alat && row.AreaLongitude is { } alon ? (alat, alon)
            : (row.TownLatitude, row.TownLongitude);
        return d with
        {
            Topics = topics,
            Documents = documents,
            Publications = publications,
            Events = events,
            Images = [.. images.Select(i => i with { Url = $"/praxisprojekte/{d.Id}/bilder/{i.Id}" })],
            MapPoint = point,
        };
    }
}
