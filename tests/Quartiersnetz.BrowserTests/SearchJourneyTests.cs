using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Events;
using Quartiersnetz.Features.Library;
using Quartiersnetz.Features.ProgrammeAreas;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.Platform.Files;
using Quartiersnetz.Platform.Search;

namespace Quartiersnetz.BrowserTests;

/// <summary>
/// A visitor searches from the header, narrows by the publication type and by the kind, opens a hit and follows one of
/// its similar items; every page clean.
/// </summary>
public sealed class SearchJourneyTests(BrowserEnvironment environment, BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task AVisitorSearchesNarrowsByAFacetAndOpensAHit()
    {
        Guid areaId;
        await using (var scope = app.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
            var area = new ProgrammeArea
            {
                Name = "Gelsenkirchen Bismarck-Schalke", SortKey = "gelsenkirchen bismarck", MunicipalityAgs = "05513000", AdmissionYear = 2012,
                Description = "Quartiersmanagement mit Bürgerbeteiligung: Wohnungen werden modernisiert, der Stadtteilpark neu gestaltet.",
                Latitude = 51.53, Longitude = 7.09, CreatedAtUtc = DateTime.UtcNow, UpdatedAtUtc = DateTime.UtcNow,
            };
            db.Add(area);
            var topic = Topic.Create("Beteiligung im Revier", null, "Mitreden im Stadtteil.");
            db.Add(topic);
            var guide = new Publication
            {
                Slug = "arbeitshilfe-beteiligungswerkstatt", Type = PublicationType.Arbeitshilfe, Title = "Arbeitshilfe Beteiligungswerkstatt", Year = 2024,
                Abstract = "Schritt für Schritt zur Werkstatt im Stadtteil.", Visibility = PublicationVisibility.Public, PublishedAtUtc = DateTime.UtcNow.AddDays(-1),
                CreatedAtUtc = DateTime.UtcNow, UpdatedAtUtc = DateTime.UtcNow,
            };
            db.Add(guide);
            db.Add(new PublicationFile
            {
                PublicationId = guide.Id, Title = "Arbeitshilfe", FileKey = "publications/journey.pdf", Extension = "pdf", SizeBytes = 1000, PageCount = 1,
                TextStatus = DocumentTextStatus.Extracted, Text = "Die Bürgerbeteiligung braucht Einladungen in mehreren Sprachen.", UploadedAtUtc = DateTime.UtcNow,
            });
            db.Add(new TopicAssignment { TopicId = topic.Id, ItemKind = TopicKinds.ProgrammeArea, ItemKey = area.Id.ToString() });
            db.Add(new TopicAssignment { TopicId = topic.Id, ItemKind = Publication.TopicKind, ItemKey = guide.Id.ToString() });
            var start = DateTime.UtcNow.AddDays(20);
            db.Add(new Event
            {
                Type = EventType.Werkstatt, Title = "Werkstatt Quartiersmanagement", Description = "Erfahrungen aus der Bürgerbeteiligung teilen.",
                StartUtc = start, EndUtc = start.AddHours(3), PlaceMode = PlaceMode.OnSite, VenueName = "Stadtteilzentrum", Audience = EventAudience.Public,
                Status = EventStatus.Published, CreatedAtUtc = DateTime.UtcNow, UpdatedAtUtc = DateTime.UtcNow,
            });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            areaId = area.Id;
        }

        await WaitForIndexAsync();

        await using var session = await BrowserSession.OpenAsync(environment, app);
        var page = session.Page;
        await session.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Suche", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Suche", Level = 1 })).ToBeVisibleAsync();
        await session.AssertPageIsCleanAsync();

        // Umlauts typed as "ue": the hit is still found, the matching word marked.
        await page.GetByLabel("Suchbegriff").FillAsync("Buergerbeteiligung");
        await page.GetByRole(AriaRole.Button, new() { Name = "Suchen" }).ClickAsync();
        var areaHit = page.Locator("#search-hits > li", new() { HasText = "Gelsenkirchen Bismarck-Schalke" });
        await Expect(areaHit.Locator("mark").First).ToHaveTextAsync("Bürgerbeteiligung");
        await Expect(page.Locator("#search-hits > li", new() { HasText = "Werkstatt Quartiersmanagement" })).ToHaveCountAsync(1);
        await session.AssertPageIsCleanAsync();
        await session.ScreenshotAsync("suche");

        // The publication was found by a word from its file; the type facet narrows to it.
        await page.GetByRole(AriaRole.Group, new() { Name = "Publikationsart" }).GetByLabel("Arbeitshilfe").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Suchen" }).ClickAsync();
        await Expect(page.Locator("#search-hits > li")).ToHaveCountAsync(1);
        await Expect(page.Locator("#search-hits > li[data-kind=publication]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("Arbeitshilfe Beteiligungswerkstatt"));
        await session.AssertPageIsCleanAsync();
        await page.GetByRole(AriaRole.Group, new() { Name = "Publikationsart" }).GetByLabel("Arbeitshilfe").UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Suchen" }).ClickAsync();
        await Expect(page.Locator("#search-hits > li", new() { HasText = "Gelsenkirchen Bismarck-Schalke" })).ToHaveCountAsync(1);

        await page.GetByRole(AriaRole.Group, new() { Name = "Art" }).GetByLabel("Programmgebiete").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Suchen" }).ClickAsync();
        await Expect(page.Locator("#search-hits > li", new() { HasText = "Werkstatt Quartiersmanagement" })).ToHaveCountAsync(0);
        await Expect(page.Locator("#search-hits > li[data-kind=event]")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "Art" }).GetByLabel("Programmgebiete")).ToBeCheckedAsync();
        await session.AssertPageIsCleanAsync();
        await session.ScreenshotAsync("suche-facette");

        await page.GetByRole(AriaRole.Link, new() { Name = "Gelsenkirchen Bismarck-Schalke" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/programmgebiete/{areaId}$"));
        await session.AssertPageIsCleanAsync();

        // The area shares its topic with the working aid (and with the topic itself): both are similar items.
        var similar = page.GetByRole(AriaRole.Region, new() { Name = "Ähnliche Inhalte" });
        await Expect(similar.GetByRole(AriaRole.Link, new() { Name = "Beteiligung im Revier" })).ToBeVisibleAsync();
        await similar.GetByRole(AriaRole.Link, new() { Name = "Arbeitshilfe Beteiligungswerkstatt" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Arbeitshilfe Beteiligungswerkstatt", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Ähnliche Inhalte" }).GetByRole(AriaRole.Link, new() { Name = "Gelsenkirchen Bismarck-Schalke" })).ToBeVisibleAsync();
        await session.AssertPageIsCleanAsync();
    }

    private async Task WaitForIndexAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await using var scope = app.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
            if (!await db.Set<SearchIndexPending>().AnyAsync(TestContext.Current.CancellationToken))
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, "The search index did not catch up within 30 seconds.");
            await Task.Delay(25, TestContext.Current.CancellationToken);
        }
    }
}
