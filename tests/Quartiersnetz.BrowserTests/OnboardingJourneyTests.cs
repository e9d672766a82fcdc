using System.Text;

namespace Quartiersnetz.BrowserTests;

/// <summary>
/// Onboarding as people do it in a browser: access request → office approves → person accepts the invitation
/// and signs in; and the pages that only appear with data or errors (lists with rows, refused links, import
/// errors). Every page on the way is checked with axe and the Nu validator.
/// </summary>
public sealed class OnboardingJourneyTests(BrowserEnvironment environment, BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string Password = "Ein-langes-Passwort-2026";

    [Fact]
    public async Task AccessRequestApprovedByTheOfficeLeadsToAnAccountThatSignsIn()
    {
        var email = $"journey-{Guid.NewGuid():N}@beispiel.de";
        await using var visitor = await BrowserSession.OpenAsync(environment, app);
        var page = visitor.Page;
        await visitor.GotoAsync("/anmelden");
        await page.Locator("main a[href='/zugang-beantragen']").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Zugang beantragen", Level = 1 })).ToBeVisibleAsync();
        await visitor.AssertPageIsCleanAsync();

        // Sent without the acknowledgement first: the error state must be accessible too.
        await page.Locator("#Input_Name").FillAsync("Jana Journey");
        await page.Locator("#Input_Email").FillAsync(email);
        await page.Locator("#Input_Affiliation").FillAsync("Stadt Bochum");
        await page.Locator("#Input_FunctionTitle").FillAsync("Quartiersmanagerin");
        await page.Locator("#Input_AcceptPrivacyNotice").EvaluateAsync("box => box.removeAttribute('required')");
        await page.Locator("main form button[type=submit]").ClickAsync();
        await Expect(page.Locator("#Input_AcceptPrivacyNotice-error")).ToBeVisibleAsync();
        await visitor.AssertPageIsCleanAsync();
        await page.Locator("#Input_AcceptPrivacyNotice").CheckAsync();
        await page.Locator("main form button[type=submit]").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Vielen Dank für Ihren Antrag" })).ToBeVisibleAsync();
        await visitor.AssertPageIsCleanAsync();

        await using var office = await BrowserSession.OpenAsync(environment, app);
        await office.SignInAsync(BrowserApp.AdminEmail, BrowserApp.AdminPassword);
        await office.GotoAsync("/geschaeftsstelle/zugangsantraege");
        await office.AssertPageIsCleanAsync();
        await office.Page.GetByRole(AriaRole.Link, new() { Name = "Jana Journey" }).ClickAsync();
        await Expect(office.Page.GetByRole(AriaRole.Heading, new() { Name = "Antrag von Jana Journey" })).ToBeVisibleAsync();
        await office.AssertPageIsCleanAsync();
        await office.Page.Locator("#Approval_Role").SelectOptionAsync("MemberStaff");
        await office.Page.Locator("#Approval_Municipality").SelectOptionAsync("05911000");
        await office.Page.GetByRole(AriaRole.Button, new() { Name = "Bewilligen und Einladung senden" }).ClickAsync();
        await Expect(office.Page.GetByRole(AriaRole.Heading, new() { Name = "Der Antrag ist bewilligt; die Einladung wurde gesendet." })).ToBeVisibleAsync();
        await office.AssertPageIsCleanAsync();
        await office.GotoAsync("/einladungen");
        await Expect(office.Page.Locator("table.invitations")).ToContainTextAsync(email);
        await office.AssertPageIsCleanAsync();

        var mail = await app.Mailbox.WaitForMailAsync(email, m => m.Subject.StartsWith("Einladung", StringComparison.Ordinal));
        await using var person = await BrowserSession.OpenAsync(environment, app);
        await person.GotoAsync(mail.LinkPath("/einladung/"));
        await Expect(person.Page.Locator(".invitation-email")).ToHaveTextAsync(email);
        await person.AssertPageIsCleanAsync();
        await person.Page.Locator("#Input_Password").FillAsync(Password);
        await person.Page.Locator("#Input_ConfirmPassword").FillAsync(Password);
        await person.Page.Locator("#Input_AcceptPrivacyNotice").CheckAsync();
        await person.Page.GetByRole(AriaRole.Button, new() { Name = "Zugang einrichten" }).ClickAsync();
        await Expect(person.Page.GetByRole(AriaRole.Button, new() { Name = "Abmelden" })).ToBeVisibleAsync();

        await using var later = await BrowserSession.OpenAsync(environment, app);
        await later.SignInAsync(email, Password);
    }

    [Fact]
    public async Task InvitationFormsListsAndRefusalsAreCleanWithDataAndErrors()
    {
        await using var office = await BrowserSession.OpenAsync(environment, app);
        var page = office.Page;
        await office.SignInAsync(BrowserApp.AdminEmail, BrowserApp.AdminPassword);

        await office.GotoAsync("/einladungen/neu");
        await page.Locator("#Input_Email").FillAsync("jörg@beispiel.de");
        await page.Locator("#Input_Name").FillAsync("Jörg Umlaut");
        await page.Locator("#Input_Role").SelectOptionAsync("Expert");
        await page.Locator("#Input_Email").EvaluateAsync("field => field.setAttribute('type', 'text')");
        await page.GetByRole(AriaRole.Button, new() { Name = "Einladung senden" }).ClickAsync();
        await Expect(page.Locator("#Input_Email-error")).ToContainTextAsync("vor dem @");
        await office.AssertPageIsCleanAsync();

        var email = $"liste-{Guid.NewGuid():N}@beispiel.de";
        await page.Locator("#Input_Email").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Einladung senden" }).ClickAsync();
        await Expect(page.Locator("table.invitations")).ToContainTextAsync(email);
        await office.AssertPageIsCleanAsync();

        await office.GotoAsync("/einladungen/import");
        var csv = Encoding.UTF8.GetBytes("E-Mail;Name;Rolle;Gemeinde;Organisation;Funktion\r\nkaputt;\"offen;Jury;;;\r\nx@beispiel.de;X;Chefin;;;\r\n");
        await page.Locator("#Upload").SetInputFilesAsync(new FilePayload { Name = "einladungen.csv", MimeType = "text/csv", Buffer = csv });
        await page.GetByRole(AriaRole.Button, new() { Name = "Prüfen und einladen" }).ClickAsync();
        await Expect(page.Locator("ul.import-errors li")).ToHaveCountAsync(2);
        await office.AssertPageIsCleanAsync();

        var mail = await app.Mailbox.WaitForMailAsync(email);
        await office.GotoAsync("/einladungen");
        await page.GetByRole(AriaRole.Row).Filter(new() { HasText = email }).GetByRole(AriaRole.Button, new() { Name = "Zurückziehen" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("zurückgezogen");
        await using var person = await BrowserSession.OpenAsync(environment, app);
        var revoked = await person.Page.GotoAsync(mail.LinkPath("/einladung/"));
        Assert.Equal(410, revoked?.Status);
        await person.AssertPageIsCleanApartFromStatusAsync(410);
        var unknown = await person.Page.GotoAsync("/einladung/unbekannt");
        Assert.Equal(404, unknown?.Status);
        await person.AssertPageIsCleanApartFromStatusAsync(404);
    }
}
