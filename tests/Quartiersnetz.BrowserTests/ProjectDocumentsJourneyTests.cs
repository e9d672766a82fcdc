using Microsoft.Extensions.DependencyInjection;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Events;
using Quartiersnetz.Features.Library;
using Quartiersnetz.Features.Projects;

namespace Quartiersnetz.BrowserTests;

/// <summary>
/// The office attaches a report to a project, links it to a publication and an event and publishes it; a visitor sees
/// "Dokumente", "Veröffentlichungen" and "Veranstaltungen" on the project page and the project on the publication's page.
/// Every page axe- and Nu-clean.
/// </summary>
public sealed class ProjectDocumentsJourneyTests(BrowserEnvironment environment, BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task TheOfficeAttachesADocumentAndLinksWhichAVisitorSeesOnTheProjectPage()
    {
        var marker = Guid.NewGuid().ToString("N")[..4];
        var (projectId, slug, publicationSlug) = await ArrangeAsync(marker);
        var pdf = Path.Combine(Path.GetTempPath(), $"bericht-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(pdf, Report("Seite 1: Ausgangslage", "Seite 2: Ergebnisse"), TestContext.Current.CancellationToken);
        try
        {
            await using (var office = await BrowserSession.OpenAsync(environment, app))
            {
                var page = office.Page;
                await office.SignInAsync(BrowserApp.AdminEmail, BrowserApp.AdminPassword);
                await office.GotoAsync($"/praxisprojekte/{projectId}/bearbeiten");

                // Without a title the upload is refused with a German message, and nothing is listed.
                await page.GetByLabel("Dokument", new() { Exact = true }).SetInputFilesAsync(pdf);
                await page.GetByRole(AriaRole.Button, new() { Name = "Dokument hochladen" }).ClickAsync();
                await Expect(page.Locator("#document-error")).ToContainTextAsync("Bitte geben Sie dem Dokument einen Titel");
                await office.AssertPageIsCleanAsync();

                await page.GetByLabel("Dokument", new() { Exact = true }).SetInputFilesAsync(pdf);
                await page.GetByLabel("Titel des Dokuments").FillAsync("Abschlussbericht " + marker);
                await page.GetByLabel("Beschreibung – optional").FillAsync("Ausgangslage, Vorgehen und Ergebnisse auf zwei Seiten.");
                await page.GetByRole(AriaRole.Button, new() { Name = "Dokument hochladen" }).ClickAsync();
                await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Das Dokument wurde hinzugefügt.");
                await Expect(page.Locator("#edit-documents")).ToContainTextAsync("2 Seiten");

                await page.GetByLabel("Veröffentlichungen – optional").FillAsync("/bibliothek/" + publicationSlug);
                await page.GetByLabel("Veranstaltungen – optional").FillAsync("Fachtag Quartiersarbeit " + marker);
                await office.AssertPageIsCleanAsync();
                await office.ScreenshotAsync("praxisprojekt-dokumente-bearbeiten");
                await page.GetByRole(AriaRole.Button, new() { Name = "Speichern und veröffentlichen" }).ClickAsync();
                await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Das Projekt ist veröffentlicht.");
            }

            await using var visitor = await BrowserSession.OpenAsync(environment, app);
            var view = visitor.Page;
            await visitor.GotoAsync("/praxisprojekte/" + slug);
            await Expect(view.GetByRole(AriaRole.Heading, new() { Name = "Dokumente", Level = 2 })).ToBeVisibleAsync();
            await Expect(view.Locator("#project-documents")).ToContainTextAsync("(PDF,");
            await Expect(view.Locator("#project-publications")).ToContainTextAsync("Leitfaden Beteiligung " + marker);
            await Expect(view.Locator("#project-events")).ToContainTextAsync("Fachtag Quartiersarbeit " + marker);
            await visitor.AssertPageIsCleanAsync();
            await visitor.ScreenshotAsync("praxisprojekt-dokumente");

            await view.Locator("#project-publications").GetByRole(AriaRole.Link).ClickAsync();
            await Expect(view.Locator("#publication-projects")).ToContainTextAsync("Zukunftswerkstatt " + marker);
            await visitor.AssertPageIsCleanAsync();

            // Last: a download aborts the page's navigation, which the clean-page check would count as a failed request.
            await view.Locator("#publication-projects").GetByRole(AriaRole.Link).ClickAsync();
            var download = await view.RunAndWaitForDownloadAsync(() => view.Locator("#project-documents").GetByRole(AriaRole.Link, new() { Name = "Abschlussbericht " + marker }).ClickAsync());
            Assert.Equal($"abschlussbericht-{marker}.pdf", download.SuggestedFilename);
        }
        finally
        {
            File.Delete(pdf);
        }
    }

    /// <summary>An office draft project, a public publication and a public event, stored directly (arranging, not under test).</summary>
    private async Task<(Guid ProjectId, string Slug, string PublicationSlug)> ArrangeAsync(string marker)
    {
        var now = DateTime.UtcNow;
        var project = new Project
        {
            Slug = "zukunftswerkstatt-" + marker, Title = "Zukunftswerkstatt " + marker, Summary = "Bewohnerinnen und Bewohner planen ihren Platz.",
            MunicipalityAgs = "05913000", Status = ProjectStatus.Abgeschlossen, Goals = "Einen Platz gemeinsam planen.",
            ReviewState = ProjectReviewState.Draft, CreatedAtUtc = now, UpdatedAtUtc = now,
        };
        var publication = new Publication
        {
            Slug = "leitfaden-beteiligung-" + marker, Title = "Leitfaden Beteiligung " + marker, Type = PublicationType.Arbeitshilfe, Year = 2025,
            Abstract = "Wie Beteiligung gelingt.", Visibility = PublicationVisibility.Public, PublishedAtUtc = now, CreatedAtUtc = now, UpdatedAtUtc = now,
        };
        var start = now.AddDays(30);
        var ev = new Event
        {
            Type = EventType.Netzwerktreffen, Title = "Fachtag Quartiersarbeit " + marker, Description = "Austausch.", StartUtc = start, EndUtc = start.AddHours(4),
            PlaceMode = PlaceMode.OnSite, VenueName = "Rathaus Dortmund", Audience = EventAudience.Public, Capacity = 50,
            Status = EventStatus.Published, CreatedAtUtc = now, UpdatedAtUtc = now,
        };
        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        db.AddRange(project, publication, ev);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return (project.Id, project.Slug, publication.Slug);
    }

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
}
