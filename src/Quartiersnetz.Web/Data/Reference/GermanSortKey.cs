using System.Globalization;
using System.Text;
using Quartiersnetz.Platform.Time;

namespace Quartiersnetz.Data.Reference;

/// <summary>
/// Folds a name the way German dictionaries sort (DIN 5007-1: ä as a, ß as ss; ae/oe/ue as a/o/u) and lower-cases it,
/// so ordering and "contains" filters behave the same on SQLite and PostgreSQL without collations.
/// </summary>
internal static class GermanSortKey
{
    public static string For(string text)
    {
        var lower = text.Trim().ToLower(BerlinTime.Culture);
        var builder = new StringBuilder(lower.Length + 4);
        foreach (var c in lower.Normalize(NormalizationForm.FormD))
        {
            if (c == 'ß')
            {
                builder.Append("ss");
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(c);
            }
        }

        // Transliterations fold alike, so "Muenster" finds and sorts with "Münster".
        return builder.ToString().Normalize(NormalizationForm.FormC)
            .Replace("ae", "a", StringComparison.Ordinal)
            .Replace("oe", "o", StringComparison.Ordinal)
            .Replace("ue", "u", StringComparison.Ordinal);
    }
}
