using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Exports;
using Quartiersnetz.Platform.Localization;
using Quartiersnetz.Platform.Topics;

namespace Quartiersnetz.Features.Topics;

/// <summary>A topic as the office's export lists it, with the number of tagged items per kind.</summary>
internal sealed record TopicExportRow(
    string Name, string? ParentName, string Slug, TopicStatus Status, string? MergedIntoName, IReadOnlyDictionary<string, int> Counts);

/// <summary>
/// Exports all topics in the order of the office's list (each Handlungsfeld followed by its sub-topics) with one count
/// column per item kind. The kinds are those of the registered topic sources (a later feature that tags items gets
/// its column without a change here) plus any kind found in the assignments. Two queries, whatever the number of
/// topics and links.
/// </summary>
internal static class ExportTopics
{
    internal sealed record Kind(string Key, string Title);

    public static IReadOnlyList<ExportColumn<TopicExportRow>> Columns(IReadOnlyList<Kind> kinds, IStringLocalizer<Texts> l) =>
    [
        new("Name", t => t.Name),
        new("Übergeordnetes Handlungsfeld", t => t.ParentName),
        new("Adresskürzel (Slug)", t => t.Slug),
        new("Status", t => t.Status == TopicStatus.Active ? l["aktiv"].Value
            : t.MergedIntoName is null ? l["stillgelegt"].Value : l["zusammengeführt in {0}", t.MergedIntoName].Value),
        .. kinds.Select(k => new ExportColumn<TopicExportRow>(
            l["Zuordnungen: {0}", l[k.Title].Value].Value, t => t.Counts.GetValueOrDefault(k.Key))),
    ];

    /// <summary>The kinds of the registered sources in their order, then unknown kinds found in the data.</summary>
    public static IReadOnlyList<Kind> Kinds(IEnumerable<ITopicItemSource> sources, IEnumerable<TopicExportRow> rows)
    {
        var kinds = sources.Select(s => new Kind(s.ItemKind, s.SectionTitle)).DistinctBy(k => k.Key).ToList();
        var known = kinds.Select(k => k.Key).ToHashSet(StringComparer.Ordinal);
        kinds.AddRange(rows.SelectMany(r => r.Counts.Keys).Where(known.Add).Order(StringComparer.Ordinal).Select(k => new Kind(k, k)));
        return kinds;
    }

    public static async Task<List<TopicExportRow>> RowsAsync(QuartiersnetzDbContext db, CancellationToken cancellationToken)
    {
        var counts = await db.Set<TopicAssignment>().AsNoTracking()
            .GroupBy(a => new { a.TopicId, a.ItemKind })
            .Select(g => new { g.Key.TopicId, g.Key.ItemKind, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var topics = await db.Set<Topic>().AsNoTracking().OrderBy(t => t.SortKey).ThenBy(t => t.Id)
            .Select(t => new { t.Id, t.Slug, t.Name, t.ParentId, t.Status, t.MergedIntoId })
            .ToListAsync(cancellationToken);
        var names = topics.ToDictionary(t => t.Id, t => t.Name);
        var countsByTopic = counts.ToLookup(c => c.TopicId);
        var rows = topics.ToDictionary(t => t.Id, t => new TopicExportRow(
            t.Name, t.ParentId is { } p ? names.GetValueOrDefault(p) : null, t.Slug, t.Status,
            t.MergedIntoId is { } m ? names.GetValueOrDefault(m) : null,
            countsByTopic[t.Id].ToDictionary(c => c.ItemKind, c => c.Count, StringComparer.Ordinal)));

        // The office's list shows a tree: each top-level topic (or one whose parent is gone), then its sub-topics.
        var ordered = new List<TopicExportRow>(topics.Count);
        foreach (var root in topics.Where(t => t.ParentId is null || !names.ContainsKey(t.ParentId.Value)))
        {
            ordered.Add(rows[root.Id]);
            ordered.AddRange(topics.Where(c => c.ParentId == root.Id).Select(c => rows[c.Id]));
        }

        return ordered;
    }
}
