using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Events;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.BrowserTests;

/// <summary>The app with a two-second autosave, so the journey sees the script save without waiting half a minute.</summary>
public sealed class MinutesBrowserApp : BrowserApp
{
    public MinutesBrowserApp() => WithSetting("Minutes:AutosaveSeconds", "2");
}

/// <summary>
/// The office writes the minutes of a meeting (autosave included), records a decision and two follow-ups, puts the
/// minutes up for review and publishes them; a member finds them from the event page and their own task first among
/// the open tasks, and closes it with a note. Every page axe- and Nu-clean, at 1280 and 320 px.
/// </summary>
public sealed class MinutesJourneyTests(BrowserEnvironment environment, MinutesBrowserApp app) : IClassFixture<MinutesBrowserApp>
{
    private const string Password = "Test-Passwort-12345";

    [Fact]
    public async Task TheOfficePublishesMinutesWithTwoFollowUpsWhichAMemberReadsAndCloses()
    {
        var suffix = Guid.NewGuid().ToString("N")[..4];
        var title = "Netzwerktreffen Herbst " + suffix;
        var memberName = "Mara Quartier " + suffix;
        var memberEmail = $"mara-{Guid.NewGuid():N}@quartiersnetz.test";
        var id = await ArrangeAsync(title, memberName, memberEmail);

        await using (var office = await BrowserSession.OpenAsync(environment, app))
        {
            var page = office.Page;
            await office.SignInAsync(BrowserApp.AdminEmail, BrowserApp.AdminPassword);
            await office.GotoAsync($"/geschaeftsstelle/veranstaltungen/{id}");
            await page.GetByRole(AriaRole.Link, new() { Name = "Protokoll: Text, Beschlüsse, Aufgaben" }).ClickAsync();
            await Expect(page.GetByLabel("Text des Protokolls")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("Begrüßung"));
            await office.AssertPageIsCleanAsync();

            // The template's heading per agenda item, then the script saves on its own and says so.
            await page.GetByLabel("Text des Protokolls").FillAsync("## 10:00 Begrüßung\n\nDie Geschäftsstelle begrüßt **24 Teilnehmende**.\n\n## Austausch\n\n- Leerstand in den Innenstädten\n- Verfügungsfonds");
            await Expect(page.Locator("#minutes-autosave-status")).ToContainTextAsync("Automatisch gespeichert um", new() { Timeout = 15000 });
            await page.GetByRole(AriaRole.Button, new() { Name = "Protokoll speichern" }).ClickAsync();
            await Expect(page.Locator("#minutes-message")).ToContainTextAsync("Keine Änderung");

            await AddFollowUpAsync(page, "Beispiele zu Leerstand sammeln", memberName, null, "2099-03-31");
            await AddFollowUpAsync(page, "Raum für das Wintertreffen anfragen", null, "Düsseldorf", "2099-01-15");
            await page.GetByLabel("Beschluss", new() { Exact = true }).CheckAsync();
            await page.GetByLabel("Text", new() { Exact = true }).FillAsync("Das Netzwerk trifft sich künftig alle zwei Monate.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Eintragen" }).ClickAsync();
            await Expect(page.Locator("#minutes-message")).ToContainTextAsync("Der Beschluss wurde eingetragen.");
            await Expect(page.Locator("#minutes-items > li")).ToHaveCountAsync(3);
            await office.AssertPageIsCleanAsync();
            await office.ScreenshotAsync("protokoll-bearbeiten");

            await page.GetByRole(AriaRole.Button, new() { Name = "Zur Abstimmung stellen" }).ClickAsync();
            await Expect(page.Locator("#minutes-message")).ToContainTextAsync("Das Protokoll steht zur Abstimmung.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Protokoll veröffentlichen" }).ClickAsync();
            await Expect(page.Locator("#minutes-message")).ToContainTextAsync("Das Protokoll ist veröffentlicht.");
            await Expect(page.GetByLabel("Begründung der Änderung nach Veröffentlichung")).ToBeVisibleAsync();
            await office.AssertPageIsCleanAsync();
            await office.ScreenshotAsync("protokoll-veroeffentlicht");

