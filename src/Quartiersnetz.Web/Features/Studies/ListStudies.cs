using System.Linq.Expressions;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Library;
using Quartiersnetz.Features.Shared;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.Platform.Paging;
using Quartiersnetz.Platform.Search;

namespace Quartiersnetz.Features.Studies;

/// <summary>A study in lists and in the API's list.</summary>
internal sealed record StudySummary(
    Guid Id, string Slug, string Title, string? Contractor, StudyStatus Status, DateOnly? StartOn, DateOnly? EndOn, PublicationVisibility Visibility,
    DateTime? PublishedAtUtc)
{
    public string Url => "/studien/" + Slug;

    /// <summary>Deliverables owed and those with a published report.</summary>
    public int DeliverableCount { get; init; }

    public int DeliveredCount { get; init; }
}

/// <summary>
/// A deliverable as the viewer may see it: the publication only when they may read it (a draft or a members' report
/// shows as "not yet public" without its address).
/// </summary>
internal sealed record StudyDeliverableView(Guid Id, PublicationType Type, string Title, DateOnly? DueOn, Guid? PublicationId)
{
    public string? PublicationSlug { get; init; }

    public string? PublicationUrl => PublicationSlug is null ? null : "/bibliothek/" + PublicationSlug;

    /// <summary>The publication is out and this viewer may read it.</summary>
    public bool IsDelivered => PublicationSlug is not null;

    /// <summary>For the office: the linked publication is still a draft.</summary>
    public bool IsDraft { get; init; }
}

