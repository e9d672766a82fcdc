namespace Quartiersnetz.IntegrationTests.Infrastructure;

/// <summary>The pages of the site, in one place for the integration tests, the reflow check and the crawler.</summary>
public static class SiteRoutes
{
    public static IReadOnlyList<string> Public { get; } =
    [
        "/", "/gemeinden", "/datenquellen", "/impressum", "/datenschutz", "/barrierefreiheit",
        "/barrierefreiheit/barriere-melden", "/anmelden", "/api-referenz",
        "/zugang-beantragen", "/themen", "/themen/verfuegungsfonds", "/gemeinden/05334002", "/organisationen",
        "/programmgebiete",
        "/karte",
        "/veranstaltungen",
        "/veranstaltungen/monat",
        "/bibliothek",
        "/praxisprojekte",
        "/studien",
        "/suche",
        "/seiten/ueber-uns", "/seiten/ueber-uns/geschichte", "/seiten/leichte-sprache", "/seiten/gebaerdensprache",
    ];

    public static IReadOnlyList<string> Office { get; } =
    [
        "/geschaeftsstelle", "/geschaeftsstelle/barrierefreiheit", "/geschaeftsstelle/postausgang",
        "/geschaeftsstelle/personen", "/geschaeftsstelle/protokoll",
        "/einladungen", "/einladungen/neu", "/einladungen/import", "/geschaeftsstelle/zugangsantraege",
        "/geschaeftsstelle/themen",
        "/geschaeftsstelle/mitgliedskommunen", "/geschaeftsstelle/organisationen", "/geschaeftsstelle/organisationen/neu",
        "/geschaeftsstelle/programmgebiete", "/geschaeftsstelle/programmgebiete/neu",
        "/geschaeftsstelle/veranstaltungen", "/geschaeftsstelle/veranstaltungen/neu",
        "/geschaeftsstelle/veranstaltungen/reihen", "/geschaeftsstelle/veranstaltungen/reihen/neu",
        "/geschaeftsstelle/suchindex",
        "/geschaeftsstelle/seiten", "/geschaeftsstelle/seiten/neu",
        "/geschaeftsstelle/bibliothek", "/geschaeftsstelle/bibliothek/neu", "/geschaeftsstelle/bibliothek/import",
        "/geschaeftsstelle/praxisprojekte",
        "/geschaeftsstelle/studien", "/geschaeftsstelle/studien/neu",
    ];

    /// <summary>Pages of one's own account: any signed-in person, with or without a role.</summary>
    public static IReadOnlyList<string> SignedIn { get; } =
        ["/konto", "/konto/profil", "/konto/profil/foto", "/konto/meine-daten", "/konto/loeschen", "/konto/zugangstoken", "/meine-veranstaltungen"];

    public static TheoryData<string> SignedInTheory() => new(SignedIn);

    /// <summary>Pages of a Kommunale Koordination (and the office).</summary>
    public static IReadOnlyList<string> Coordinator { get; } = ["/meine-kommune/personen"];

    public static TheoryData<string> PublicTheory() => new(Public);
}
