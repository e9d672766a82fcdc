using Quartiersnetz.Data;
using Quartiersnetz.Platform.Search;

namespace Quartiersnetz.Features.Topics;

/// <summary>Topics in the search (public, active ones; a merged or retired topic is not found any more).</summary>
internal sealed class TopicSearchSource : ISearchSource
{
    public const string SearchKind = "topic";

    public string Kind => SearchKind;

    public string Label => "Themen";

    public int Order => 40;

    public IReadOnlyCollection<Type> EntityTypes { get; } = [typeof(Topic)];

    public IEnumerable<string> KeysOf(object entity) => entity is Topic topic ? [topic.Slug] : [];

    public async Task<IReadOnlyList<SearchDocumentDraft>> BuildAsync(QuartiersnetzDbContext db, IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        var slugs = keys.ToList();
        var topics = await db.Set<Topic>().AsNoTracking()
            .Where(t => slugs.Contains(t.Slug) && t.Status == TopicStatus.Active && t.MergedIntoId == null)
            .Select(t => new { t.Slug, t.Name, t.Description, Parent = db.Set<Topic>().Where(p => p.Id == t.ParentId).Select(p => new { p.Slug, p.Name }).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        return [.. topics.Select(t => new SearchDocumentDraft(t.Slug, t.Name, $"/themen/{t.Slug}",
            string.Join("\n", new[] { t.Description, t.Parent?.Name }.Where(x => !string.IsNullOrWhiteSpace(x))))
        {
            Subtype = t.Parent is null ? "Handlungsfeld" : "Thema",
            TopicSlugs = t.Parent is null ? [t.Slug] : [t.Slug, t.Parent.Slug],
        })];
    }

    public async Task<IReadOnlyList<string>> KeysAsync(QuartiersnetzDbContext db, int page, int pageSize, CancellationToken cancellationToken) =>
        await db.Set<Topic>().AsNoTracking().OrderBy(t => t.Slug).Skip(page * pageSize).Take(pageSize).Select(t => t.Slug).ToListAsync(cancellationToken);

    /// <summary>
    /// Topic slugs and names of items of one kind, for the other features' search sources (one query for all keys);
    /// a sub-topic also counts for its Handlungsfeld, as the topic filters elsewhere do.
    /// </summary>
    public static async Task<ILookup<string, (string Slug, string Name)>> TopicsOfAsync(
        QuartiersnetzDbContext db, string itemKind, IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        var list = keys.ToList();
        var rows = await db.Set<TopicAssignment>().AsNoTracking()
            .Where(a => a.ItemKind == itemKind && list.Contains(a.ItemKey))
            .Join(db.Set<Topic>(), a => a.TopicId, t => t.Id, (a, t) => new
            {
                a.ItemKey,
                t.Slug,
                t.Name,
                ParentSlug = db.Set<Topic>().Where(p => p.Id == t.ParentId).Select(p => p.Slug).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        return rows
            .SelectMany(r => r.ParentSlug is null
                ? new[] { (r.ItemKey, r.Slug, r.Name) }
                : [(r.ItemKey, r.Slug, r.Name), (r.ItemKey, r.ParentSlug, "")])
            .Distinct()
            .ToLookup(r => r.ItemKey, r => (r.Slug, r.Name), StringComparer.Ordinal);
    }
}
