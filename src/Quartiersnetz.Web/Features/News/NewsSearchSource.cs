using Quartiersnetz.Data;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.Platform.Search;
using Quartiersnetz.Platform.Time;

namespace Quartiersnetz.Features.News;

/// <summary>
/// Articles in the search. The indexer builds documents at save time, so an article is findable by its readers only once
/// <see cref="NewsArticle.Announced"/> is set — at save for articles published at once, else by
/// <see cref="NewsPublicationJob"/> when the time has come (that save re-indexes it). Until then (drafts, scheduled
/// articles) only the office finds it.
/// </summary>
internal sealed class NewsSearchSource : ISearchSource
{
    public string Kind => "news";

    public string Label => "Aktuelles";

    public int Order => 6;

    public IReadOnlyCollection<Type> EntityTypes { get; } = [typeof(NewsArticle), typeof(TopicAssignment)];

    public IEnumerable<string> KeysOf(object entity) => entity switch
    {
        NewsArticle article => [article.Id.ToString()],
        TopicAssignment { ItemKind: NewsArticle.TopicKind } assignment => [assignment.ItemKey],
        _ => [],
    };

    public async Task<IReadOnlyList<SearchDocumentDraft>> BuildAsync(QuartiersnetzDbContext db, IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        var ids = keys.Select(k => Guid.TryParse(k, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).ToList();
        var rows = await db.Set<NewsArticle>().AsNoTracking()
            .Where(a => ids.Contains(a.Id))
            .Select(a => new { a.Id, a.Slug, a.Title, a.Teaser, a.Body, a.Visibility, a.PublishAtUtc, a.Announced, a.AuthorName })
            .ToListAsync(cancellationToken);
        var topics = await TopicSearchSource.TopicsOfAsync(db, NewsArticle.TopicKind, keys, cancellationToken);
        return [.. rows.Select(a =>
        {
            var key = a.Id.ToString();
            var body = string.Join("\n", new[]
            {
                a.Teaser, a.Body, a.AuthorName,
                string.Join(", ", topics[key].Select(t => t.Name).Where(n => n.Length > 0)),
            }.Where(x => !string.IsNullOrWhiteSpace(x)));
            var live = a.Announced && a.PublishAtUtc is not null;
            return new SearchDocumentDraft(key, a.Title, "/aktuelles/" + a.Slug, body)
            {
                MinAudience = !live ? SearchAudience.Office : a.Visibility == NewsVisibility.Public ? SearchAudience.Public : SearchAudience.Members,
                Subtype = a.PublishAtUtc is { } at ? "Meldung vom " + BerlinTime.FormatDate(at) : "Entwurf",
                Year = a.PublishAtUtc is { } published ? BerlinTime.ToBerlin(published).Year : null,
                TopicSlugs = [.. topics[key].Select(t => t.Slug)],
            };
        })];
    }

    public async Task<IReadOnlyList<string>> KeysAsync(QuartiersnetzDbContext db, int page, int pageSize, CancellationToken cancellationToken) =>
        [.. (await db.Set<NewsArticle>().AsNoTracking().OrderBy(a => a.Id).Skip(page * pageSize).Take(pageSize).Select(a => a.Id).ToListAsync(cancellationToken)).Select(id => id.ToString())];
}
