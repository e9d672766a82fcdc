using System.Text;
using System.Text.Json;
using SkiaSharp;

namespace Quartiersnetz.BrowserTests;

/// <summary>The office creates a programme area by drawing its boundary on the map, finds it in its list and adds the plan.</summary>
public sealed class ProgrammeAreaOfficeJourneyTests(BrowserEnvironment environment, BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task TheOfficeDrawsABoundaryCreatesTheAreaAndFindsItInTheList()
    {
        await using var session = await BrowserSession.OpenAsync(environment, app);
        var page = session.Page;
        // The tests run offline: the tile server answers with blank tiles, as it would with a plain map.
        var blankTile = BlankTile();
        await session.Context.RouteAsync("https://tile.openstreetmap.org/**", route =>
            route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "image/png", BodyBytes = blankTile }));
        await session.SignInAsync(BrowserApp.AdminEmail, BrowserApp.AdminPassword);

        await session.GotoAsync("/geschaeftsstelle");
        await page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "Programmgebiete", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Programmgebiete verwalten", Level = 1 })).ToBeVisibleAsync();
        await session.AssertPageIsCleanAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Neues Programmgebiet" }).ClickAsync();
        await TilesLoadedAsync(page);
        await session.AssertPageIsCleanAsync();

        // Choosing the municipality shows its outline and moves the map there; the corners are drawn inside it.
        await page.GetByLabel("Gemeinde", new() { Exact = true }).SelectOptionAsync("05113000");
        await Expect(page.Locator("#area-map .leaflet-overlay-pane path")).ToHaveCountAsync(1);
        await page.Locator("#area-map").ScrollIntoViewIfNeededAsync();
        await page.WaitForTimeoutAsync(600); // the zoom animation to Essen
        await TilesLoadedAsync(page);
        var box = await page.Locator("#area-map").BoundingBoxAsync() ?? throw new InvalidOperationException("The map has no box.");
        var (cx, cy) = (box.X + (box.Width / 2), box.Y + (box.Height / 2));
        foreach (var (dx, dy) in new[] { (-40, -30), (40, -30), (40, 30), (-40, 30), (0, 60) })
        {
            await page.Mouse.ClickAsync((float)(cx + dx), (float)(cy + dy));
        }

        await Expect(page.Locator("#area-editor-status")).ToContainTextAsync("5 Eckpunkte gesetzt");
        await page.GetByRole(AriaRole.Button, new() { Name = "Punkt entfernen" }).ClickAsync();
        await Expect(page.Locator("#area-editor-status")).ToContainTextAsync("4 Eckpunkte gesetzt");
        var drawn = JsonDocument.Parse(await page.GetByLabel("Grenze als GeoJSON – optional").InputValueAsync()).RootElement;
        Assert.Equal("Polygon", drawn.GetProperty("type").GetString());
        Assert.Equal(5, drawn.GetProperty("coordinates")[0].GetArrayLength());
        await session.ScreenshotAsync("programmgebiet-zeichnen");

        // An end before the start: the error names the field, and the drawn boundary is still there.
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Essen-Mitte gezeichnet");
        await page.GetByLabel("Aufnahmejahr – optional").FillAsync("2020");
        await page.GetByLabel("Endjahr – optional").FillAsync("2010");
        await page.GetByRole(AriaRole.Button, new() { Name = "Programmgebiet anlegen" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("nicht vor dem Aufnahmejahr");
        await Expect(page.Locator("#area-editor-status")).ToContainTextAsync("4 Eckpunkte gesetzt");
        await TilesLoadedAsync(page);
        await session.AssertPageIsCleanAsync();
        await session.ScreenshotAsync("programmgebiet-fehler");

        await page.GetByLabel("Endjahr – optional").FillAsync("2030");
        await page.GetByLabel("Größe in Hektar – optional").FillAsync("12,5");
        await page.GetByLabel("Verfügungsfonds").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Programmgebiet anlegen" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("wurde angelegt");
        await Expect(page.Locator("#area-map .leaflet-marker-pane, #area-map .leaflet-overlay-pane path").First).ToBeAttachedAsync();
        await Expect(page.Locator("#area-editor-status")).ToContainTextAsync("4 Eckpunkte gesetzt");
        await TilesLoadedAsync(page);
        await session.AssertPageIsCleanAsync();
        await session.ScreenshotAsync("programmgebiet-bearbeiten");

        await page.GetByRole(AriaRole.Link, new() { Name = "Entwicklungskonzept hochladen" }).ClickAsync();
        await session.AssertPageIsCleanAsync();
        await page.GetByLabel("PDF-Datei").SetInputFilesAsync(new FilePayload { Name = "inhk.pdf", MimeType = "application/pdf", Buffer = Encoding.ASCII.GetBytes("%PDF-1.7\n%%EOF\n") });
        await page.GetByLabel("Titel – optional").FillAsync("InHK Essen-Mitte");
        await page.GetByRole(AriaRole.Button, new() { Name = "PDF hochladen" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("gespeichert");
        await session.AssertPageIsCleanAsync();

        await session.GotoAsync("/geschaeftsstelle/programmgebiete?name=gezeichnet");
        var row = page.Locator("tr[data-area-id]");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("Essen-Mitte gezeichnet");
        await Expect(row).ToContainTextAsync("Grenze");
        await Expect(row).ToContainTextAsync("PDF vorhanden");
        await session.AssertPageIsCleanAsync();
        await session.ScreenshotAsync("programmgebiete-verwalten");

        // The municipality is typed, not picked from a list of every municipality; Enter submits the filter.
        await page.GetByLabel("Gemeinde: Name oder AGS").FillAsync("essen");
        await page.GetByLabel("Gemeinde: Name oder AGS").PressAsync("Enter");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("Essen-Mitte gezeichnet");
        await page.GetByLabel("Gemeinde: Name oder AGS").FillAsync("Atlantis");
        await page.GetByLabel("Gemeinde: Name oder AGS").PressAsync("Enter");
        await Expect(page.Locator("#no-areas")).ToContainTextAsync("Kein Programmgebiet passt zu diesem Filter.");
        await session.AssertPageIsCleanAsync();
    }

    [Fact]
    public async Task TheOfficeImportsAFileSeesEveryBadLineAndThenImportsTheCorrectedFile()
    {
        await using var session = await BrowserSession.OpenAsync(environment, app);
        var page = session.Page;
        await session.SignInAsync(BrowserApp.AdminEmail, BrowserApp.AdminPassword);
        await session.GotoAsync("/geschaeftsstelle/programmgebiete");
        await page.GetByRole(AriaRole.Link, new() { Name = "Programmgebiete importieren (CSV oder GeoJSON)" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Programmgebiete importieren", Level = 1 })).ToBeVisibleAsync();
        await session.AssertPageIsCleanAsync();

        const string Header = "ags;gemeinde;name;programm;stand;aufnahmejahr;endjahr;groesse_ha;einwohner;beschreibung;breitengrad;laengengrad;themen;grenze_geojson";
        var bad = string.Join("\r\n",
            Header,
            "05513000;Gelsenkirchen;Import Schalke-Nord;Sozialer Zusammenhalt;Laufend;2015;;85,5;9000;;51,5283;7,0836;;",
            "05513000;Gelsenkirchen;Import Bismarck;Stadtumbau Ost-West;Laufend;;;;;;51,53;7,08;;",
            "05513000;Gelsenkirchen;Import Hassel;Sozialer Zusammenhalt;Laufend;;;;;;51,2277;6,7735;;") + "\r\n";
        await page.GetByLabel("CSV- oder GeoJSON-Datei").SetInputFilesAsync(new FilePayload { Name = "gebiete.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(bad) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Prüfen und importieren" }).ClickAsync();
        var alert = page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Es wurde nichts importiert" });
        await Expect(alert).ToContainTextAsync("2 Fehler");
        await Expect(alert.Locator("li[data-line='3']")).ToContainTextAsync("Unbekanntes Programm „Stadtumbau Ost-West“");
        await Expect(alert.Locator("li[data-line='4']")).ToContainTextAsync("nicht in der Gemeinde Gelsenkirchen");
        await session.AssertPageIsCleanAsync();
        await session.ScreenshotAsync("programmgebiete-import-fehler");

        var good = string.Join("\r\n",
            Header,
            "05513000;Gelsenkirchen;Import Schalke-Nord;Sozialer Zusammenhalt;Laufend;2015;;85,5;9000;;51,5283;7,0836;;",
            "05513000;Gelsenkirchen;Import Bismarck;Stadtumbau West;Laufend;;;;;;51,53;7,08;;") + "\r\n";
        await page.GetByLabel("CSV- oder GeoJSON-Datei").SetInputFilesAsync(new FilePayload { Name = "gebiete.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(good) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Prüfen und importieren" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("2 Gebiete neu angelegt");
        await session.AssertPageIsCleanAsync();
        await session.ScreenshotAsync("programmgebiete-import-erfolg");

        await session.GotoAsync("/geschaeftsstelle/programmgebiete?name=Import");
        await Expect(page.Locator("tr[data-area-id]")).ToHaveCountAsync(2);
    }

    /// <summary>
    /// Waits until the map is set up and no tile is still loading (Leaflet drops tiles still loading when the view
    /// changes). The test app runs without a tile server (Map:TileUrl empty), so usually there are none at all.
    /// </summary>
    private static async Task TilesLoadedAsync(IPage page)
    {
        await Expect(page.Locator("#area-map.leaflet-container")).ToBeVisibleAsync();
        await Expect(page.Locator("#area-map .leaflet-tile:not(.leaflet-tile-loaded)")).ToHaveCountAsync(0);
    }

    private static byte[] BlankTile()
    {
        using var bitmap = new SKBitmap(256, 256);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(0xF2, 0xEF, 0xE9));
        }

        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
