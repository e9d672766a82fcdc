using System.Text.Json;

namespace Quartiersnetz.BrowserTests;

/// <summary>
/// The whole life of an account in one browser journey, as issue 3 names it: the office invites a person →
/// the person sets a password from the mail's link → sets up the authenticator app → signs in with password
/// and code → edits the profile → downloads their data → deletes the account. Every page is axe- and Nu-clean.
/// </summary>
public sealed class InvitationToDeletionJourneyTests(BrowserEnvironment environment, BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string Password = "Mein-neues-Passwort-2026";

    [Fact]
    public async Task InvitedPersonSetsPasswordAndAuthenticatorSignsInEditsProfileDownloadsDataAndDeletesAccount()
    {
        var email = $"leben-{Guid.NewGuid():N}@beispiel.de";

        // The office invites.
        await using var office = await BrowserSession.OpenAsync(environment, app);
        await office.SignInAsync(BrowserApp.AdminEmail, BrowserApp.AdminPassword);
        await office.GotoAsync("/einladungen/neu");
        await office.AssertPageIsCleanAsync();
        await office.Page.Locator("#Input_Email").FillAsync(email);
        await office.Page.Locator("#Input_Name").FillAsync("Lea Lebenslauf");
        await office.Page.Locator("#Input_Role").SelectOptionAsync("MemberStaff");
        await office.Page.Locator("#Input_Municipality").SelectOptionAsync("05913000");
        await office.Page.GetByRole(AriaRole.Button, new() { Name = "Einladung senden" }).ClickAsync();
        await Expect(office.Page.Locator("table.invitations")).ToContainTextAsync(email);

        // The person follows the link in the mail and sets a password.
        var mail = await app.Mailbox.WaitForMailAsync(email, m => m.Subject.StartsWith("Einladung", StringComparison.Ordinal));
        await using var person = await BrowserSession.OpenAsync(environment, app);
        var page = person.Page;
        await person.GotoAsync(mail.LinkPath("/einladung/"));
        await person.AssertPageIsCleanAsync();
        await page.Locator("#Input_Password").FillAsync(Password);
        await page.Locator("#Input_ConfirmPassword").FillAsync(Password);
        await page.Locator("#Input_AcceptPrivacyNotice").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Zugang einrichten" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Abmelden" })).ToBeVisibleAsync();

        // Sets up the authenticator app.
        await person.GotoAsync("/konto/sicherheit");
        await person.AssertPageIsCleanAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Authenticator-App einrichten" }).ClickAsync();
        await person.AssertPageIsCleanAsync();
        var key = await page.Locator("#authenticator-key").TextContentAsync() ?? "";
        await page.GetByLabel("Code aus der App").FillAsync(TotpCodes.Code(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Bestätigen und einschalten" }).ClickAsync();
        await Expect(page.Locator(".recovery-codes li")).ToHaveCountAsync(10);

        // Signs out and in again with password and code.
        await page.GetByRole(AriaRole.Button, new() { Name = "Abmelden" }).ClickAsync();
        await person.GotoAsync("/anmelden");
        await page.Locator("input[name='Input.Email']").FillAsync(email);
        await page.Locator("input[name='Input.Password']").FillAsync(Password);
        await page.Locator("main form button[type=submit]").First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Anmelden: zweiter Faktor" })).ToBeVisibleAsync();
        await person.AssertPageIsCleanAsync();
        await page.Locator("input[name='Input.Code']").FillAsync(TotpCodes.Code(key));
        await page.Locator("main form button[type=submit]").First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Mein Konto" })).ToBeVisibleAsync();

        // Edits the profile.
        await person.GotoAsync("/konto/profil");
        await page.GetByLabel("Funktion – optional").FillAsync("Programmkoordination");
        await page.GetByLabel("Bürgerbeteiligung und -aktivierung").CheckAsync();
        await page.Locator("main form button[type=submit]").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Ihr Profil ist gespeichert.");
        await person.AssertPageIsCleanAsync();

        // Downloads the data: it holds the profile, the role and the consent given with the invitation.
        await person.GotoAsync("/konto/meine-daten");
        await person.AssertPageIsCleanAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Meine Daten herunterladen (JSON)" }).ClickAsync());
        await using (var stream = await download.CreateReadStreamAsync())
        {
            using var json = await JsonDocument.ParseAsync(stream, cancellationToken: TestContext.Current.CancellationToken);
            var account = json.RootElement.GetProperty("Konto und Profil");
            Assert.Equal("Lea Lebenslauf", account.GetProperty("Name").GetString());
            Assert.Equal("Programmkoordination", account.GetProperty("Funktion").GetString());
            Assert.True(account.GetProperty("Zwei-Faktor-Anmeldung aktiv").GetBoolean());
            Assert.Contains("Mitarbeitende", account.GetProperty("Rollen").EnumerateArray().Select(r => r.GetString()));
            Assert.Contains(Privacy(json.RootElement), c => c.Contains("Datenschutz", StringComparison.Ordinal));
        }

        // Deletes the account.
        await person.GotoAsync("/konto/loeschen");
        await page.GetByLabel("Ihr Passwort").FillAsync(Password);
        await page.GetByLabel("Zur Bestätigung LÖSCHEN eingeben").FillAsync("LÖSCHEN");
        await page.Locator("main form button[type=submit]").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ihr Konto ist gelöscht" })).ToBeVisibleAsync();
        await person.AssertPageIsCleanAsync();

        // The address and password open nothing any more.
        await person.GotoAsync("/anmelden");
        await page.Locator("input[name='Input.Email']").FillAsync(email);
        await page.Locator("input[name='Input.Password']").FillAsync(Password);
        await page.Locator("main form button[type=submit]").First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Die Anmeldung ist fehlgeschlagen");
    }

    /// <summary>The consent section's entries as text, whatever shape the section has.</summary>
    private static IEnumerable<string> Privacy(JsonElement root) =>
        root.EnumerateObject()
            .Where(p => p.Name.Contains("Einwilligung", StringComparison.Ordinal))
            .Select(p => p.Value.GetRawText());
}
