namespace Quartiersnetz.IntegrationTests.Infrastructure;

/// <summary>The pages of the site, in one place for the integration tests, the reflow check and the crawler.</summary>
public static class SiteRoutes
{
    public static IReadOnlyList<string> Public { get; } =
    [
        "/", "/gemeinden", "/datenquellen", "/impressum", "/datenschutz", "/barrierefreiheit",
        "/barrierefreiheit/barriere-melden", "/anmelden", "/api-referenz",
    ];

    public static IReadOnlyList<string> Office { get; } = ["/geschaeftsstelle", "/geschaeftsstelle/barrierefreiheit", "/geschaeftsstelle/postausgang"];

    /// <summary>Pages of one's own account: any signed-in person, with or without a role.</summary>
    public static IReadOnlyList<string> SignedIn { get; } =
        ["/konto", "/konto/profil", "/konto/profil/foto", "/konto/meine-daten", "/konto/loeschen"];

    public static TheoryData<string> SignedInTheory() => new(SignedIn);

    public static TheoryData<string> PublicTheory() => new(Public);
}
