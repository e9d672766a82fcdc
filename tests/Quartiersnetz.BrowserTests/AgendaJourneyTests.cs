using System.IO.Compression;
using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Events;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.BrowserTests;

/// <summary>
/// The office builds an agenda: a talk with a speaker from the directory, an external speaker and slides, then a
/// break; a visitor sees it on the event page. Every page axe- and Nu-clean.
/// </summary>
public sealed class AgendaJourneyTests(BrowserEnvironment environment, BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task TheOfficeBuildsAnAgendaWithSpeakersAndSlidesWhichVisitorsSeeOnTheEventPage()
    {
        var suffix = Guid.NewGuid().ToString("N")[..4];
        var id = await CreateEventAsync("Fachtag Quartiersarbeit " + suffix);
        var speaker = "Dorothea Quartiersfeld " + suffix;
        await CreateDirectoryPersonAsync(speaker);
        var slides = Path.Combine(Path.GetTempPath(), $"folien-{Guid.NewGuid():N}.pptx");
        await File.WriteAllBytesAsync(slides, Pptx(), TestContext.Current.CancellationToken);

        try
        {
            await using (var office = await BrowserSession.OpenAsync(environment, app))
            {
                var page = office.Page;
                await office.SignInAsync(BrowserApp.AdminEmail, BrowserApp.AdminPassword);
                await office.GotoAsync($"/geschaeftsstelle/veranstaltungen/{id}");
                await page.GetByRole(AriaRole.Link, new() { Name = "Tagesordnung: Punkte, Vortragende, Folien" }).ClickAsync();
                await Expect(page.Locator("#no-agenda-items")).ToBeVisibleAsync();
                await office.AssertPageIsCleanAsync();

                await AddItemAsync(page, "10:00", "11:00", "Begrüßung und Grundsatzvortrag", "Vortrag");
                await Expect(page.Locator("#agenda-items")).ToContainTextAsync("Begrüßung und Grundsatzvortrag");
                await AddItemAsync(page, "11:00", "11:15", "Kaffeepause", "Pause");

                var talk = page.Locator("#agenda-items > li").First;
                await talk.GetByLabel("Person aus dem Verzeichnis suchen (Name)").FillAsync("Quartiersfeld " + suffix);
                await talk.GetByRole(AriaRole.Button, new() { Name = "Suchen" }).ClickAsync();
                await talk.GetByLabel(speaker).CheckAsync();
                await office.AssertPageIsCleanAsync();
                await talk.GetByRole(AriaRole.Button, new() { Name = "Als Vortragende eintragen" }).ClickAsync();
                await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("eingetragen");

                talk = page.Locator("#agenda-items > li").First;
                await talk.GetByLabel("Name", new() { Exact = true }).FillAsync("Prof. Jürgen Gast");
                await talk.GetByLabel("Organisation – optional").FillAsync("Hochschule Bochum");
                await talk.GetByLabel("Kurzbiografie – optional").FillAsync("Forscht zu Nachbarschaften im Ruhrgebiet.");
                await talk.GetByRole(AriaRole.Button, new() { Name = "Externe Person eintragen" }).ClickAsync();
                await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("eingetragen");

                talk = page.Locator("#agenda-items > li").First;
                await talk.GetByLabel("Folien oder Dokument").SetInputFilesAsync(slides);
                await talk.GetByLabel("Titel – optional").FillAsync("Folien zum Grundsatzvortrag");
                await talk.GetByRole(AriaRole.Button, new() { Name = "Material hochladen" }).ClickAsync();
                await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("hinzugefügt");
                await Expect(page.Locator("#agenda-items")).ToContainTextAsync("Folien zum Grundsatzvortrag (PowerPoint");
                await office.AssertPageIsCleanAsync();
                await office.ScreenshotAsync("tagesordnung-geschaeftsstelle");
            }

            await using var visitor = await BrowserSession.OpenAsync(environment, app);
            await visitor.GotoAsync($"/veranstaltungen/{id}");
            var eventPage = visitor.Page;
            var agenda = eventPage.Locator("#agenda-list");
            await Expect(agenda.Locator("h3")).ToHaveTextAsync(["10:00–11:00 Begrüßung und Grundsatzvortrag", "11:00–11:15 Kaffeepause"]);
            await Expect(agenda).ToContainTextAsync(speaker);
            await Expect(agenda).ToContainTextAsync("Prof. Jürgen Gast (Hochschule Bochum)");
            await Expect(agenda.GetByRole(AriaRole.Link, new() { Name = "Folien zum Grundsatzvortrag" })).ToBeVisibleAsync();
            await visitor.AssertPageIsCleanAsync();
            await visitor.ScreenshotAsync("tagesordnung-veranstaltung");
        }
        finally
        {
            File.Delete(slides);
        }
    }

    private static async Task AddItemAsync(IPage page, string start, string end, string title, string type)
    {
        var form = page.Locator("#item-form");
        await form.GetByLabel("Beginn", new() { Exact = true }).FillAsync(start);
        await form.GetByLabel("Ende", new() { Exact = true }).FillAsync(end);
        await form.GetByLabel("Titel", new() { Exact = true }).FillAsync(title);
        await form.GetByLabel("Art", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = type });
        await form.GetByRole(AriaRole.Button, new() { Name = "Punkt hinzufügen" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("hinzugefügt");
    }

    /// <summary>A minimal PowerPoint package: what makes it one is its [Content_Types].xml and ppt/presentation.xml.</summary>
    private static byte[] Pptx()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in new[]
            {
                ("[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"),
                ("ppt/presentation.xml", "<?xml version=\"1.0\"?><p:presentation xmlns:p=\"http://schemas.openxmlformats.org/presentationml/2006/main\"/>"),
            })
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open());
                writer.Write(text);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>A one-day event from 07:00 to 14:00 UTC, so 10:00–11:15 Berlin lies inside it in summer and in winter.</summary>
    private async Task<Guid> CreateEventAsync(string title)
    {
        var start = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(20)).ToDateTime(new TimeOnly(7, 0), DateTimeKind.Utc);
        var ev = new Event
        {
            Type = EventType.Fachgespraech, Title = title, Description = "Ein Tag zur Quartiersarbeit.", StartUtc = start, EndUtc = start.AddHours(7),
            PlaceMode = PlaceMode.OnSite, VenueName = "Bürgerhaus", Audience = EventAudience.Public, Capacity = 80,
            Status = EventStatus.Published, CreatedAtUtc = DateTime.UtcNow, UpdatedAtUtc = DateTime.UtcNow,
        };
        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        db.Add(ev);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return ev.Id;
    }

    private async Task CreateDirectoryPersonAsync(string name)
    {
        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        var email = $"referentin-{Guid.NewGuid():N}@quartiersnetz.test";
        db.Users.Add(new UserAccount
        {
            Id = Guid.NewGuid(), UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
            EmailConfirmed = true, DisplayName = name, SecurityStamp = Guid.NewGuid().ToString("N"), CreatedAtUtc = DateTime.UtcNow,
            NameVisibility = ProfileVisibility.Public,
        });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }
}
