using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Events;
using Quartiersnetz.Features.Library;
using Quartiersnetz.Platform.Files;
using Quartiersnetz.Platform.Search;

namespace Quartiersnetz.BrowserTests;

/// <summary>
/// The office describes a final report, uploads its PDF and publishes it; a visitor finds it in the search by a word that
/// is only inside the PDF, opens its page and downloads the file. Every page axe- and Nu-clean.
/// </summary>
public sealed class LibraryJourneyTests(BrowserEnvironment environment, BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task TheOfficePublishesAReportWhichAVisitorFindsByAWordFromInsideThePdf()
    {
        var title = "Abschlussbericht Quartiersarbeit " + Guid.NewGuid().ToString("N")[..4];
        var pdf = Path.Combine(Path.GetTempPath(), $"bericht-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(pdf, Report("Seite 1: Einleitung", "Seite 2: Die Stadtteilkonferenz Lindenblatt tagt viermal im Jahr."), TestContext.Current.CancellationToken);
        var cover = Path.Combine(Path.GetTempPath(), $"titel-{Guid.NewGuid():N}.png");
        await File.WriteAllBytesAsync(cover, Convert.FromBase64String(OnePixelPng), TestContext.Current.CancellationToken);
        var csv = Path.Combine(Path.GetTempPath(), $"bibliothek-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(csv, string.Join(";", ImportPublications.Columns) + "\nRoman;Ein Titel;;Jana Beispiel;;;2025;;Kurz.;de;;;;;;;;öffentlich;ja\n", TestContext.Current.CancellationToken);
        try
        {
            await using (var office = await BrowserSession.OpenAsync(environment, app))
            {
                var page = office.Page;
                await office.SignInAsync(BrowserApp.AdminEmail, BrowserApp.AdminPassword);
                await office.GotoAsync("/geschaeftsstelle");
                await page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "Bibliothek", Exact = true }).ClickAsync();
                await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Bibliothek verwalten", Level = 1 })).ToBeVisibleAsync();
                await office.AssertPageIsCleanAsync();
                await page.GetByRole(AriaRole.Link, new() { Name = "Neue Veröffentlichung erfassen" }).ClickAsync();
                await office.AssertPageIsCleanAsync();

                await page.GetByLabel("Titel", new() { Exact = true }).FillAsync(title);
                await page.GetByLabel("Autorinnen und Autoren – optional").FillAsync("Büro für Quartiersforschung");
                await page.GetByLabel("Herausgegeben von – optional").FillAsync("AG Soziale Stadt NRW");
                await page.GetByLabel("Erscheinungsjahr").FillAsync("2025");
                await page.GetByLabel("Zusammenfassung").FillAsync("Was zehn Jahre **Quartiersarbeit** in den Mitgliedskommunen gebracht haben.");
                await page.GetByRole(AriaRole.Radio, new() { Name = "Öffentlich", Exact = true }).CheckAsync();
                await page.GetByLabel("Veröffentlicht (sonst Entwurf, nur für die Geschäftsstelle sichtbar)").CheckAsync();

                // Saved without a type first: the German message, and the typed values stay.
                await page.GetByRole(AriaRole.Button, new() { Name = "Speichern" }).ClickAsync();
                await Expect(page.GetByRole(AriaRole.Alert).First).ToContainTextAsync("Bitte wählen Sie die Art der Veröffentlichung.");
                await Expect(page.GetByLabel("Titel", new() { Exact = true })).ToHaveValueAsync(title);
                await office.AssertPageIsCleanAsync();
                await office.ScreenshotAsync("bibliothek-neu-fehler");

                await page.GetByLabel("Art", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Abschlussbericht" });
                await page.GetByRole(AriaRole.Button, new() { Name = "Speichern" }).ClickAsync();
                await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("gespeichert");

                await page.GetByLabel("Datei", new() { Exact = true }).SetInputFilesAsync(pdf);
                await page.GetByLabel("Titel der Datei – optional").FillAsync("Abschlussbericht (PDF)");
                await page.GetByRole(AriaRole.Button, new() { Name = "Datei hochladen" }).ClickAsync();
                await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("hinzugefügt");
                await Expect(page.Locator("#office-files")).ToContainTextAsync("2 Seiten");
                await office.AssertPageIsCleanAsync();
                await office.ScreenshotAsync("bibliothek-bearbeiten");

                await page.GetByLabel("Bilddatei", new() { Exact = true }).SetInputFilesAsync(cover);
                await page.GetByLabel("Alternativtext", new() { Exact = true }).FillAsync("Titelseite des Abschlussberichts");
                await page.GetByLabel("Bildquelle – optional").FillAsync("AG Soziale Stadt NRW");
                await page.GetByRole(AriaRole.Button, new() { Name = "Titelbild speichern" }).ClickAsync();
                await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Titelbild wurde gespeichert");
                await office.AssertPageIsCleanAsync();

                // The import page, and a file with a bad line: its error by line number, nothing imported.
                await page.GetByRole(AriaRole.Link, new() { Name = "Zurück zu Bibliothek verwalten" }).ClickAsync();
                await page.GetByRole(AriaRole.Link, new() { Name = "Veröffentlichungen aus CSV importieren" }).ClickAsync();
                await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Veröffentlichungen importieren", Level = 1 })).ToBeVisibleAsync();
                await office.AssertPageIsCleanAsync();
                await page.GetByLabel("CSV-Datei").SetInputFilesAsync(csv);
                await page.GetByRole(AriaRole.Button, new() { Name = "Prüfen und importieren" }).ClickAsync();
                await Expect(page.Locator("#import-errors")).ToContainTextAsync("Zeile 2: Unbekannter Typ „Roman“");
                await office.AssertPageIsCleanAsync();
            }

            // The hosted job reads the PDF within seconds of the upload; then the indexer takes the text.
            await WaitForTextAndIndexAsync(title);

            await using var visitor = await BrowserSession.OpenAsync(environment, app);
            var home = visitor.Page;
            await visitor.GotoAsync("/suche");
            await home.GetByLabel("Suchbegriff").FillAsync("Lindenblatt");
            await home.GetByRole(AriaRole.Button, new() { Name = "Suchen" }).ClickAsync();
            var hit = home.Locator("#search-hits > li", new() { HasText = title });
            await Expect(hit).ToHaveCountAsync(1);
            await visitor.AssertPageIsCleanAsync();
            await hit.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
            await Expect(home.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 })).ToBeVisibleAsync();
            await Expect(home.Locator("#publication-citation")).ToContainTextAsync($"Büro für Quartiersforschung (2025): {title}.");
            await Expect(home.GetByRole(AriaRole.Img, new() { Name = "Titelseite des Abschlussberichts" })).ToBeVisibleAsync();
            await Expect(home.Locator("#publication-cover-credit")).ToHaveTextAsync("Bild: AG Soziale Stadt NRW");
            await visitor.AssertPageIsCleanAsync();
            await visitor.ScreenshotAsync("bibliothek-veroeffentlichung");

            await visitor.GotoAsync("/bibliothek?art=Abschlussbericht");
            await Expect(home.Locator("#publications")).ToContainTextAsync(title);
            await visitor.AssertPageIsCleanAsync();
            await visitor.ScreenshotAsync("bibliothek");

            // Last: a download ends the page's navigation, which the clean-page check would count as a failed request.
            await home.Locator("#publications").GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
            var download = await home.RunAndWaitForDownloadAsync(() => home.GetByRole(AriaRole.Link, new() { Name = "Abschlussbericht (PDF)" }).ClickAsync());
            Assert.Equal("abschlussbericht-pdf.pdf", download.SuggestedFilename);
        }
        finally
        {
            File.Delete(pdf);
            File.Delete(cover);
            File.Delete(csv);
        }
    }

    [Fact]
    public async Task TheOfficeNamesTheAreasAndTheEventOfADocumentationWhichTheirPagesThenList()
    {
        var marker = Guid.NewGuid().ToString("N")[..4];
        var title = "Dokumentation Quartierskonferenz " + marker;
        var areaName = "Hassel-Nord " + marker;
        var area = new Features.ProgrammeAreas.ProgrammeArea
        {
            Name = areaName, SortKey = Data.Reference.GermanSortKey.For(areaName), MunicipalityAgs = "05513000", Latitude = 51.59, Longitude = 7.05,
            Description = "Ein Fördergebiet im Norden der Stadt.", CreatedAtUtc = DateTime.UtcNow, UpdatedAtUtc = DateTime.UtcNow,
        };
        var conference = new Event
        {
            Type = EventType.Tagung, Title = "Quartierskonferenz " + marker, Description = "Die Konferenz der Quartiersmanagements.",
            StartUtc = DateTime.UtcNow.AddDays(-30), EndUtc = DateTime.UtcNow.AddDays(-30).AddHours(6), PlaceMode = PlaceMode.OnSite, VenueName = "Hans-Sachs-Haus",
            Audience = EventAudience.Public, Status = EventStatus.Published, CreatedAtUtc = DateTime.UtcNow, UpdatedAtUtc = DateTime.UtcNow,
        };
        await using (var scope = app.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
            db.AddRange(area, conference);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await using (var office = await BrowserSession.OpenAsync(environment, app))
        {
            var page = office.Page;
            await office.SignInAsync(BrowserApp.AdminEmail, BrowserApp.AdminPassword);
            await office.GotoAsync("/geschaeftsstelle/bibliothek/neu");
            await page.GetByLabel("Art", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Dokumentation" });
            await page.GetByLabel("Titel", new() { Exact = true }).FillAsync(title);
            await page.GetByLabel("Herausgegeben von – optional").FillAsync("AG Soziale Stadt NRW");
            await page.GetByLabel("Erscheinungsjahr").FillAsync("2025");
            await page.GetByLabel("Zusammenfassung").FillAsync("Vorträge und Ergebnisse der Konferenz.");
            await page.GetByRole(AriaRole.Radio, new() { Name = "Öffentlich", Exact = true }).CheckAsync();
            await page.GetByLabel("Veröffentlicht (sonst Entwurf, nur für die Geschäftsstelle sichtbar)").CheckAsync();
            await page.GetByLabel("Zugehörige Veranstaltungen – optional").FillAsync($"/veranstaltungen/{conference.Id}");

            // An area that does not exist first: the message names it, the typed lines stay.
            await page.GetByLabel("Betroffene Fördergebiete – optional").FillAsync($"Gelsenkirchen: {areaName}\nAtlantis");
            await page.GetByRole(AriaRole.Button, new() { Name = "Speichern" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Alert).First).ToContainTextAsync("Kein Fördergebiet „Atlantis“ gefunden.");
            await office.AssertPageIsCleanAsync();
            await office.ScreenshotAsync("bibliothek-foerdergebiet-fehler");

            await page.GetByLabel("Betroffene Fördergebiete – optional").FillAsync($"Gelsenkirchen: {areaName}");
            await page.GetByRole(AriaRole.Button, new() { Name = "Speichern" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("gespeichert");
            await office.AssertPageIsCleanAsync();
        }

        await using var visitor = await BrowserSession.OpenAsync(environment, app);
        var view = visitor.Page;
        await visitor.GotoAsync("/bibliothek?art=Dokumentation");
        await view.Locator("#publications").GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await Expect(view.Locator("#publication-areas")).ToContainTextAsync($"{areaName} (Gelsenkirchen)");
        await visitor.AssertPageIsCleanAsync();
        await visitor.ScreenshotAsync("bibliothek-veroeffentlichung-foerdergebiet");

        await view.Locator("#publication-areas").GetByRole(AriaRole.Link, new() { Name = areaName }).ClickAsync();
        await Expect(view.GetByRole(AriaRole.Heading, new() { Name = "Veröffentlichungen", Level = 2 })).ToBeVisibleAsync();
        await Expect(view.Locator("#area-publications")).ToContainTextAsync(title);
        await visitor.AssertPageIsCleanAsync();
        await visitor.ScreenshotAsync("programmgebiet-veroeffentlichungen");

        await visitor.GotoAsync($"/veranstaltungen/{conference.Id}");
        await Expect(view.GetByRole(AriaRole.Heading, new() { Name = "Dokumentation", Level = 2 })).ToBeVisibleAsync();
        await Expect(view.Locator("#event-documentation")).ToContainTextAsync(title);
        await visitor.AssertPageIsCleanAsync();
        await visitor.ScreenshotAsync("veranstaltung-dokumentation");
    }

    /// <summary>A real PNG of one grey pixel.</summary>
    private const string OnePixelPng = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg==";

    private static byte[] Report(params string[] pages)
    {
        EmbeddedFontResolver.EnsureInstalled();
        using var document = new PdfDocument();
        var font = new XFont(EmbeddedFontResolver.Family, 11, XFontStyleEx.Regular);
        foreach (var text in pages)
        {
            using var graphics = XGraphics.FromPdfPage(document.AddPage());
            graphics.DrawString(text, font, XBrushes.Black, new XPoint(50, 80));
        }

        using var buffer = new MemoryStream();
        document.Save(buffer);
        return buffer.ToArray();
    }

    private async Task WaitForTextAndIndexAsync(string title)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await using var scope = app.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
            var extracted = await db.Set<PublicationFile>()
                .AnyAsync(f => f.TextStatus == DocumentTextStatus.Extracted && db.Set<Publication>().Any(p => p.Id == f.PublicationId && p.Title == title), TestContext.Current.CancellationToken);
            if (extracted && !await db.Set<SearchIndexPending>().AnyAsync(TestContext.Current.CancellationToken))
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, "The text of the PDF did not reach the search index within 30 seconds.");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
