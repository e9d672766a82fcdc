using System.Security.Claims;

namespace Quartiersnetz.Platform.Topics;

/// <summary>One item shown on a topic page: a title linking to the item, and an optional detail line.</summary>
internal sealed record TopicItem(string Title, string Url, string? Detail);

/// <summary>
/// How a feature shows its tagged items on a topic page. A feature tags its items through the Topics use case
/// AssignTopics (kind + key) and registers one source for its kind; the topic page asks every source once,
/// with all keys of that kind, so the number of queries does not grow with the number of linked items.
/// Each source decides what the viewer may see and leaves out what they may not. What it answers may depend on the
/// viewer's audience (public, member, office) and on whether an item is the viewer themselves, on nothing else: the
/// topic page shares the answers per audience (and keeps a tagged viewer's own).
/// </summary>
internal interface ITopicItemSource
{
    /// <summary>The kind stored in the assignment table, e.g. "person".</summary>
    string ItemKind { get; }

    /// <summary>German section title for the localizer, e.g. "Personen".</summary>
    string SectionTitle { get; }

    Task<IReadOnlyList<TopicItem>> ItemsAsync(IReadOnlyCollection<string> itemKeys, ClaimsPrincipal viewer, CancellationToken cancellationToken);
}
