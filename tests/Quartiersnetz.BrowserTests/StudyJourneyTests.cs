namespace Quartiersnetz.BrowserTests;

/// <summary>
/// The office records a commissioned study, names its final report and makes a draft publication from it, publishes that
/// in the library; a visitor finds the study with its report. Every page axe- and Nu-clean.
/// </summary>
public sealed class StudyJourneyTests(BrowserEnvironment environment, BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task TheOfficeFollowsAStudyToItsFinalReportThatVisitorsFindOnTheStudyPage()
    {
        var marker = Guid.NewGuid().ToString("N")[..4];
        var title = "Evaluation der Quartiersfonds " + marker;
        var report = "Abschlussbericht Quartiersfonds " + marker;
        await using (var office = await BrowserSession.OpenAsync(environment, app))
        {
            var page = office.Page;
            await office.SignInAsync(BrowserApp.AdminEmail, BrowserApp.AdminPassword);
            await office.GotoAsync("/geschaeftsstelle");
            await page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "Forschungsaufträge", Exact = true }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Forschungsaufträge verwalten", Level = 1 })).ToBeVisibleAsync();
            await office.AssertPageIsCleanAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "Neuen Forschungsauftrag erfassen" }).ClickAsync();
            await office.AssertPageIsCleanAsync();

            await page.GetByLabel("Titel des Forschungsauftrags").FillAsync(title);
            await page.GetByLabel("Fragestellung und Auftrag").FillAsync("Was bewirken **Quartiersfonds** für das Engagement vor Ort?");
            await page.GetByLabel("Stand", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "In Bearbeitung" });
            await page.GetByLabel("Budget in Euro – optional").FillAsync("viel");
            await page.GetByRole(AriaRole.Button, new() { Name = "Speichern" }).ClickAsync();

            // Refused in German, the typed values stay.
            await Expect(page.GetByRole(AriaRole.Alert).First).ToContainTextAsync("Ein vergebener Auftrag hat einen Auftragnehmer.");
            await Expect(page.GetByRole(AriaRole.Alert).First).ToContainTextAsync("Bitte geben Sie das Budget als Betrag in Euro an");
            await Expect(page.GetByLabel("Titel des Forschungsauftrags")).ToHaveValueAsync(title);
            await office.AssertPageIsCleanAsync();
            await office.ScreenshotAsync("forschungsauftrag-fehler");

            await page.GetByLabel("Auftragnehmer – optional").FillAsync("Büro für Stadtforschung, Essen");
            await page.GetByLabel("Budget in Euro – optional").FillAsync("45.000");
            await page.GetByLabel("Veröffentlicht (sonst ein Entwurf, den nur die Geschäftsstelle sieht)").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Speichern" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Der Forschungsauftrag wurde gespeichert.");

            await page.GetByLabel("Art", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Abschlussbericht" });
            await page.GetByLabel("Titel des Berichts").FillAsync(report);
            await page.GetByLabel("Fällig am – optional").FillAsync("2027-06-30");
            await page.GetByRole(AriaRole.Button, new() { Name = "Bericht eintragen" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Der Bericht wurde eingetragen.");
            await Expect(page.Locator("#deliverable-list")).ToContainTextAsync(report);
            await office.AssertPageIsCleanAsync();
            await office.ScreenshotAsync("forschungsauftrag-berichte");

            // From the report to a draft in the library, published there.
            await page.GetByRole(AriaRole.Button, new() { Name = "Als Veröffentlichung anlegen" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Der Entwurf der Veröffentlichung ist angelegt.");
            await Expect(page.GetByLabel("Titel", new() { Exact = true })).ToHaveValueAsync(report);
            await page.GetByLabel("Veröffentlicht (sonst Entwurf, nur für die Geschäftsstelle sichtbar)").CheckAsync();
            await page.Locator("#publication-form").GetByRole(AriaRole.Button).First.ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Die Veröffentlichung wurde gespeichert.");
        }

        await using var visitor = await BrowserSession.OpenAsync(environment, app);
        var visitorPage = visitor.Page;
        await visitor.GotoAsync("/bibliothek");
        await visitorPage.GetByRole(AriaRole.Link, new() { Name = "Forschungsaufträge des Netzwerks und ihre Berichte" }).ClickAsync();
        await Expect(visitorPage.GetByRole(AriaRole.Heading, new() { Name = "Forschungsaufträge", Level = 1 })).ToBeVisibleAsync();
        await visitor.AssertPageIsCleanAsync();
        await visitorPage.Locator("#studies").GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await Expect(visitorPage.Locator("#study-contractor")).ToHaveTextAsync("Büro für Stadtforschung, Essen");
        await Expect(visitorPage.Locator("#study-budget")).ToHaveCountAsync(0);
        await visitor.AssertPageIsCleanAsync();
        await visitor.ScreenshotAsync("forschungsauftrag-seite");
        await visitorPage.Locator("#study-reports").GetByRole(AriaRole.Link, new() { Name = report }).ClickAsync();
        await Expect(visitorPage.Locator("#publication-study")).ToContainTextAsync(title);
        await visitor.AssertPageIsCleanAsync();
    }
}
