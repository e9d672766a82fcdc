using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Events;

namespace Quartiersnetz.BrowserTests;

/// <summary>
/// The office writes the programme of a two-day study trip and attaches its invitation; a visitor sees both on the
/// event page and downloads the PDF. Every page axe- and Nu-clean.
/// </summary>
public sealed class EventDocumentsJourneyTests(BrowserEnvironment environment, BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task TheOfficeAddsAProgrammeAndAnInvitationWhichVisitorsSeeOnTheEventPage()
    {
        var title = "Studienfahrt Leipzig " + Guid.NewGuid().ToString("N")[..4];
        var (id, firstDay) = await CreateTwoDayEventAsync(title);
        var pdf = Path.Combine(Path.GetTempPath(), $"einladung-{Guid.NewGuid():N}.pdf");
        await File.WriteAllTextAsync(pdf, "%PDF-1.4\n% Einladung zur Studienfahrt\n%%EOF\n", TestContext.Current.CancellationToken);

        try
        {
            await using (var office = await BrowserSession.OpenAsync(environment, app))
            {
                var page = office.Page;
                await office.SignInAsync(BrowserApp.AdminEmail, BrowserApp.AdminPassword);
                await office.GotoAsync($"/geschaeftsstelle/veranstaltungen/{id}");
                await page.GetByRole(AriaRole.Link, new() { Name = "Programm nach Tagen" }).ClickAsync();
                await office.AssertPageIsCleanAsync();
                await page.GetByLabel(EventProgramme.Format(firstDay)).FillAsync("- 10:00 Uhr **Ankunft** am Hauptbahnhof\n- 11:00 Uhr Rundgang durch den Leipziger Osten");
                await page.GetByLabel(EventProgramme.Format(firstDay.AddDays(1))).FillAsync("- 9:30 Uhr Gespräch mit dem Quartiersmanagement");
                await page.GetByRole(AriaRole.Button, new() { Name = "Programm speichern" }).ClickAsync();
                await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("gespeichert");
                await office.AssertPageIsCleanAsync();
                await office.ScreenshotAsync("veranstaltung-programm");

                await office.GotoAsync($"/geschaeftsstelle/veranstaltungen/{id}/dokumente");
                await page.GetByLabel("Datei", new() { Exact = true }).SetInputFilesAsync(pdf);
                await page.GetByLabel("Titel – optional").FillAsync("Einladung und Anreise");
                await page.GetByRole(AriaRole.Button, new() { Name = "Dokument hochladen" }).ClickAsync();
                await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("hinzugefügt");
                await Expect(page.Locator("#documents")).ToContainTextAsync("Einladung und Anreise");
                await office.AssertPageIsCleanAsync();
                await office.ScreenshotAsync("veranstaltung-dokumente");
            }

            await using var visitor = await BrowserSession.OpenAsync(environment, app);
            await visitor.GotoAsync($"/veranstaltungen/{id}");
            var eventPage = visitor.Page;
            await Expect(eventPage.Locator("#event-programme h3")).ToHaveCountAsync(2);
            await Expect(eventPage.Locator("#event-programme strong")).ToHaveTextAsync("Ankunft");
            await visitor.AssertPageIsCleanAsync();
            await visitor.ScreenshotAsync("veranstaltung-programm-und-dokumente");
            var download = await eventPage.RunAndWaitForDownloadAsync(() => eventPage.GetByRole(AriaRole.Link, new() { Name = "Einladung und Anreise" }).ClickAsync());
            Assert.Equal("einladung-und-anreise.pdf", download.SuggestedFilename);
        }
        finally
        {
            File.Delete(pdf);
        }
    }

    private async Task<(Guid Id, DateOnly FirstDay)> CreateTwoDayEventAsync(string title)
    {
        var first = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(20));
        var start = first.ToDateTime(new TimeOnly(8, 0), DateTimeKind.Utc);
        var ev = new Event
        {
            Type = EventType.Studienfahrt, Title = title, Description = "Zwei Tage im Leipziger Osten.", StartUtc = start, EndUtc = start.AddDays(1).AddHours(7),
            PlaceMode = PlaceMode.OnSite, VenueName = "Leipzig", Audience = EventAudience.Public, Capacity = 25,
            Status = EventStatus.Published, CreatedAtUtc = DateTime.UtcNow, UpdatedAtUtc = DateTime.UtcNow,
        };
        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        db.Add(ev);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return (ev.Id, first);
    }
}
