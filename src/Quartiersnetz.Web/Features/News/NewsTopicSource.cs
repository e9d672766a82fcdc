using System.Security.Claims;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Time;
using Quartiersnetz.Platform.Topics;

namespace Quartiersnetz.Features.News;

/// <summary>
/// The newest published public articles on a topic page. Only public ones: a topic page is the same for every viewer's
/// cache and search engines; members find their articles under Aktuelles. One query for all keys.
/// </summary>
internal sealed class NewsTopicSource(QuartiersnetzDbContext db, TimeProvider clock) : ITopicItemSource
{
    private const int MaxItems = 20;

    public string ItemKind => NewsArticle.TopicKind;

    public string SectionTitle => "Aktuelles";

    public async Task<IReadOnlyList<TopicItem>> ItemsAsync(IReadOnlyCollection<string> itemKeys, ClaimsPrincipal viewer, CancellationToken cancellationToken)
    {
        var ids = itemKeys.Select(k => Guid.TryParse(k, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).Distinct().ToList();
        if (ids.Count == 0)
        {
            return [];
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var articles = await db.Set<NewsArticle>().AsNoTracking()
            .Where(a => EF.Parameter(ids).Contains(a.Id))
            .Where(ListNews.PublishedFor(NewsViewer.Anonymous, now))
            .OrderByDescending(a => a.PublishAtUtc).ThenBy(a => a.Id)
            .Take(MaxItems)
            .Select(a => new { a.Slug, a.Title, a.PublishAtUtc })
            .ToListAsync(cancellationToken);
        return [.. articles.Select(a => new TopicItem(a.Title, "/aktuelles/" + a.Slug, BerlinTime.FormatDate(a.PublishAtUtc!.Value)))];
    }
}
