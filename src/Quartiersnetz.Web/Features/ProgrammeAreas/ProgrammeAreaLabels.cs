namespace Quartiersnetz.Features.ProgrammeAreas;

/// <summary>
/// German labels (localizer source text) for programmes and statuses, shared by the public pages, the office
/// pages, the map, exports and import messages so every place names them alike.
/// </summary>
internal static class ProgrammeAreaLabels
{
    public static IReadOnlyList<UrbanDevelopmentProgramme> Programmes { get; } = Enum.GetValues<UrbanDevelopmentProgramme>();

    public static IReadOnlyList<ProgrammeAreaStatus> Statuses { get; } = Enum.GetValues<ProgrammeAreaStatus>();

    /// <summary>German source text for the localizer.</summary>
    public static string Label(UrbanDevelopmentProgramme programme) => programme switch
    {
        UrbanDevelopmentProgramme.SozialerZusammenhalt => "Sozialer Zusammenhalt",
        UrbanDevelopmentProgramme.LebendigeZentren => "Lebendige Zentren",
        UrbanDevelopmentProgramme.WachstumUndNachhaltigeErneuerung => "Wachstum und nachhaltige Erneuerung",
        UrbanDevelopmentProgramme.StadtumbauWest => "Stadtumbau West",
        UrbanDevelopmentProgramme.AktiveStadtUndOrtsteilzentren => "Aktive Stadt- und Ortsteilzentren",
        _ => "Sonstiges Programm",
    };

    /// <summary>German source text for the localizer.</summary>
    public static string Label(ProgrammeAreaStatus status) => status switch
    {
        ProgrammeAreaStatus.InVorbereitung => "In Vorbereitung",
        ProgrammeAreaStatus.Laufend => "Laufend",
        ProgrammeAreaStatus.Verstetigung => "Verstetigung",
        _ => "Abgeschlossen",
    };
}
