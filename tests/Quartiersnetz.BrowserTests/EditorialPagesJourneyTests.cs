namespace Quartiersnetz.BrowserTests;

/// <summary>
/// The office edits "Über uns" with a preview, saves it, sees the new revision and restores the old one; a visitor
/// reaches the page from the main navigation and reads the restored text. Tree, edit form, revisions and the public page
/// are axe- and Nu-clean.
/// </summary>
public sealed class EditorialPagesJourneyTests(BrowserEnvironment environment, BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task TheOfficeEditsAboutUsRestoresTheOldTextAndAVisitorFindsItInTheNavigation()
    {
        await using (var office = await BrowserSession.OpenAsync(environment, app))
        {
            var page = office.Page;
            await office.SignInAsync(BrowserApp.AdminEmail, BrowserApp.AdminPassword);
            await office.GotoAsync("/geschaeftsstelle");
            await page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "Seiten", Exact = true }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Seiten verwalten", Level = 1 })).ToBeVisibleAsync();
            await office.AssertPageIsCleanAsync();
            await office.ScreenshotAsync("seiten-verwalten");

            await page.Locator("#page-tree").GetByRole(AriaRole.Link, new() { Name = "Über uns", Exact = true }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Seite bearbeiten: Über uns", Level = 1 })).ToBeVisibleAsync();
            await office.AssertPageIsCleanAsync();

            var text = page.GetByLabel("Text", new() { Exact = true });
            await text.FillAsync("## Neu im Netzwerk\n\nWir sind **jetzt** auch per Video-Sprechstunde erreichbar.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Vorschau", Exact = true }).ClickAsync();
            await Expect(page.Locator("#page-preview strong")).ToHaveTextAsync("jetzt");
            await Expect(page.GetByLabel("Text", new() { Exact = true })).ToHaveValueAsync("## Neu im Netzwerk\n\nWir sind **jetzt** auch per Video-Sprechstunde erreichbar.");
            await office.AssertPageIsCleanAsync();
            await office.ScreenshotAsync("seite-bearbeiten-vorschau");
            await page.GetByLabel("Notiz zur Änderung – optional").FillAsync("Video-Sprechstunde ergänzt");
            await page.GetByRole(AriaRole.Button, new() { Name = "Speichern" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("wurde gespeichert");
            await Expect(page.Locator("#page-state")).ToContainTextAsync("Version 2");

            await page.GetByRole(AriaRole.Link, new() { Name = "Versionen ansehen und wiederherstellen" }).ClickAsync();
            await Expect(page.Locator("#revisions")).ToContainTextAsync("Video-Sprechstunde ergänzt");
            await office.AssertPageIsCleanAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "Version 1", Exact = true }).ClickAsync();
            await Expect(page.Locator("#revision-source")).ToContainTextAsync("kurzen Draht");
            await office.AssertPageIsCleanAsync();
            await office.ScreenshotAsync("seite-versionen");
            await page.GetByRole(AriaRole.Button, new() { Name = "Version 1 wiederherstellen" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Version 1 wurde wiederhergestellt");
            await Expect(page.Locator("#revisions")).ToContainTextAsync("Wiederhergestellt aus Version 1");
            await office.AssertPageIsCleanAsync();
        }

        await using var visitor = await BrowserSession.OpenAsync(environment, app);
        var site = visitor.Page;
        await visitor.GotoAsync("/");
        await site.GetByRole(AriaRole.Navigation, new() { Name = "Hauptnavigation" }).GetByRole(AriaRole.Link, new() { Name = "Über uns" }).ClickAsync();
        await Expect(site.GetByRole(AriaRole.Heading, new() { Name = "Über uns", Level = 1 })).ToBeVisibleAsync();
        await Expect(site.Locator("#page-body")).ToContainTextAsync("kurzen Draht");
        await Expect(site.Locator("#page-body")).Not.ToContainTextAsync("Video-Sprechstunde");
        await visitor.AssertPageIsCleanAsync();
        await visitor.ScreenshotAsync("seite-ueber-uns");
        await site.Locator("#page-subpages").GetByRole(AriaRole.Link, new() { Name = "Geschichte und Auszeichnungen" }).ClickAsync();
        await Expect(site.Locator("#page-breadcrumbs")).ToContainTextAsync("Über uns");
        await visitor.AssertPageIsCleanAsync();
        await visitor.GotoAsync("/seiten/leichte-sprache");
        await visitor.AssertPageIsCleanAsync();
        await visitor.GotoAsync("/barrierefreiheit");
        await visitor.AssertPageIsCleanAsync();
    }
}
