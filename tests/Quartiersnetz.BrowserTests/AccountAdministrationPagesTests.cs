using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.BrowserTests;

/// <summary>Access tokens, people administration and the audit log, each page in its states, axe- and Nu-clean.</summary>
public sealed class AccountAdministrationPagesTests(BrowserEnvironment environment, BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string Password = "Test-Passwort-12345";

    [Fact]
    public async Task TokenPeopleAndAuditPagesAreClean()
    {
        var staff = await CreatePersonAsync("Mira Mustermann", Roles.MemberStaff, "05315000");
        var coordinator = await CreatePersonAsync("Kai Koordination", Roles.MunicipalCoordinator, "05315000");
        await using var session = await BrowserSession.OpenAsync(environment, app);
        await session.SignInAsync(BrowserApp.AdminEmail, BrowserApp.AdminPassword);
        var page = session.Page;

        await session.GotoAsync("/konto/zugangstoken");
        await session.AssertPageIsCleanAsync();
        await page.GetByLabel("Name").FillAsync("   ");
        await page.Locator("main form button[type=submit]").First.ClickAsync();
        await Expect(page.Locator("#Input_Name-error")).ToBeVisibleAsync();
        await session.AssertPageIsCleanAsync();
        await page.GetByLabel("Name").FillAsync("Export für das Kreisportal");
        await page.GetByLabel("365 Tage").CheckAsync();
        await page.Locator("main form button[type=submit]").First.ClickAsync();
        await Expect(page.Locator("#new-token")).ToBeVisibleAsync();
        await session.AssertPageIsCleanAsync();
        await session.ScreenshotAsync("zugangstoken-erstellt");
        await session.GotoAsync("/konto/zugangstoken");
        await session.AssertPageIsCleanAsync();

        await session.GotoAsync("/geschaeftsstelle/personen");
        await session.AssertPageIsCleanAsync();
        // The municipality is typed, not picked from a list of every municipality; Enter submits the filter.
        await page.GetByLabel("Kommune: Name oder AGS").FillAsync("köln");
        await page.GetByLabel("Kommune: Name oder AGS").PressAsync("Enter");
        await Expect(page.Locator("tr[data-person-id]").Filter(new() { HasText = "Mira Mustermann" })).ToHaveCountAsync(1);
        await Expect(page.Locator("tr[data-person-id]").Filter(new() { HasNotText = "Köln" })).ToHaveCountAsync(0);
        await session.AssertPageIsCleanAsync();
        await session.GotoAsync($"/geschaeftsstelle/personen/{staff}");
        await session.AssertPageIsCleanAsync();
        await page.GetByLabel("Jury").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Änderungen speichern" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("gespeichert");
        await session.AssertPageIsCleanAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Zugang deaktivieren" }).ClickAsync();
        await Expect(page.Locator("#person-status")).ToHaveTextAsync("deaktiviert");
        await session.AssertPageIsCleanAsync();

        await session.GotoAsync("/geschaeftsstelle/protokoll");
        await Expect(page.Locator("li.audit-entry").First).ToBeVisibleAsync();
        await session.AssertPageIsCleanAsync();
        await session.ScreenshotAsync("protokoll");
        await session.GotoAsync("/meine-kommune/personen");
        await session.AssertPageIsCleanAsync();

        await using var coordinatorSession = await BrowserSession.OpenAsync(environment, app);
        await coordinatorSession.SignInAsync(coordinator, Password);
        await coordinatorSession.GotoAsync("/meine-kommune/personen");
        await Expect(coordinatorSession.Page.Locator("tr[data-person-id]")).ToHaveCountAsync(2);
        await coordinatorSession.AssertPageIsCleanAsync();
    }

    private async Task<string> CreatePersonAsync(string name, string role, string ags)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@quartiersnetz.test";
        await using var scope = app.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
        var user = new UserAccount { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name, MunicipalityAgs = ags, CreatedAtUtc = DateTime.UtcNow };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        await users.AddToRoleAsync(user, role);
        return role == Roles.MunicipalCoordinator ? email : user.Id.ToString();
    }
}
