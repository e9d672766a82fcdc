namespace Quartiersnetz.IntegrationTests.Infrastructure;

/// <summary>The pages of the site, in one place for the integration tests, the reflow check and the crawler.</summary>
public static class SiteRoutes
{
    public static IReadOnlyList<string> Public { get; } =
    [
        "/", "/gemeinden", "/datenquellen", "/impressum", "/datenschutz", "/barrierefreiheit",
        "/barrierefreiheit/barriere-melden", "/anmelden", "/api-referenz",
        "/zugang-beantragen",
    ];

    public static IReadOnlyList<string> Office { get; } =
    [
        "/geschaeftsstelle", "/geschaeftsstelle/barrierefreiheit",
        "/einladungen", "/einladungen/neu", "/einladungen/import", "/geschaeftsstelle/zugangsantraege",
    ];

    public static TheoryData<string> PublicTheory() => new(Public);
}
