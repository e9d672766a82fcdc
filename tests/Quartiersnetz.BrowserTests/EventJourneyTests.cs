using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.BrowserTests;

/// <summary>
/// The office creates an event with one seat; member A takes it, member B lands on the waiting list, A cancels and B
/// moves up — visible on B's page. Every page axe- and Nu-clean; the console (CSP) stays quiet with the JSON-LD block.
/// </summary>
public sealed class EventJourneyTests(BrowserEnvironment environment, BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string Password = "Browser-Termin-Passwort-1";

    [Fact]
    public async Task AMemberOnTheWaitingListMovesUpWhenTheOnlySeatIsFreed()
    {
        var a = await CreateMemberAsync("Anna Anmeldung");
        var b = await CreateMemberAsync("Bernd Warteliste");
        var year = DateTime.UtcNow.Year + 1;
        var title = "Netzwerktreffen Nordstadt " + Guid.NewGuid().ToString("N")[..4];

        await using (var office = await BrowserSession.OpenAsync(environment, app))
        {
            var page = office.Page;
            await office.SignInAsync(BrowserApp.AdminEmail, BrowserApp.AdminPassword);
            await office.GotoAsync("/geschaeftsstelle");
            await page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "Veranstaltungen", Exact = true }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Veranstaltungen verwalten", Level = 1 })).ToBeVisibleAsync();
            await office.AssertPageIsCleanAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "Neue Veranstaltung anlegen" }).ClickAsync();
            await office.AssertPageIsCleanAsync();

            await page.GetByLabel("Art", new() { Exact = true }).SelectOptionAsync("Netzwerktreffen");
            await page.GetByLabel("Titel", new() { Exact = true }).FillAsync(title);
            await page.GetByLabel("Beschreibung – optional").FillAsync("## Ablauf\n\n- **Begrüßung**\n- Austausch in Gruppen\n\nMehr auf [der Website](https://example.org).");
            await page.GetByLabel("Beginn", new() { Exact = true }).FillAsync($"{year}-06-17T10:00");
            await page.GetByLabel("Ende", new() { Exact = true }).FillAsync($"{year}-06-17T13:00");
            await page.GetByLabel("Ort", new() { Exact = true }).SelectOptionAsync("Hybrid");
            await page.GetByLabel("Veranstaltungsort – optional").FillAsync("Bürgerhaus Nordstadt");
            await page.GetByLabel("Adresse – optional").FillAsync("Burgholzstraße 1, 44145 Dortmund");
            await page.GetByLabel("Online-Link – optional").FillAsync("https://meet.example/nordstadt");
            await page.GetByLabel("Zielgruppe").SelectOptionAsync("Members");
            await page.GetByLabel("Plätze – optional").FillAsync("1");
            await office.ScreenshotAsync("veranstaltung-anlegen");
            await page.GetByRole(AriaRole.Button, new() { Name = "Anlegen" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("wurde angelegt");
            await office.AssertPageIsCleanAsync();
        }

        string eventPath;
        await using (var sessionA = await BrowserSession.OpenAsync(environment, app))
        {
            var page = sessionA.Page;
            await sessionA.SignInAsync(a, Password);
            await sessionA.GotoAsync("/veranstaltungen");
            await sessionA.AssertPageIsCleanAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
            eventPath = new Uri(page.Url).AbsolutePath;
            await Expect(page.Locator("#event-description strong")).ToHaveTextAsync("Begrüßung");
            await sessionA.AssertPageIsCleanAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Anmelden", Exact = true }).ClickAsync();
            await Expect(page.Locator("#my-registration-status")).ToContainTextAsync("Ihr Platz ist bestätigt");
            await Expect(page.Locator("#online-link")).ToHaveTextAsync("https://meet.example/nordstadt");
            await sessionA.AssertPageIsCleanAsync();
            await sessionA.ScreenshotAsync("veranstaltung-angemeldet");

            await using (var sessionB = await BrowserSession.OpenAsync(environment, app))
            {
                var pageB = sessionB.Page;
                await sessionB.SignInAsync(b, Password);
                await sessionB.GotoAsync(eventPath);
                await pageB.GetByRole(AriaRole.Button, new() { Name = "Auf die Warteliste" }).ClickAsync();
                await Expect(pageB.Locator("#my-registration-status")).ToContainTextAsync("Warteliste an Position 1");
                await Expect(pageB.Locator("#online-link")).ToHaveCountAsync(0);
                await sessionB.AssertPageIsCleanAsync();
                await sessionB.ScreenshotAsync("veranstaltung-warteliste");

                await page.GetByRole(AriaRole.Button, new() { Name = "Von der Veranstaltung abmelden" }).ClickAsync();
                await Expect(page.Locator("#registration-message")).ToContainTextAsync("abgemeldet");
                await sessionA.AssertPageIsCleanAsync();

                await sessionB.GotoAsync(eventPath);
                await Expect(pageB.Locator("#my-registration-status")).ToContainTextAsync("Ihr Platz ist bestätigt");
                await Expect(pageB.Locator("#online-link")).ToBeVisibleAsync();
                await sessionB.AssertPageIsCleanAsync();
            }
        }

        await using (var office = await BrowserSession.OpenAsync(environment, app))
        {
            await office.SignInAsync(BrowserApp.AdminEmail, BrowserApp.AdminPassword);
            await office.GotoAsync(eventPath.Replace("/veranstaltungen/", "/geschaeftsstelle/veranstaltungen/", StringComparison.Ordinal) + "/teilnehmende");
            await Expect(office.Page.Locator("#participants tbody tr")).ToHaveCountAsync(2);
            await Expect(office.Page.Locator("#participants tr[data-status='confirmed']")).ToContainTextAsync("Bernd Warteliste");
            await office.AssertPageIsCleanAsync();
            await office.ScreenshotAsync("veranstaltung-teilnehmende");
        }
    }

    private async Task<string> CreateMemberAsync(string name)
    {
        var email = $"termin-{Guid.NewGuid():N}@quartiersnetz.test";
        await using var scope = app.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
        var user = new UserAccount { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        await users.AddToRoleAsync(user, Roles.MemberStaff);
        return email;
    }
}