internal sealed record StudyDetails(
    Guid Id, string Slug, string Title, string Question, string? Contractor, decimal? BudgetEuro, DateOnly? AwardedOn, DateOnly? StartOn,
    DateOnly? EndOn, StudyStatus Status, string? SteeringGroup, PublicationVisibility Visibility, DateTime? PublishedAtUtc, DateTime UpdatedAtUtc)
{
    public string Url => "/studien/" + Slug;

    public IReadOnlyList<TopicChoice> Topics { get; init; } = [];

    public IReadOnlyList<StudyDeliverableView> Deliverables { get; init; } = [];

    public IEnumerable<string> SteeringMembers => (SteeringGroup ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>The list's filters; null is "all".</summary>
internal sealed record StudyFilter(string? TopicSlug = null, StudyStatus? Status = null);

internal static class ListStudies
{
    /// <summary>Published studies the audience may see; drafts only on the office's pages.</summary>
    public static Expression<Func<Study, bool>> PublishedFor(SearchAudience audience) =>
        audience >= SearchAudience.Members
            ? s => s.PublishedAtUtc != null
            : s => s.PublishedAtUtc != null && s.Visibility == PublicationVisibility.Public;

    public static Task<PagedResult<StudySummary>> PageAsync(
        QuartiersnetzDbContext db, SearchAudience audience, StudyFilter filter, PageRequest page, CancellationToken cancellationToken)
    {
        var query = db.Set<Study>().AsNoTracking().Where(PublishedFor(audience));
        if (filter.Status is { } status)
        {
            query = query.Where(s => s.Status == status);
        }

        if (!string.IsNullOrWhiteSpace(filter.TopicSlug))
        {
            var slug = filter.TopicSlug;
            var topicIds = db.Set<Topic>().Where(t => t.Slug == slug || db.Set<Topic>().Any(p => p.Id == t.ParentId && p.Slug == slug)).Select(t => t.Id);
            // Guid text differs by provider (SQLite upper case, PostgreSQL lower case); AssignTopics stores lower case.
#pragma warning disable CA1304, CA1311, CA1862 // translated to SQL lower(); culture and comparison overloads are not translatable
            query = query.Where(s => db.Set<TopicAssignment>()
                .Any(t => t.ItemKind == Study.TopicKind && t.ItemKey == s.Id.ToString().ToLower() && topicIds.Contains(t.TopicId)));
#pragma warning restore CA1304, CA1311, CA1862
        }

        // Running contracts first, then by their start, newest first.
        return Summaries(db, audience, query
                .OrderBy(s => s.Status == StudyStatus.Completed || s.Status == StudyStatus.Cancelled)
                .ThenByDescending(s => s.StartOn ?? s.AwardedOn)
                .ThenBy(s => s.Title).ThenBy(s => s.Id))
            .ToPageAsync(page, cancellationToken);
    }

    /// <summary>Every study for the office, drafts first, then the most recently changed.</summary>
    public static Task<PagedResult<StudySummary>> ForOfficeAsync(QuartiersnetzDbContext db, PageRequest page, CancellationToken cancellationToken) =>
        Summaries(db, SearchAudience.Office, db.Set<Study>().AsNoTracking()
                .OrderBy(s => s.PublishedAtUtc != null).ThenByDescending(s => s.UpdatedAtUtc).ThenBy(s => s.Id))
            .ToPageAsync(page, cancellationToken);

    /// <summary>The study if the audience may see it (anything for the office); null answers 404 like a missing one.</summary>
    public static Task<StudyDetails?> DetailsAsync(QuartiersnetzDbContext db, SearchAudience audience, string slug, CancellationToken cancellationToken)
    {
        var query = db.Set<Study>().AsNoTracking().Where(s => s.Slug == slug);
        return DetailsAsync(db, audience, audience == SearchAudience.Office ? query : query.Where(PublishedFor(audience)), cancellationToken);
    }

    public static Task<StudyDetails?> ForOfficeAsync(QuartiersnetzDbContext db, Guid id, CancellationToken cancellationToken) =>
        DetailsAsync(db, SearchAudience.Office, db.Set<Study>().AsNoTracking().Where(s => s.Id == id), cancellationToken);

    /// <summary>The study a publication came from, if the viewer may see it (a publication's page names it).</summary>
    public static Task<StudySummary?> OfPublicationAsync(QuartiersnetzDbContext db, SearchAudience audience, Guid publicationId, CancellationToken cancellationToken)
    {
        var studies = audience == SearchAudience.Office ? db.Set<Study>() : db.Set<Study>().Where(PublishedFor(audience));
        var linked = db.Set<StudyDeliverable>().Where(d => d.PublicationId == publicationId).Select(d => d.StudyId);
        return studies.AsNoTracking()
            .Where(s => linked.Contains(s.Id))
            .Select(s => new StudySummary(s.Id, s.Slug, s.Title, s.Contractor, s.Status, s.StartOn, s.EndOn, s.Visibility, s.PublishedAtUtc))
            .FirstOrDefaultAsync(cancellationToken);
    }

    private static IQueryable<StudySummary> Summaries(QuartiersnetzDbContext db, SearchAudience audience, IQueryable<Study> query)
    {
        // A report counts as out when its publication is published and this audience may read it (drafts never count).
        var readable = db.Set<Publication>().Where(ListPublications.PublishedFor(audience));
        return query.Select(s => new StudySummary(s.Id, s.Slug, s.Title, s.Contractor, s.Status, s.StartOn, s.EndOn, s.Visibility, s.PublishedAtUtc)
        {
            DeliverableCount = db.Set<StudyDeliverable>().Count(d => d.StudyId == s.Id),
            DeliveredCount = db.Set<StudyDeliverable>().Count(d => d.StudyId == s.Id && readable.Any(p => p.Id == d.PublicationId)),
        });
    }

    private static async Task<StudyDetails?> DetailsAsync(QuartiersnetzDbContext db, SearchAudience audience, IQueryable<Study> query, CancellationToken cancellationToken)
    {
        var details = await query
            .Select(s => new StudyDetails(s.Id, s.Slug, s.Title, s.Question, s.Contractor, s.BudgetEuro, s.AwardedOn, s.StartOn, s.EndOn, s.Status,
                s.SteeringGroup, s.Visibility, s.PublishedAtUtc, s.UpdatedAtUtc))
            .SingleOrDefaultAsync(cancellationToken);
        if (details is null)
        {
            return null;
        }

        var id = details.Id;
        // The office sees drafts linked too (to finish them); everyone else only what they may read.
        var publications = LinkedItems.Readable(db, audience);
        var deliverables = await db.Set<StudyDeliverable>().AsNoTracking().Where(d => d.StudyId == id)
            .OrderBy(d => d.Position).ThenBy(d => d.Id)
            .Select(d => new
            {
                d.Id, d.Type, d.Title, d.DueOn, d.PublicationId,
                Publication = publications.Where(p => p.Id == d.PublicationId).Select(p => new { p.Slug, Draft = p.PublishedAtUtc == null }).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var topics = await AssignTopics.ForItemAsync(db, Study.TopicKind, id.ToString(), cancellationToken);
        return details with
        {
            Topics = topics,
            Deliverables = [.. deliverables.Select(d => new StudyDeliverableView(d.Id, d.Type, d.Title, d.DueOn, audience == SearchAudience.Office ? d.PublicationId : null)
            {
                PublicationSlug = d.Publication?.Slug, IsDraft = d.Publication?.Draft ?? false,
            })],
        };
    }
}
