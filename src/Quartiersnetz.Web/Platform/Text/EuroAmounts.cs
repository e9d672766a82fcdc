using System.Globalization;

namespace Quartiersnetz.Platform.Text;

/// <summary>Amounts in euros as Germans write them in a form: "250.000", "250.000,50", "250000 €", "1.200 EUR".</summary>
internal static class EuroAmounts
{
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");

    /// <summary>The amount rounded to cents, or null when the text is no amount between 0 and a trillion.</summary>
    public static decimal? Parse(string text)
    {
        var cleaned = text.Replace("€", "", StringComparison.Ordinal).Replace("EUR", "", StringComparison.OrdinalIgnoreCase).Trim();
        return decimal.TryParse(cleaned, NumberStyles.AllowThousands | NumberStyles.AllowDecimalPoint, German, out var euros)
            && euros >= 0 && euros < 1_000_000_000_000m
            ? decimal.Round(euros, 2)
            : null;
    }

    /// <summary>"250.000", "1.234,50": as a form shows it again (cents only when there are some).</summary>
    public static string Text(decimal euros) => euros.ToString(euros == decimal.Truncate(euros) ? "#,##0" : "#,##0.00", German);

    /// <summary>"250.000 €", "1.234,50 €" for pages.</summary>
    public static string Format(decimal euros) => Text(euros) + " €";
}
