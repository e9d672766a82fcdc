using Quartiersnetz.Data;
using Quartiersnetz.Data.Reference;

namespace Quartiersnetz.Features.ProgrammeAreas;

/// <summary>A typed programme area that did not resolve: unknown, or one of several with that name.</summary>
internal sealed record UnresolvedProgrammeArea(string Text, bool Ambiguous)
{
    /// <summary>German source text for the localizer, with the typed text (cut) as its argument.</summary>
    public string Message => Ambiguous
        ? "„{0}“ passt zu mehreren Fördergebieten. Bitte geben Sie die Gemeinde mit an, z. B. „Gelsenkirchen: Südost“."
        : "Kein Fördergebiet „{0}“ gefunden. Bitte geben Sie den Namen wie im Verzeichnis der Programmgebiete an, bei Bedarf mit Gemeinde: „Gelsenkirchen: Südost“.";

    public string ShownText => Text.Length > 60 ? Text[..60] + "…" : Text;
}

/// <summary>
/// Programme areas typed into a form (a publication's, a project's). A line is the area's name alone when no other area
/// has it, or "Gemeinde: Gebietsname" (the municipality by name or AGS, as <see cref="Municipalities.MunicipalityNames"/>
/// reads it), or the area's id. Names are compared folded (case and umlaut spelling aside), as the area's unique
/// name within its municipality is. One query for all lines.
/// </summary>
internal static class ProgrammeAreaNames
{
    /// <summary>Whether a typed name (or id) names the area: the one rule for every form that picks an area.</summary>
    public static bool Names(string text, Guid id, string sortKey) =>
        string.Equals(id.ToString(), text.Trim(), StringComparison.OrdinalIgnoreCase) || sortKey == GermanSortKey.For(text);

    /// <summary>How a resolved area is written back into a form: always with its municipality, so it resolves again.</summary>
    public static string Line(string municipalityName, string areaName) => $"{municipalityName}: {areaName}";

    public static async Task<(List<Guid> Ids, List<UnresolvedProgrammeArea> Unresolved)> ResolveAsync(
        QuartiersnetzDbContext db, IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        if (texts.Count == 0)
        {
            return ([], []);
        }

        var lines = texts.Select(t => (Text: t.Trim(), Parts: Split(t))).ToList();
        var keys = lines.Select(l => GermanSortKey.For(l.Text))
            .Concat(lines.Where(l => l.Parts is not null).Select(l => GermanSortKey.For(l.Parts!.Value.Area)))
            .Distinct(StringComparer.Ordinal).ToList();
        var ids = lines.Select(l => Guid.TryParse(l.Text, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).ToList();
        var candidates = await db.Set<ProgrammeArea>().AsNoTracking()
            .Where(a => keys.Contains(a.SortKey) || ids.Contains(a.Id))
            .Join(db.Set<Municipality>(), a => a.MunicipalityAgs, m => m.Ags,
                (a, m) => new { a.Id, a.SortKey, m.Ags, m.Name, m.ShortName, MunicipalitySortKey = m.SortKey })
            .ToListAsync(cancellationToken);
        var found = new List<Guid>();
        var unresolved = new List<UnresolvedProgrammeArea>();
        foreach (var (text, parts) in lines)
        {
            var matches = candidates.Where(a => Names(text, a.Id, a.SortKey)).ToList();
            if (matches.Count == 0 && parts is { } p)
            {
                var municipalityKey = GermanSortKey.For(p.Municipality);
                matches = [.. candidates.Where(a => Names(p.Area, a.Id, a.SortKey)
                    && (a.Ags == p.Municipality || a.Name == p.Municipality || a.ShortName == p.Municipality || a.MunicipalitySortKey == municipalityKey))];
            }

            if (matches.Count == 1)
            {
                found.Add(matches[0].Id);
            }
            else
            {
                unresolved.Add(new UnresolvedProgrammeArea(text, matches.Count > 1));
            }
        }

        return ([.. found.Distinct()], unresolved);
    }

    /// <summary>"Gemeinde: Gebiet" split at the first colon; null without one or with an empty side.</summary>
    private static (string Municipality, string Area)? Split(string text)
    {
        var at = text.IndexOf(':', StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var municipality = text[..at].Trim();
        var area = text[(at + 1)..].Trim();
        return municipality.Length == 0 || area.Length == 0 ? null : (municipality, area);
    }
}
