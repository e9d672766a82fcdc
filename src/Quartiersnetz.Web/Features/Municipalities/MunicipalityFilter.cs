using Quartiersnetz.Data;
using Quartiersnetz.Data.Reference;

namespace Quartiersnetz.Features.Municipalities;

/// <summary>
/// The "Gemeinde: Name oder AGS" text filter of the lists (public and office programme areas, office people, and the
/// exports of those lists). One definition, so the same text selects the same municipalities on every list and in
/// every file. Digits are read as an Amtlicher Gemeindeschlüssel: all eight select that municipality exactly (links,
/// bookmarks and exports carry one), fewer select every municipality whose key starts with them (05315 = Köln, 053 =
/// Regierungsbezirk Köln). Any other text is part of the name, folded like the sort key (case, umlauts, ß), so "koln",
/// "Köln" and "KÖLN" find Köln alike on SQLite and PostgreSQL.
/// </summary>
internal static class MunicipalityFilter
{
    /// <summary>No name comes near this; longer text from an address line is cut, not refused.</summary>
    public const int MaxLength = 100;

    /// <summary>The text as the lists use and show it again: trimmed, cut to <see cref="MaxLength"/>, null when blank.</summary>
    public static string? Clean(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var trimmed = text.Trim();
        return trimmed.Length > MaxLength ? trimmed[..MaxLength].TrimEnd() : trimmed;
    }

    /// <summary>Whether the text is a complete AGS, which selects exactly one municipality.</summary>
    public static bool IsAgs(string text) => text.Length == 8 && text.All(char.IsAsciiDigit);

    /// <summary>
    /// The AGS of the municipalities the text selects. A query, not a list: callers compose it into their own query
    /// as a subquery, so filtering costs no extra round trip however many municipalities match.
    /// </summary>
    public static IQueryable<string> Matching(QuartiersnetzDbContext db, string text)
    {
        var municipalities = db.Set<Municipality>().AsNoTracking();
        var trimmed = text.Trim();
        if (IsAgs(trimmed))
        {
            return municipalities.Where(m => m.Ags == trimmed).Select(m => m.Ags);
        }

        if (trimmed.All(char.IsAsciiDigit))
        {
            // Digits never occur in a name, so they can only mean the start of a key.
            return municipalities.Where(m => m.Ags.StartsWith(trimmed)).Select(m => m.Ags);
        }

        var key = GermanSortKey.For(trimmed);
        return municipalities.Where(m => m.SortKey.Contains(key)).Select(m => m.Ags);
    }
}
