using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Quartiersnetz.Platform.Text;

/// <summary>
/// The address part of an item (/aktuelles/{slug}, /bibliothek/{slug}, /seiten/…): what a typed one may contain, one
/// made from a title, and the first free one when the title's is taken.
/// </summary>
internal static partial class Slugs
{
    /// <summary>Lower-case letters a–z, digits and single hyphens between them, e.g. "neue-foerderrichtlinie".</summary>
    public static bool IsValid(string slug) => Pattern().IsMatch(slug);

    /// <summary>
    /// "Neue Förderrichtlinie 2026!" → "neue-foerderrichtlinie-2026": German letters folded (ä → ae, ß → ss), any other
    /// character a hyphen, at most <paramref name="maxLength"/> characters; "" when nothing is left.
    /// </summary>
    public static string Fold(string title, int maxLength)
    {
        var folded = new StringBuilder();
        foreach (var c in title.Trim().ToLowerInvariant())
        {
            folded.Append(c switch
            {
                'ä' => "ae",
                'ö' => "oe",
                'ü' => "ue",
                'ß' => "ss",
                _ => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') ? c.ToString() : "-",
            });
        }

        var slug = MultipleDashes().Replace(folded.ToString(), "-").Trim('-');
        return slug[..Math.Min(slug.Length, maxLength)].Trim('-');
    }

    /// <summary>
    /// <paramref name="baseSlug"/>, else the first of baseSlug-2, baseSlug-3 … that is not in <paramref name="taken"/>
    /// (the existing slugs that equal baseSlug or start with it and a hyphen).
    /// </summary>
    public static string FirstFree(string baseSlug, IReadOnlyCollection<string> taken)
    {
        if (!taken.Contains(baseSlug))
        {
            return baseSlug;
        }

        for (var n = 2; ; n++)
        {
            var candidate = baseSlug + "-" + n.ToString(CultureInfo.InvariantCulture);
            if (!taken.Contains(candidate))
            {
                return candidate;
            }
        }
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex Pattern();

    [GeneratedRegex("-{2,}")]
    private static partial Regex MultipleDashes();
}
