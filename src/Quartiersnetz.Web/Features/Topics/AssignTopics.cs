using Quartiersnetz.Data;

namespace Quartiersnetz.Features.Topics;

/// <summary>A topic as a choice in a form: grouped under its Handlungsfeld.</summary>
internal sealed record TopicChoice(Guid Id, string Slug, string Name, Guid? ParentId);

/// <summary>A Handlungsfeld with its sub-topics, for check-box lists and the topic overview.</summary>
internal sealed record TopicGroup(TopicChoice Topic, IReadOnlyList<TopicChoice> SubTopics);

/// <summary>The model of the shared topic checkboxes (_TopicChoices): the tree, the chosen slugs and the field's error.</summary>
internal sealed record TopicChoicesModel(IReadOnlyList<TopicGroup> Topics, IReadOnlyCollection<string> Selected, string? Error);

/// <summary>
/// Replaces the topics of one item of any feature. Only active topics can be chosen. Changes the caller's
/// DbContext without saving, so the feature saves its item and its topics together, once.
/// </summary>
internal static class AssignTopics
{
    internal sealed record Outcome(string? Error)
    {
        public bool Succeeded => Error is null;
    }

    public static async Task<Outcome> HandleAsync(
        QuartiersnetzDbContext db, string itemKind, string itemKey, IReadOnlyCollection<string> topicSlugs, CancellationToken cancellationToken)
    {
        var slugs = topicSlugs.Where(s => !string.IsNullOrWhiteSpace(s)).Distinct(StringComparer.Ordinal).ToList();
        var chosen = await db.Set<Topic>().Where(t => slugs.Contains(t.Slug) && t.Status == TopicStatus.Active)
            .Select(t => t.Id).ToListAsync(cancellationToken);
        if (chosen.Count != slugs.Count)
        {
            return new Outcome("Bitte wählen Sie nur Themen aus der Liste.");
        }

        var current = await db.Set<TopicAssignment>().Where(a => a.ItemKind == itemKind && a.ItemKey == itemKey).ToListAsync(cancellationToken);
        db.RemoveRange(current.Where(a => !chosen.Contains(a.TopicId)));
        foreach (var id in chosen.Where(id => current.All(a => a.TopicId != id)))
        {
            db.Add(new TopicAssignment { TopicId = id, ItemKind = itemKind, ItemKey = itemKey });
        }

        return new Outcome(null);
    }

    /// <summary>The active topics of one item, Handlungsfelder and sub-topics in German order.</summary>
    /// <summary>Whether an API's topic filter names an active topic (by its slug).</summary>
    public static Task<bool> IsActiveSlugAsync(QuartiersnetzDbContext db, string slug, CancellationToken cancellationToken) =>
        slug.Length <= 100 ? db.Set<Topic>().AnyAsync(t => t.Slug == slug && t.Status == TopicStatus.Active, cancellationToken) : Task.FromResult(false);

    public static Task<List<TopicChoice>> ForItemAsync(QuartiersnetzDbContext db, string itemKind, string itemKey, CancellationToken cancellationToken) =>
        db.Set<TopicAssignment>().AsNoTracking()
            .Where(a => a.ItemKind == itemKind && a.ItemKey == itemKey)
            .Join(db.Set<Topic>(), a => a.TopicId, t => t.Id, (_, t) => t)
            .Where(t => t.Status == TopicStatus.Active)
            .OrderBy(t => t.SortKey)
            .Select(t => new TopicChoice(t.Id, t.Slug, t.Name, t.ParentId))
            .ToListAsync(cancellationToken);

    /// <summary>All active topics as a tree in German order; a sub-topic of a retired parent stands on its own.</summary>
    public static async Task<IReadOnlyList<TopicGroup>> ActiveTreeAsync(QuartiersnetzDbContext db, CancellationToken cancellationToken)
    {
        var all = await db.Set<Topic>().AsNoTracking().Where(t => t.Status == TopicStatus.Active).OrderBy(t => t.SortKey)
            .Select(t => new TopicChoice(t.Id, t.Slug, t.Name, t.ParentId)).ToListAsync(cancellationToken);
        var ids = all.Select(t => t.Id).ToHashSet();
        return all.Where(t => t.ParentId is null || !ids.Contains(t.ParentId.Value))
            .Select(t => new TopicGroup(t, all.Where(c => c.ParentId == t.Id).ToList()))
            .ToList();
    }
}
