namespace Quartiersnetz.BrowserTests;

/// <summary>The office downloads its people list and finds the export in the audit log; the list pages with their links stay clean.</summary>
public sealed class ExportJourneyTests(BrowserEnvironment environment, BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task TheOfficeDownloadsThePeopleListAndSeesTheExportInTheAuditLog()
    {
        await using var session = await BrowserSession.OpenAsync(environment, app);
        await session.SignInAsync(BrowserApp.AdminEmail, BrowserApp.AdminPassword);
        var page = session.Page;

        await session.GotoAsync("/geschaeftsstelle/personen?rolle=Office");
        await session.AssertPageIsCleanAsync();
        await session.ScreenshotAsync("personen-export-links");
        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Link, new() { Name = "Als Excel-Datei (XLSX) herunterladen" }).ClickAsync());
        Assert.Matches(@"^personen-\d{4}-\d{2}-\d{2}\.xlsx$", download.SuggestedFilename);

        await session.GotoAsync("/geschaeftsstelle/protokoll?aktion=export.people");
        await Expect(page.Locator("li.audit-entry h2").First).ToHaveTextAsync("Personenliste exportiert: Personen (Geschäftsstelle)");
        await Expect(page.Locator("li.audit-entry").First).ToContainTextAsync("Rolle: Geschäftsstelle");
        await session.AssertPageIsCleanAsync();
        await session.ScreenshotAsync("protokoll-export");

        foreach (var list in new[] { "/geschaeftsstelle/themen", "/geschaeftsstelle/organisationen", "/geschaeftsstelle/mitgliedskommunen" })
        {
            await session.GotoAsync(list);
            await session.AssertPageIsCleanAsync();
        }

        await session.ScreenshotAsync("mitgliedskommunen-export-links");
    }
}
