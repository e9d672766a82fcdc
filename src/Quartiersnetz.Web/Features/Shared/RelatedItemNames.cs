using Quartiersnetz.Features.Events;
using Quartiersnetz.Features.Library;

namespace Quartiersnetz.Features.Shared;

/// <summary>A typed line of a link field that did not resolve: a German source text for the localizer and its argument.</summary>
internal sealed record UnresolvedItem(string Message, params object[] Args);

/// <summary>
/// Events and publications typed into a form, one per line, as the publication form and the project form link them: an
/// event by its address (/veranstaltungen/{id}), its id or its exact title; a publication by its address (/bibliothek/…),
/// its slug or its exact title. A line that names none or several (a series' events share their title) is refused by
/// name. The candidates are what the caller passes: the office links anything, a member only what members may see, so
/// the answer never tells a member that a hidden item exists. One query per kind for all lines.
/// </summary>
internal static class RelatedItemNames
{
    /// <summary>More lines are refused: a page is not a link list.</summary>
    public const int MaxLines = 30;

    /// <summary>The line a form shows for a linked event: the title for people, the address for the check.</summary>
    public static string EventLine(string title, Guid id) => $"{title} /veranstaltungen/{id}";

    /// <summary>Names from text lines: trimmed, blank lines dropped, duplicates kept once.</summary>
    public static List<string> Lines(IEnumerable<string?> texts) =>
        [.. texts.SelectMany(t => (t ?? "").Split('\n')).Select(n => n.Trim()).Where(n => n.Length > 0).Distinct(StringComparer.Ordinal)];

    /// <summary>The ids of the named events among <paramref name="candidates"/>, and the lines that name none or several.</summary>
    public static async Task<(List<Guid> Ids, List<UnresolvedItem> Unresolved)> EventsAsync(
        IQueryable<Event> candidates, IReadOnlyList<string> lines, CancellationToken cancellationToken)
    {
        if (lines.Count == 0)
        {
            return ([], []);
        }

        var ids = lines.Select(IdIn).OfType<Guid>().ToList();
        var found = await candidates.AsNoTracking()
            .Where(e => ids.Contains(e.Id) || lines.Contains(e.Title))
            .Select(e => new { e.Id, e.Title })
            .ToListAsync(cancellationToken);
        var result = new List<Guid>();
        var unresolved = new List<UnresolvedItem>();
        foreach (var line in lines)
        {
            var matches = IdIn(line) is { } lineId ? [.. found.Where(e => e.Id == lineId)] : found.Where(e => e.Title == line).ToList();
            if (matches.Count == 1)
            {
                result.Add(matches[0].Id);
            }
            else
            {
                unresolved.Add(new(matches.Count == 0
                    ? "Keine Veranstaltung „{0}“ gefunden. Bitte geben Sie die Adresse der Veranstaltung (/veranstaltungen/…) oder ihren genauen Titel an."
                    : "„{0}“ passt zu mehreren Veranstaltungen. Bitte geben Sie die Adresse der Veranstaltung (/veranstaltungen/…) an.", Shorten(line)));
            }
        }

        return ([.. result.Distinct()], unresolved);
    }

    /// <summary>
    /// The ids of the named publications among <paramref name="candidates"/>, and the lines that name none or several.
    /// <paramref name="self"/> (a publication being related to others) cannot name itself.
    /// </summary>
    public static async Task<(List<Guid> Ids, List<UnresolvedItem> Unresolved)> PublicationsAsync(
        IQueryable<Publication> candidates, IReadOnlyList<string> lines, Guid? self, CancellationToken cancellationToken)
    {
        if (lines.Count == 0)
        {
            return ([], []);
        }

        var slugs = lines.Select(SlugIn).ToList();
        var found = await candidates.AsNoTracking()
            .Where(p => slugs.Contains(p.Slug) || lines.Contains(p.Title))
            .Select(p => new { p.Id, p.Slug, p.Title })
            .ToListAsync(cancellationToken);
        var result = new List<Guid>();
        var unresolved = new List<UnresolvedItem>();
        foreach (var line in lines)
        {
            var slug = SlugIn(line);
            var matches = found.Where(p => p.Slug == slug).ToList() is { Count: > 0 } bySlug ? bySlug : [.. found.Where(p => p.Title == line)];
            if (matches.Count != 1)
            {
                unresolved.Add(new(matches.Count == 0
                    ? "Keine Veröffentlichung „{0}“ gefunden. Bitte geben Sie ihre Adresse (/bibliothek/…) oder ihren genauen Titel an."
                    : "„{0}“ passt zu mehreren Veröffentlichungen. Bitte geben Sie die Adresse (/bibliothek/…) an.", Shorten(line)));
            }
            else if (matches[0].Id == self)
            {
                unresolved.Add(new("Eine Veröffentlichung kann nicht mit sich selbst verwandt sein."));
            }
            else
            {
                result.Add(matches[0].Id);
            }
        }

        return ([.. result.Distinct()], unresolved);
    }

    /// <summary>An id in a line: the line itself, or the last part of an address such as https://…/veranstaltungen/{id}.</summary>
    public static Guid? IdIn(string line) =>
        Guid.TryParse(line.TrimEnd('/').Split('/')[^1].Split('?', '#')[0], out var id) ? id : null;

    /// <summary>The slug in a line: the line itself, or the part after /bibliothek/ of an address.</summary>
    public static string SlugIn(string line)
    {
        var at = line.IndexOf("/bibliothek/", StringComparison.OrdinalIgnoreCase);
        return (at < 0 ? line : line[(at + "/bibliothek/".Length)..]).Split('?', '#', '/')[0];
    }

    private static string Shorten(string line) => line.Length > 60 ? line[..60] + "…" : line;
}
