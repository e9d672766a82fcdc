using Quartiersnetz.IntegrationTests.Accounts;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.BrowserTests;

/// <summary>
/// A member proposes a good-practice project with a photo; the office finds it in its queue and publishes it; a visitor
/// sees it in the Praxisdatenbank and as a marker on the map. Every page axe- and Nu-clean.
/// </summary>
public sealed class ProjectJourneyTests(BrowserEnvironment environment, BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task AMemberProposesAProjectThatTheOfficePublishesAndThatAppearsOnTheMap()
    {
        var title = "Nachbarschaftsladen Ahornweg " + Guid.NewGuid().ToString("N")[..4];
        var email = await TestAccounts.CreateAsync(app, null, Roles.MemberStaff);
        var photo = Path.Combine(Path.GetTempPath(), $"foto-{Guid.NewGuid():N}.png");
        await File.WriteAllBytesAsync(photo, Png(), TestContext.Current.CancellationToken);
        try
        {
            await using (var member = await BrowserSession.OpenAsync(environment, app))
            {
                var page = member.Page;
                await member.SignInAsync(email, TestAccounts.Password);
                await member.GotoAsync("/praxisprojekte");
                await member.AssertPageIsCleanAsync();
                await page.GetByRole(AriaRole.Link, new() { Name = "Ein Projekt vorschlagen" }).ClickAsync();
                await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ein Projekt vorschlagen", Level = 1 })).ToBeVisibleAsync();
                await member.AssertPageIsCleanAsync();

                await page.GetByLabel("Titel des Projekts").FillAsync(title);
                await page.GetByLabel("Kurzbeschreibung").FillAsync("Ein leerer Laden wird zum Treffpunkt für alle Generationen.");
                await page.GetByLabel("Stadt oder Gemeinde").FillAsync("Atlantis");
                await page.GetByLabel("Stand", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Laufend" });
                await page.GetByLabel("Ziele").FillAsync("Begegnung im Quartier und **kurze Wege** zu Beratung.");
                await page.GetByLabel("Lage auf der Karte – optional").FillAsync("51.5136, 7.4653");

                // An unknown town: the German message, the typed values stay.
                await page.GetByRole(AriaRole.Button, new() { Name = "Als Entwurf speichern" }).ClickAsync();
                await Expect(page.GetByRole(AriaRole.Alert).First).ToContainTextAsync("Keine Gemeinde „Atlantis“ gefunden.");
                await Expect(page.GetByLabel("Titel des Projekts")).ToHaveValueAsync(title);
                await member.AssertPageIsCleanAsync();
                await member.ScreenshotAsync("praxisprojekt-vorschlagen-fehler");

                await page.GetByLabel("Stadt oder Gemeinde").FillAsync("Dortmund");
                await page.GetByRole(AriaRole.Button, new() { Name = "Als Entwurf speichern" }).ClickAsync();
                await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Entwurf ist gespeichert");

                await page.GetByLabel("Bild", new() { Exact = true }).SetInputFilesAsync(photo);
                await page.GetByLabel("Alternativtext").FillAsync("Das Schaufenster des Nachbarschaftsladens");
                await page.GetByLabel("Bildrechte – optional").FillAsync("Quartiersbüro Ahornweg");
                await page.GetByRole(AriaRole.Button, new() { Name = "Bild hochladen" }).ClickAsync();
                await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Bild wurde hinzugefügt");
                await Expect(page.GetByRole(AriaRole.Img, new() { Name = "Das Schaufenster des Nachbarschaftsladens" })).ToBeVisibleAsync();
                await page.GetByRole(AriaRole.Button, new() { Name = "Zur Prüfung einreichen" }).ClickAsync();
                await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Ihr Vorschlag ist bei der Geschäftsstelle");
                await Expect(page.Locator("#project-state")).ToContainTextAsync("Zur Prüfung eingereicht");
                await member.AssertPageIsCleanAsync();
                await member.ScreenshotAsync("praxisprojekt-bearbeiten");

                await member.GotoAsync("/praxisprojekte/meine");
                await Expect(page.Locator("#my-projects")).ToContainTextAsync(title);
                await member.AssertPageIsCleanAsync();
            }

            await using (var office = await BrowserSession.OpenAsync(environment, app))
            {
                var page = office.Page;
                await office.SignInAsync(BrowserApp.AdminEmail, BrowserApp.AdminPassword);
                await office.GotoAsync("/geschaeftsstelle");
                await page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "Praxisprojekte", Exact = true }).ClickAsync();
                await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Praxisprojekte verwalten", Level = 1 })).ToBeVisibleAsync();
                await office.AssertPageIsCleanAsync();
                await page.Locator("#office-projects").GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
                await Expect(page.Locator("#return-form")).ToBeVisibleAsync();
                await office.AssertPageIsCleanAsync();
                await page.GetByRole(AriaRole.Button, new() { Name = "Speichern und veröffentlichen" }).ClickAsync();
                await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Das Projekt ist veröffentlicht.");
            }

            await using var visitor = await BrowserSession.OpenAsync(environment, app);
            var home = visitor.Page;
            await visitor.GotoAsync("/");
            await home.GetByRole(AriaRole.Link, new() { Name = "Praxisprojekte", Exact = true }).First.ClickAsync();
            await Expect(home.Locator("#projects")).ToContainTextAsync(title);
            await visitor.AssertPageIsCleanAsync();
            await visitor.ScreenshotAsync("praxisdatenbank");
            await home.Locator("#projects").GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
            await Expect(home.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 })).ToBeVisibleAsync();
            await Expect(home.Locator("#project-images figcaption")).ToContainTextAsync("Bild: Quartiersbüro Ahornweg");
            await visitor.AssertPageIsCleanAsync();
            await visitor.ScreenshotAsync("praxisprojekt");

            await visitor.GotoAsync("/karte");
            var map = home.GetByRole(AriaRole.Region, new() { Name = "Karte der Programmgebiete und Gemeinden in NRW" });
            await Expect(map).ToHaveAttributeAsync("data-projects-loaded", "1");
            var marker = home.Locator($".map-project-marker[title='{title}']");
            await Expect(marker).ToHaveCountAsync(1);
            await marker.ClickAsync();
            await home.Locator(".leaflet-popup").GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
            await Expect(home.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 })).ToBeVisibleAsync();
        }
        finally
        {
            File.Delete(photo);
        }
    }

    private static byte[] Png()
    {
        using var bitmap = new SkiaSharp.SKBitmap(60, 40);
        bitmap.Erase(SkiaSharp.SKColors.Goldenrod);
        using var data = bitmap.Encode(SkiaSharp.SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
