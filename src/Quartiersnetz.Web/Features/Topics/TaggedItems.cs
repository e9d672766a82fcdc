using Quartiersnetz.Data;

namespace Quartiersnetz.Features.Topics;

/// <summary>Which items of one kind carry any of a set of topics: what the expert finder's evidence sources start from.</summary>
internal static class TaggedItems
{
    /// <summary>
    /// The ids of the items of <paramref name="itemKind"/> tagged with any of <paramref name="topicIds"/> (active topics
    /// only), each with the name of the topic it is counted under: an item tagged with two of them is one item, named after
    /// the first topic in German order. One query.
    /// </summary>
    public static async Task<Dictionary<Guid, string>> WithTopicNameAsync(
        QuartiersnetzDbContext db, string itemKind, IReadOnlyCollection<Guid> topicIds, CancellationToken cancellationToken)
    {
        if (topicIds.Count == 0)
        {
            return [];
        }

        var ids = topicIds.Distinct().ToList();
        var tags = await db.Set<TopicAssignment>().AsNoTracking()
            .Where(a => a.ItemKind == itemKind && ids.Contains(a.TopicId))
            .Join(db.Set<Topic>().Where(t => t.Status == TopicStatus.Active), a => a.TopicId, t => t.Id, (a, t) => new { a.ItemKey, t.Name, t.SortKey })
            .ToListAsync(cancellationToken);
        return tags
            .Select(t => (Id: Guid.TryParse(t.ItemKey, out var id) ? id : Guid.Empty, t.Name, t.SortKey))
            .Where(t => t.Id != Guid.Empty)
            .GroupBy(t => t.Id)
            .ToDictionary(g => g.Key, g => g.OrderBy(t => t.SortKey, StringComparer.Ordinal).First().Name);
    }
}
