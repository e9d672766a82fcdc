using System.Linq.Expressions;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Events;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Paging;

namespace Quartiersnetz.Features.News;

/// <summary>Who reads: the named policies decide (never role names).</summary>
internal sealed record NewsViewer(Guid? AccountId, bool IsMember, bool IsOffice)
{
    public static readonly NewsViewer Anonymous = new(null, false, false);

    public static async Task<NewsViewer> FromAsync(IAuthorizationService authorization, ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            return Anonymous;
        }

        var office = (await authorization.AuthorizeAsync(user, Policies.Office)).Succeeded;
        var member = office || (await authorization.AuthorizeAsync(user, Policies.Member)).Succeeded;
        return new NewsViewer(user.AccountId(), member, office);
    }
}

/// <summary>An article in a list, the feeds and the API.</summary>
internal sealed record NewsSummary(
    Guid Id, string Slug, string Title, string Teaser, NewsVisibility Visibility, DateTime? PublishAtUtc, string AuthorName, bool HasImage, DateTime UpdatedAtUtc)
{
    public string Url => "/aktuelles/" + Slug;
}

/// <summary>One article with everything its page and the API show.</summary>
internal sealed record NewsDetails(
    Guid Id, string Slug, string Title, string Teaser, string Body, NewsVisibility Visibility, DateTime? PublishAtUtc, string AuthorName,
    bool HasImage, string? ImageAltText, string? ImageCredit, DateTime CreatedAtUtc, DateTime UpdatedAtUtc)
{
    public IReadOnlyList<TopicChoice> Topics { get; init; } = [];

    public IReadOnlyList<RelatedEvent> RelatedEvents { get; init; } = [];

    public string Url => "/aktuelles/" + Slug;

    public string? ImageUrl => HasImage ? $"/aktuelles/{Slug}/bild" : null;
}

internal sealed record RelatedEvent(Guid Id, string Title, DateTime StartUtc)
{
    public string Url => $"/veranstaltungen/{Id}";
}

internal static class ListNews
{
    /// <summary>
    /// Published articles the viewer may read, as a condition inside the query. The office reads members' articles too;
    /// scheduled and draft articles are left out here for everyone (the office finds them in its own list).
    /// </summary>
    public static Expression<Func<NewsArticle, bool>> PublishedFor(NewsViewer viewer, DateTime nowUtc)
    {
        if (viewer.IsMember)
        {
            return a => a.PublishAtUtc != null && a.PublishAtUtc <= nowUtc;
        }

        return a => a.PublishAtUtc != null && a.PublishAtUtc <= nowUtc && a.Visibility == NewsVisibility.Public;
    }

    public static IQueryable<NewsSummary> Summaries(IQueryable<NewsArticle> articles) =>
        articles.Select(a => new NewsSummary(a.Id, a.Slug, a.Title, a.Teaser, a.Visibility, a.PublishAtUtc, a.AuthorName, a.ImageKey != null, a.UpdatedAtUtc));

    /// <summary>One page of the published articles the viewer may read, newest first; optionally of one topic (with its sub-topics).</summary>
    public static Task<PagedResult<NewsSummary>> PageAsync(
        QuartiersnetzDbContext db, NewsViewer viewer, DateTime nowUtc, string? topicSlug, PageRequest page, CancellationToken cancellationToken)
    {
        var query = db.Set<NewsArticle>().AsNoTracking().Where(PublishedFor(viewer, nowUtc));
        if (!string.IsNullOrWhiteSpace(topicSlug))
        {
            var topicIds = db.Set<Topic>().Where(t => t.Slug == topicSlug || db.Set<Topic>().Any(p => p.Id == t.ParentId && p.Slug == topicSlug)).Select(t => t.Id);
            // Guid text differs by provider (SQLite upper case, PostgreSQL lower case); AssignTopics stores lower case.
#pragma warning disable CA1304, CA1311, CA1862 // translated to SQL lower(); culture and comparison overloads are not translatable
            query = query.Where(a => db.Set<TopicAssignment>()
                .Any(t => t.ItemKind == NewsArticle.TopicKind && t.ItemKey == a.Id.ToString().ToLower() && topicIds.Contains(t.TopicId)));
#pragma warning restore CA1304, CA1311, CA1862
        }

        return Summaries(query.OrderByDescending(a => a.PublishAtUtc).ThenBy(a => a.Id)).ToPageAsync(page, cancellationToken);
    }

    /// <summary>The newest published articles the viewer may read (home page, feeds).</summary>
    public static Task<List<NewsSummary>> LatestAsync(QuartiersnetzDbContext db, NewsViewer viewer, DateTime nowUtc, int count, CancellationToken cancellationToken) =>
        Summaries(db.Set<NewsArticle>().AsNoTracking().Where(PublishedFor(viewer, nowUtc)).OrderByDescending(a => a.PublishAtUtc).ThenBy(a => a.Id).Take(count))
            .ToListAsync(cancellationToken);

    /// <summary>
    /// The article if the viewer may read it: published and visible to them, or anything for the office. Null otherwise,
    /// so a hidden article answers 404 like a missing one and its existence does not leak.
    /// </summary>
    public static async Task<NewsDetails?> DetailsAsync(QuartiersnetzDbContext db, NewsViewer viewer, string slug, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var query = db.Set<NewsArticle>().AsNoTracking().Where(a => a.Slug == slug);
        if (!viewer.IsOffice)
        {
            query = query.Where(PublishedFor(viewer, nowUtc));
        }

        var details = await query
            .Select(a => new NewsDetails(a.Id, a.Slug, a.Title, a.Teaser, a.Body, a.Visibility, a.PublishAtUtc, a.AuthorName, a.ImageKey != null,
                a.ImageAltText, a.ImageCredit, a.CreatedAtUtc, a.UpdatedAtUtc))
            .SingleOrDefaultAsync(cancellationToken);
        if (details is null)
        {
            return null;
        }

        var topics = await AssignTopics.ForItemAsync(db, NewsArticle.TopicKind, details.Id.ToString(), cancellationToken);
        var eventViewer = new EventViewer(viewer.AccountId, viewer.IsMember, viewer.IsOffice);
        var articleId = details.Id;
        var related = await db.Set<Event>().AsNoTracking().Where(ListEvents.VisibleTo(db, eventViewer))
            .Where(e => db.Set<NewsArticleEvent>().Any(r => r.ArticleId == articleId && r.EventId == e.Id))
            .OrderBy(e => e.StartUtc)
            .Select(e => new RelatedEvent(e.Id, e.Title, e.StartUtc))
            .ToListAsync(cancellationToken);
        return details with { Topics = topics, RelatedEvents = related };
    }
}
