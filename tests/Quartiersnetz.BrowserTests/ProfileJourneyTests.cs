using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Platform.Auth;
using SkiaSharp;

namespace Quartiersnetz.BrowserTests;

/// <summary>A person looks after their own account: profile, photo, their data, deletion — every page and error state clean.</summary>
public sealed class ProfileJourneyTests(BrowserEnvironment environment, BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string Password = "Browser-Profil-Passwort-1";

    [Fact]
    public async Task APersonEditsTheProfileUploadsAPhotoDownloadsTheirDataAndDeletesTheAccount()
    {
        var email = $"profil-{Guid.NewGuid():N}@quartiersnetz.test";
        await using (var scope = app.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
            var user = new UserAccount { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Pia Profil" };
            Assert.True((await users.CreateAsync(user, Password)).Succeeded);
            await users.AddToRoleAsync(user, Roles.MemberStaff);
        }

        await using var session = await BrowserSession.OpenAsync(environment, app);
        var page = session.Page;
        await session.SignInAsync(email, Password);

        await page.GetByRole(AriaRole.Link, new() { Name = "Mein Konto" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mein Konto", Level = 1 })).ToBeVisibleAsync();
        await session.AssertPageIsCleanAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Profil bearbeiten" }).ClickAsync();
        await session.AssertPageIsCleanAsync();
        await page.GetByLabel("Telefon – optional").FillAsync("ruf mich an");
        await page.Locator("main form button[type=submit]").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Die Telefonnummer darf nur Ziffern");
        await session.AssertPageIsCleanAsync();

        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Pia Profil-Müller");
        await page.GetByLabel("Funktion – optional").FillAsync("Quartiersmanagement");
        await page.GetByLabel("Telefon – optional").FillAsync("0231 50-0");
        await page.GetByLabel("Gemeinde – optional").SelectOptionAsync("05913000");
        await page.GetByLabel("Telefon sichtbar für").SelectOptionAsync("Members");
        await page.GetByLabel("Verfügungsfonds").CheckAsync();
        await page.GetByLabel("In der Mitgliederübersicht erscheinen").CheckAsync();
        await page.Locator("main form button[type=submit]").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Ihr Profil ist gespeichert.");
        await session.AssertPageIsCleanAsync();
        await session.ScreenshotAsync("profil");

        await page.GetByRole(AriaRole.Link, new() { Name = "Foto hochladen" }).ClickAsync();
        await session.AssertPageIsCleanAsync();
        await page.GetByLabel("Foto auswählen").SetInputFilesAsync(new FilePayload { Name = "kein-bild.jpg", MimeType = "image/jpeg", Buffer = "Text"u8.ToArray() });
        await page.Locator("main form button[type=submit]").First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("kein Bild");
        await session.AssertPageIsCleanAsync();
        await page.GetByLabel("Foto auswählen").SetInputFilesAsync(new FilePayload { Name = "pia.png", MimeType = "image/png", Buffer = Png() });
        await page.Locator("main form button[type=submit]").First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Ihr Foto ist gespeichert.");
        await session.AssertPageIsCleanAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Zurück zum Profil" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "So sehen andere Ihr Profil" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Pia Profil-Müller" })).ToBeVisibleAsync();
        await session.AssertPageIsCleanAsync();

        await session.GotoAsync("/konto/meine-daten");
        await session.AssertPageIsCleanAsync();
        await session.ScreenshotAsync("meine-daten");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Meine Daten herunterladen (JSON)" }).ClickAsync());
        Assert.StartsWith("meine-daten-", download.SuggestedFilename, StringComparison.Ordinal);
        await using (var stream = await download.CreateReadStreamAsync())
        {
            using var json = await JsonDocument.ParseAsync(stream, cancellationToken: TestContext.Current.CancellationToken);
            Assert.Equal("Pia Profil-Müller", json.RootElement.GetProperty("Konto und Profil").GetProperty("Name").GetString());
        }

        await session.GotoAsync("/konto/loeschen");
        await session.AssertPageIsCleanAsync();
        await page.GetByLabel("Ihr Passwort").FillAsync(Password);
        await page.GetByLabel("Zur Bestätigung LÖSCHEN eingeben").FillAsync("ja");
        await page.Locator("main form button[type=submit]").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("LÖSCHEN");
        await session.AssertPageIsCleanAsync();
        await page.GetByLabel("Ihr Passwort").FillAsync(Password);
        await page.GetByLabel("Zur Bestätigung LÖSCHEN eingeben").FillAsync("LÖSCHEN");
        await page.Locator("main form button[type=submit]").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ihr Konto ist gelöscht" })).ToBeVisibleAsync();
        await session.AssertPageIsCleanAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Anmelden" })).ToBeVisibleAsync();
    }

    private static byte[] Png()
    {
        using var bitmap = new SKBitmap(120, 90);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.SeaGreen);
        }

        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
