using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Data;
using Quartiersnetz.Data.Reference;
using Quartiersnetz.Features.ProgrammeAreas;

namespace Quartiersnetz.BrowserTests;

/// <summary>The public browses programme areas: the list with its filter, then an area page with its small map.</summary>
public sealed class ProgrammeAreaPagesTests(BrowserEnvironment environment, BrowserApp app) : IClassFixture<BrowserApp>
{
    // A transparent 1×1 PNG: the test machine may be offline, and a failed tile request counts as a page problem.
    private static readonly byte[] Tile = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    [Fact]
    public async Task APersonFiltersTheAreasAndOpensOneWithItsMap()
    {
        var id = await CreateAreaAsync();
        await using var session = await BrowserSession.OpenAsync(environment, app);
        await session.Context.RouteAsync("https://tile.openstreetmap.org/**", route => route.FulfillAsync(new() { BodyBytes = Tile, ContentType = "image/png" }));
        var page = session.Page;

        await session.GotoAsync("/programmgebiete");
        await session.AssertPageIsCleanAsync();
        await page.GetByLabel("Programm", new() { Exact = true }).SelectOptionAsync("SozialerZusammenhalt");
        await page.GetByLabel("Regierungsbezirk", new() { Exact = true }).SelectOptionAsync("059");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filtern" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("1 Treffer");
        await session.AssertPageIsCleanAsync();
        await session.ScreenshotAsync("programmgebiete");

        await page.GetByRole(AriaRole.Link, new() { Name = "Dortmund-Nordstadt" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dortmund-Nordstadt", Level = 1 })).ToBeVisibleAsync();
        Assert.EndsWith($"/programmgebiete/{id}", page.Url, StringComparison.Ordinal);
        await Expect(page.Locator("#area-map path.leaflet-interactive")).ToHaveCountAsync(1);
        await Expect(page.Locator("#area-coordinates")).ToContainTextAsync("51,5200° N");
        var height = await page.EvaluateAsync<double>("() => document.getElementById('area-map').getBoundingClientRect().height");
        Assert.True(height > 200, $"The map is {height} px high.");
        await session.AssertPageIsCleanAsync();
        await session.ScreenshotAsync("programmgebiet");
    }

    private async Task<Guid> CreateAreaAsync()
    {
        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        var area = new ProgrammeArea
        {
            Name = "Dortmund-Nordstadt",
            SortKey = GermanSortKey.For("Dortmund-Nordstadt"),
            MunicipalityAgs = "05913000",
            AdmissionYear = 1999,
            SizeHectares = 1100m,
            Population = 60000,
            Description = "Ein dicht bebautes Gründerzeitquartier nördlich der Innenstadt.",
            BoundaryGeoJson = """{"type":"Polygon","coordinates":[[[7.44,51.52],[7.48,51.52],[7.48,51.535],[7.44,51.535],[7.44,51.52]]]}""",
            Latitude = 51.52,
            Longitude = 7.46,
            PlanTitle = "Integriertes Handlungskonzept Nordstadt",
            CreatedAtUtc = DateTime.UtcNow,
            UpdatedAtUtc = DateTime.UtcNow,
        };
        db.AddRange(
            area,
            new ProgrammeArea
            {
                Name = "Essen-Katernberg", SortKey = GermanSortKey.For("Essen-Katernberg"), MunicipalityAgs = "05113000",
                Latitude = 51.49, Longitude = 7.05, CreatedAtUtc = DateTime.UtcNow, UpdatedAtUtc = DateTime.UtcNow,
            });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return area.Id;
    }
}