            await page.GetByRole(AriaRole.Link, new() { Name = "Versionen: wer hat wann was geändert, ältere Fassung wiederherstellen" }).ClickAsync();
            await Expect(page.Locator("#minutes-revisions > li")).ToHaveCountAsync(1);
            await Expect(page.Locator("#revision-1")).ToContainTextAsync("automatisch gespeichert");
            await office.AssertPageIsCleanAsync();
            await office.ScreenshotAsync("protokoll-versionen");
        }

        await using var member = await BrowserSession.OpenAsync(environment, app);
        var memberPage = member.Page;
        await member.SignInAsync(memberEmail, Password);
        await member.GotoAsync($"/veranstaltungen/{id}");
        await memberPage.GetByRole(AriaRole.Link, new() { Name = "Protokoll lesen" }).ClickAsync();
        await Expect(memberPage.Locator("#minutes-text strong")).ToHaveTextAsync("24 Teilnehmende");
        await Expect(memberPage.Locator("#minutes-decisions")).ToContainTextAsync("alle zwei Monate");
        await Expect(memberPage.Locator("#minutes-follow-ups > li")).ToHaveCountAsync(2);
        await member.AssertPageIsCleanAsync();
        await member.ScreenshotAsync("protokoll-lesen");

        await memberPage.GetByRole(AriaRole.Link, new() { Name = "Alle offenen Aufgaben" }).ClickAsync();
        var tasks = memberPage.Locator("#tasks > li");
        await Expect(tasks.First).ToContainTextAsync("Beispiele zu Leerstand sammeln");
        await Expect(tasks.First).ToContainTextAsync("Ihre Aufgabe");
        await Expect(memberPage.Locator("#tasks")).ToContainTextAsync("Raum für das Wintertreffen anfragen");
        await member.AssertPageIsCleanAsync();
        await member.ScreenshotAsync("offene-aufgaben");

        await tasks.First.GetByLabel("Was wurde erledigt?").FillAsync("Zwölf Beispiele liegen im Austauschordner.");
        await tasks.First.GetByRole(AriaRole.Button, new() { Name = "Als erledigt markieren" }).ClickAsync();
        await Expect(memberPage.Locator("#tasks-message")).ToContainTextAsync("Die Aufgabe ist als erledigt markiert.");
        await Expect(memberPage.Locator("#tasks")).Not.ToContainTextAsync("Beispiele zu Leerstand sammeln");
        await member.AssertPageIsCleanAsync();
    }

    private static async Task AddFollowUpAsync(IPage page, string text, string? person, string? municipality, string due)
    {
        var form = page.Locator("#minutes-item-form");
        await form.GetByLabel("Aufgabe", new() { Exact = true }).CheckAsync();
        await form.GetByLabel("Text", new() { Exact = true }).FillAsync(text);
        if (person is not null)
        {
            await form.GetByLabel("Verantwortliche Person (Teilnehmende und Vortragende) – optional").SelectOptionAsync(new SelectOptionValue { Label = person });
        }

        if (municipality is not null)
        {
            await form.GetByLabel("Verantwortliche Gemeinde – optional").SelectOptionAsync(new SelectOptionValue { Label = municipality });
        }

        await form.GetByLabel("Fällig bis").FillAsync(due);
        await form.GetByRole(AriaRole.Button, new() { Name = "Eintragen" }).ClickAsync();
        await Expect(page.Locator("#minutes-message")).ToContainTextAsync("Die Aufgabe wurde eingetragen.");
    }

    /// <summary>A public meeting three days ago with one agenda item and the member as confirmed participant.</summary>
    private async Task<Guid> ArrangeAsync(string title, string memberName, string memberEmail)
    {
        var start = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-3)).ToDateTime(new TimeOnly(8, 0), DateTimeKind.Utc);
        var ev = new Event
        {
            Type = EventType.Netzwerktreffen, Title = title, Description = "Das Treffen im Herbst.", StartUtc = start, EndUtc = start.AddHours(4),
            PlaceMode = PlaceMode.OnSite, VenueName = "Rathaus", Audience = EventAudience.Public, Capacity = 40,
            Status = EventStatus.Published, CreatedAtUtc = DateTime.UtcNow, UpdatedAtUtc = DateTime.UtcNow,
        };
        await using var scope = app.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        var member = new UserAccount { UserName = memberEmail, Email = memberEmail, EmailConfirmed = true, DisplayName = memberName, MunicipalityAgs = "05315000" };
        Assert.True((await users.CreateAsync(member, Password)).Succeeded);
        await users.AddToRoleAsync(member, Roles.MemberStaff);
        db.Add(ev);
        db.Add(new AgendaItem { EventId = ev.Id, StartUtc = start, EndUtc = start.AddHours(1), Title = "Begrüßung", Type = AgendaItemType.Vortrag, SortOrder = 1 });
        db.Add(new EventRegistration { EventId = ev.Id, PersonId = member.Id, Status = RegistrationStatus.Confirmed, RegisteredAtUtc = DateTime.UtcNow });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return ev.Id;
    }
}
