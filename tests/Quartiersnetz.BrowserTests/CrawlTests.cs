namespace Quartiersnetz.BrowserTests;

/// <summary>Every page a visitor or the office can reach by links is up, linked correctly and clean.</summary>
public sealed class CrawlTests(BrowserEnvironment environment, BrowserApp app, ITestOutputHelper output) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task EveryPageAVisitorReachesFromTheHomePageIsClean()
    {
        await using var session = await BrowserSession.OpenAsync(environment, app);
        var crawler = new SiteCrawler(session, output);

        string[] routes = [.. SiteRoutes.Public];
        await crawler.CrawlAsync("/", "crawl-besuch", routes.ToHashSet(StringComparer.Ordinal));

        AssertReached(crawler, routes);
        AssertNoProblems(crawler);
    }

    [Fact]
    public async Task EveryPageTheOfficeReachesFromTheHomePageIsClean()
    {
        await using var session = await BrowserSession.OpenAsync(environment, app);
        // One report in the office list, so the crawl sees the list with an entry and not only its empty state.
        await session.GotoAsync("/barrierefreiheit/barriere-melden");
        await session.Page.GetByLabel("Beschreibung der Barriere").FillAsync("Die Tabelle der Gemeinden lässt sich mit dem Screenreader schwer lesen.");
        await session.Page.Locator("main form button[type=submit]").ClickAsync();
        await Expect(session.Page.GetByRole(AriaRole.Heading, new() { Name = "Vielen Dank für Ihre Meldung" })).ToBeVisibleAsync();
        await session.SignInAsync(BrowserApp.AdminEmail, BrowserApp.AdminPassword);

        var crawler = new SiteCrawler(session, output);
        string[] routes = [.. SiteRoutes.Public.Where(r => r != "/anmelden"), .. SiteRoutes.Office];
        await crawler.CrawlAsync("/", "crawl-geschaeftsstelle", routes.ToHashSet(StringComparer.Ordinal));

        AssertReached(crawler, routes);
        AssertNoProblems(crawler);
    }

    private static void AssertReached(SiteCrawler crawler, string[] routes)
    {
        foreach (var route in routes.Where(r => !crawler.VisitedPaths.Contains(r)))
        {
            crawler.Problems.Add($"{route}: not reached by following links from the home page");
        }
    }

    private static void AssertNoProblems(SiteCrawler crawler) =>
        Assert.True(crawler.Problems.Count == 0, $"{crawler.Problems.Count} problem(s):\n" + string.Join('\n', crawler.Problems));
}
