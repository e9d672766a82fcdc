using Quartiersnetz.Data;
using Quartiersnetz.Data.Reference;

namespace Quartiersnetz.Features.Municipalities;

/// <summary>A typed municipality that did not resolve: unknown, or one of several with that name.</summary>
internal sealed record UnresolvedMunicipality(string Text, bool Ambiguous)
{
    /// <summary>German source text for the localizer, with the typed text (cut) as its argument.</summary>
    public string Message => Ambiguous
        ? "„{0}“ passt zu mehreren Gemeinden. Bitte geben Sie den achtstelligen Gemeindeschlüssel an."
        : "Keine Gemeinde „{0}“ gefunden. Bitte geben Sie den Namen wie im Gemeindeverzeichnis oder den achtstelligen Gemeindeschlüssel an.";

    public string ShownText => Text.Length > 60 ? Text[..60] + "…" : Text;
}

/// <summary>
/// Municipalities typed into a form (a publication's, a project's): the eight-digit AGS or the name as in the
/// Gemeindeverzeichnis, exact first ("Essen"), else the short name or the folded name ("Koeln", "muelheim an der ruhr").
/// A name that fits several (Neukirchen-Vluyn is one, but two towns may share a short name) must be given as AGS. One query
/// for all names.
/// </summary>
internal static class MunicipalityNames
{
    public static async Task<(List<string> Ags, List<UnresolvedMunicipality> Unresolved)> ResolveAsync(
        QuartiersnetzDbContext db, IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        if (texts.Count == 0)
        {
            return ([], []);
        }

        var keys = texts.Select(GermanSortKey.For).ToList();
        var candidates = await db.Set<Municipality>().AsNoTracking()
            .Where(m => texts.Contains(m.Ags) || texts.Contains(m.Name) || texts.Contains(m.ShortName) || keys.Contains(m.SortKey))
            .Select(m => new { m.Ags, m.Name, m.ShortName, m.SortKey })
            .ToListAsync(cancellationToken);
        var found = new List<string>();
        var unresolved = new List<UnresolvedMunicipality>();
        foreach (var text in texts)
        {
            var key = GermanSortKey.For(text);
            var matches = candidates.Where(m => m.Ags == text || m.Name == text).ToList() is { Count: > 0 } exact
                ? exact
                : [.. candidates.Where(m => m.ShortName == text || m.SortKey == key)];
            if (matches.Count == 1)
            {
                found.Add(matches[0].Ags);
            }
            else
            {
                unresolved.Add(new UnresolvedMunicipality(text, matches.Count > 1));
            }
        }

        return ([.. found.Distinct()], unresolved);
    }
}
