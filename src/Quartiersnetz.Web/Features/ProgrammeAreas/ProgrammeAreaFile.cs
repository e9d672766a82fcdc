using System.Globalization;
using Quartiersnetz.Data.Reference;

namespace Quartiersnetz.Features.ProgrammeAreas;

/// <summary>
/// The file format of programme areas, shared by export and import so an exported file can be edited and imported
/// again: the same German column names in CSV, XLSX and as GeoJSON feature properties.
/// </summary>
internal static class ProgrammeAreaFile
{
    public const string Ags = "ags";
    public const string Municipality = "gemeinde";
    public const string Name = "name";
    public const string Programme = "programm";
    public const string Status = "stand";
    public const string AdmissionYear = "aufnahmejahr";
    public const string EndYear = "endjahr";
    public const string SizeHectares = "groesse_ha";
    public const string Population = "einwohner";
    public const string Description = "beschreibung";
    public const string Latitude = "breitengrad";
    public const string Longitude = "laengengrad";
    public const string Topics = "themen";
    public const string Boundary = "grenze_geojson";

    /// <summary>Column order of CSV and XLSX; "gemeinde" is for people reading the file and ignored on import.</summary>
    public static readonly IReadOnlyList<string> Columns =
        [Ags, Municipality, Name, Programme, Status, AdmissionYear, EndYear, SizeHectares, Population, Description, Latitude, Longitude, Topics, Boundary];

    /// <summary>Separates topic slugs in one cell.</summary>
    public const char TopicSeparator = '|';

    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");

    /// <summary>
    /// Reads a programme by its German label or its API name, folded ("Soziale Stadt", the programme's name until
    /// 2019, counts as Sozialer Zusammenhalt).
    /// </summary>
    public static UrbanDevelopmentProgramme? ParseProgramme(string text)
    {
        var key = GermanSortKey.For(text);
        if (key is "soziale stadt" or "sozialestadt")
        {
            return UrbanDevelopmentProgramme.SozialerZusammenhalt;
        }

        return ProgrammeAreaLabels.Programmes.Cast<UrbanDevelopmentProgramme?>()
            .FirstOrDefault(p => GermanSortKey.For(ProgrammeAreaLabels.Label(p!.Value)) == key || GermanSortKey.For(p.Value.ToString()) == key);
    }

    public static ProgrammeAreaStatus? ParseStatus(string text)
    {
        var key = GermanSortKey.For(text);
        return ProgrammeAreaLabels.Statuses.Cast<ProgrammeAreaStatus?>()
            .FirstOrDefault(s => GermanSortKey.For(ProgrammeAreaLabels.Label(s!.Value)) == key || GermanSortKey.For(s.Value.ToString()) == key);
    }

    /// <summary>A German decimal ("12,5"); a lone dot is read as a decimal point too, as coordinates are often written.</summary>
    public static bool TryParseDecimal(string text, out decimal value)
    {
        var trimmed = text.Trim();
        if (!trimmed.Contains(',', StringComparison.Ordinal) && trimmed.Count(c => c == '.') == 1)
        {
            return decimal.TryParse(trimmed, NumberStyles.Number, CultureInfo.InvariantCulture, out value);
        }

        return decimal.TryParse(trimmed, NumberStyles.Number, German, out value);
    }

    public static string FormatDecimal(decimal? value) => value?.ToString("0.##", German) ?? "";

    public static string FormatCoordinate(double value) => value.ToString("0.######", German);
}
