using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Data;
using Quartiersnetz.Data.Reference;
using Quartiersnetz.Features.ProgrammeAreas;

namespace Quartiersnetz.BrowserTests;

/// <summary>
/// A member of the public browses the map of programme areas and its table: filters, skips the map, sorts, follows
/// a link. Every page, with Leaflet's markup in it, passes axe and the Nu checker.
/// </summary>
public sealed partial class MapJourneyTests(BrowserEnvironment environment, BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string KoelnPolygon = "{\"type\":\"Polygon\",\"coordinates\":[[[6.9412,50.9391],[6.9561,50.9377],[6.9633,50.9452],[6.9549,50.9521],[6.9415,50.9489],[6.9412,50.9391]]]}";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task SeedAsync()
    {
        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        if (await db.Set<ProgrammeArea>().AnyAsync(Ct))
        {
            return;
        }

        async Task AddAsync(string name, string ags, UrbanDevelopmentProgramme programme, int year, string? boundary)
        {
            var centre = await db.Set<Municipality>().Where(m => m.Ags == ags).Select(m => new { m.Latitude, m.Longitude }).SingleAsync(Ct);
            db.Add(new ProgrammeArea
            {
                Name = name, SortKey = GermanSortKey.For(name), MunicipalityAgs = ags, Programme = programme, AdmissionYear = year,
                MapGeoJson = boundary, Latitude = centre.Latitude, Longitude = centre.Longitude,
                CreatedAtUtc = DateTime.UtcNow, UpdatedAtUtc = DateTime.UtcNow,
            });
        }

        await AddAsync("Kölnberg", "05315000", UrbanDevelopmentProgramme.SozialerZusammenhalt, 2016, KoelnPolygon);
        await AddAsync("Dortmund-Nordstadt", "05913000", UrbanDevelopmentProgramme.SozialerZusammenhalt, 1993, null);
        await AddAsync("Innenstadt Bielefeld", "05711000", UrbanDevelopmentProgramme.LebendigeZentren, 2020, null);
        await db.SaveChangesAsync(Ct);
    }

    [Fact]
    public async Task APublicVisitorBrowsesTheMapFiltersItSwitchesToTheTableSortsItAndFollowsALink()
    {
        await SeedAsync();
        await using var session = await BrowserSession.OpenAsync(environment, app);
        var page = session.Page;

        await session.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Karte", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Karte der Programmgebiete", Level = 1 })).ToBeVisibleAsync();
        var map = page.GetByRole(AriaRole.Region, new() { Name = "Karte der Programmgebiete und Gemeinden in NRW" });
        await Expect(map).ToHaveAttributeAsync("data-loaded", "3");
        // The municipalities load alongside the areas and may arrive later (seen once in CI).
        await Expect(map).ToHaveAttributeAsync("data-municipalities-loaded", "396");
        // 396 municipalities and the one area with a boundary are drawn; the two areas known by a point are named markers.
        Assert.True(await map.Locator("path.leaflet-interactive").CountAsync() >= 397);
        await Expect(map.GetByRole(AriaRole.Button, new() { Name = "Dortmund-Nordstadt" })).ToBeVisibleAsync();
        await Expect(map.Locator("img.leaflet-marker-icon")).ToHaveCountAsync(2);
        await session.AssertPageIsCleanAsync();
        await session.ScreenshotAsync("karte");

        // A marker opens a popup with links to the area and its municipality; Leaflet's close button speaks German.
        await map.GetByRole(AriaRole.Button, new() { Name = "Innenstadt Bielefeld" }).ClickAsync();
        var popup = page.Locator(".leaflet-popup");
        await Expect(popup.GetByRole(AriaRole.Link, new() { Name = "Innenstadt Bielefeld" })).ToHaveAttributeAsync("href", new Regex("^/programmgebiete/"));
        await Expect(popup.GetByRole(AriaRole.Link, new() { Name = "Bielefeld, Stadt" })).ToHaveAttributeAsync("href", "/gemeinden/05711000");
        await Expect(popup.GetByRole(AriaRole.Button, new() { Name = "Schließen" })).ToBeVisibleAsync();
        // Leaflet fades popups in; checked half-transparent, the links' contrast would fail (seen once on a fast machine).
        await Expect(popup).ToHaveCSSAsync("opacity", "1");
        await session.AssertPageIsCleanAsync();

        // Filter by programme: the map and the table show the same two areas.
        await page.GetByLabel("Programm", new() { Exact = true }).SelectOptionAsync("SozialerZusammenhalt");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filtern" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("programm=SozialerZusammenhalt"));
        await Expect(map).ToHaveAttributeAsync("data-loaded", "2");
        await Expect(page.Locator("#tabelle tbody tr")).ToHaveCountAsync(2);
        await Expect(map.Locator("img.leaflet-marker-icon")).ToHaveCountAsync(1);
        await session.AssertPageIsCleanAsync();

        // Keyboard users skip the map: the link leads straight to the table.
        await page.GetByRole(AriaRole.Link, new() { Name = "Karte überspringen, weiter zur Tabelle" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#tabelle")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Programmgebiet, absteigend sortieren" })).ToBeFocusedAsync();

        // Sort by municipality, then turn the order round.
        await page.GetByRole(AriaRole.Link, new() { Name = "Gemeinde, aufsteigend sortieren" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("sortierung=gemeinde"));
        await Expect(page.Locator("#tabelle th[aria-sort='ascending']")).ToContainTextAsync("Gemeinde");
        await Expect(page.Locator("#tabelle tbody tr th").First).ToHaveTextAsync("Dortmund-Nordstadt");
        await session.AssertPageIsCleanAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Gemeinde, absteigend sortieren" }).ClickAsync();
        await Expect(page.Locator("#tabelle th[aria-sort='descending']")).ToContainTextAsync("Gemeinde");
        await Expect(page.Locator("#tabelle tbody tr th").First).ToHaveTextAsync("Kölnberg");
        Assert.Contains("programm=SozialerZusammenhalt", page.Url, StringComparison.Ordinal);
        await session.AssertPageIsCleanAsync();
        await session.ScreenshotAsync("karte-tabelle");

        // Follow the municipality link of a row.
        await page.Locator("#tabelle tbody tr").First.GetByRole(AriaRole.Link, new() { Name = "Köln, Stadt" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/gemeinden/05315000$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Köln");
        await session.AssertPageIsCleanAsync();
    }

    [Fact]
    public async Task AnUnknownFilterValueIsNamedAndTheMapStillShowsEverything()
    {
        await SeedAsync();
        await using var session = await BrowserSession.OpenAsync(environment, app);

        await session.GotoAsync("/karte?programm=Weltraum");

        await Expect(session.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Das Programm „Weltraum“ gibt es nicht.");
        await Expect(session.Page.Locator("#karte")).ToHaveAttributeAsync("data-loaded", "3");
        await session.AssertPageIsCleanAsync();
    }

    [Fact]
    public async Task WhenTheTileServerIsUnreachableTheBoundariesAndAreasStillShow()
    {
        await SeedAsync();
        await using var session = await BrowserSession.OpenAsync(environment, app);
        var page = session.Page;
        // The test app runs without tiles; here the page names a tile server that answers nothing but errors.
        await page.RouteAsync("**/karte", async route =>
        {
            var response = await route.FetchAsync();
            var html = (await response.TextAsync()).Replace("data-tile-url=\"\"", "data-tile-url=\"/kacheln-nicht-erreichbar/{z}/{x}/{y}.png\"", StringComparison.Ordinal);
            await route.FulfillAsync(new() { Response = response, Body = html });
        });
        await page.RouteAsync("**/kacheln-nicht-erreichbar/**", route => route.AbortAsync("internetdisconnected"));

        await session.GotoAsync("/karte");

        await Expect(page.Locator("#karte-status")).ToHaveTextAsync("Die Hintergrundkarte ist nicht erreichbar; Grenzen und Programmgebiete werden ohne sie gezeigt.");
        await Expect(page.Locator("#karte")).ToHaveAttributeAsync("data-loaded", "3");
        await Expect(page.Locator("#karte")).ToHaveAttributeAsync("data-municipalities-loaded", "396");
        Assert.True(await page.Locator("#karte path.leaflet-interactive").CountAsync() >= 397);
        var problems = await session.FindPageProblemsAsync();
        Assert.All(problems, p => Assert.Contains("/kacheln-nicht-erreichbar/", p, StringComparison.Ordinal));
        await session.ScreenshotAsync("karte-ohne-kacheln");
    }
}
