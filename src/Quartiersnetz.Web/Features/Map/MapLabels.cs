using Quartiersnetz.Features.ProgrammeAreas;

namespace Quartiersnetz.Features.Map;

/// <summary>
/// German labels (localizer source text) of programmes and statuses. The same texts as the programme-area
/// feature's labels; kept here until that shared class is on main, then this one can forward to it.
/// </summary>
internal static class MapLabels
{
    public static string Label(UrbanDevelopmentProgramme programme) => programme switch
    {
        UrbanDevelopmentProgramme.SozialerZusammenhalt => "Sozialer Zusammenhalt",
        UrbanDevelopmentProgramme.LebendigeZentren => "Lebendige Zentren",
        UrbanDevelopmentProgramme.WachstumUndNachhaltigeErneuerung => "Wachstum und nachhaltige Erneuerung",
        UrbanDevelopmentProgramme.StadtumbauWest => "Stadtumbau West",
        UrbanDevelopmentProgramme.AktiveStadtUndOrtsteilzentren => "Aktive Stadt- und Ortsteilzentren",
        _ => "Sonstiges Programm",
    };

    public static string Label(ProgrammeAreaStatus status) => status switch
    {
        ProgrammeAreaStatus.InVorbereitung => "In Vorbereitung",
        ProgrammeAreaStatus.Laufend => "Laufend",
        ProgrammeAreaStatus.Verstetigung => "Verstetigung",
        _ => "Abgeschlossen",
    };
}
