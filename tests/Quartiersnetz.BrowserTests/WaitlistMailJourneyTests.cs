using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Events;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.BrowserTests;

/// <summary>
/// A member registers for a full event and lands on the waiting list, the office raises the capacity, the member is
/// moved up and the mail (read from the SMTP test server) links to the event page, which shows the confirmed seat.
/// "Meine Veranstaltungen" with its personal calendar address is checked on the way; every page axe- and Nu-clean.
/// </summary>
public sealed class WaitlistMailJourneyTests(BrowserEnvironment environment, BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string Password = "Browser-Warteliste-Passwort-1";

    [Fact]
    public async Task AMemberOnTheWaitingListIsMovedUpByTheOfficeAndTheMailLinksToTheEvent()
    {
        var holder = await CreateMemberAsync("Hanna Platz");
        var waiting = await CreateMemberAsync("Wolfgang Warteliste");
        var title = "Fachgespräch Quartiersfonds " + Guid.NewGuid().ToString("N")[..4];
        var eventId = await CreateFullEventAsync(title, holder.Id);

        await using (var member = await BrowserSession.OpenAsync(environment, app))
        {
            var page = member.Page;
            await member.SignInAsync(waiting.Email, Password);
            await member.GotoAsync($"/veranstaltungen/{eventId}");
            await page.GetByRole(AriaRole.Button, new() { Name = "Auf die Warteliste" }).ClickAsync();
            await Expect(page.Locator("#my-registration-status")).ToContainTextAsync("Warteliste an Position 1");
            await member.AssertPageIsCleanAsync();

            await member.GotoAsync("/konto");
            await page.GetByRole(AriaRole.Link, new() { Name = "Meine Veranstaltungen" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Meine Veranstaltungen", Level = 1 })).ToBeVisibleAsync();
            await Expect(page.Locator($"#upcoming tr[data-event-id='{eventId}']")).ToContainTextAsync("Position 1");
            await page.GetByRole(AriaRole.Button, new() { Name = "Kalender-Adresse erstellen" }).ClickAsync();
            await Expect(page.Locator("#feed-url")).ToContainTextAsync("/kalender/");
            await member.AssertPageIsCleanAsync();
            await member.ScreenshotAsync("meine-veranstaltungen");
        }

        var waitlistMail = await app.Mailbox.WaitForMailAsync(waiting.Email, m => m.Subject.StartsWith("Warteliste", StringComparison.Ordinal));
        Assert.Contains("Position 1", waitlistMail.TextBody, StringComparison.Ordinal);

        await using (var office = await BrowserSession.OpenAsync(environment, app))
        {
            var page = office.Page;
            await office.SignInAsync(BrowserApp.AdminEmail, BrowserApp.AdminPassword);
            await office.GotoAsync($"/geschaeftsstelle/veranstaltungen/{eventId}");
            await page.GetByLabel("Plätze – optional").FillAsync("2");
            await page.GetByRole(AriaRole.Button, new() { Name = "Änderungen speichern" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("gespeichert");
            await office.AssertPageIsCleanAsync();
        }

        var mail = await app.Mailbox.WaitForMailAsync(waiting.Email, m => m.Subject.StartsWith("Ein Platz ist frei geworden", StringComparison.Ordinal));
        var link = mail.Links().First(l => l.EndsWith($"/veranstaltungen/{eventId}", StringComparison.Ordinal));
        Assert.StartsWith(app.BaseUri.GetLeftPart(UriPartial.Authority), link, StringComparison.Ordinal);

        await using (var member = await BrowserSession.OpenAsync(environment, app))
        {
            var page = member.Page;
            await member.SignInAsync(waiting.Email, Password);
            // The link exactly as it stands in the mail.
            await page.GotoAsync(link);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 })).ToBeVisibleAsync();
            await Expect(page.Locator("#my-registration-status")).ToContainTextAsync("Ihr Platz ist bestätigt");
            await member.AssertPageIsCleanAsync();
            await member.ScreenshotAsync("veranstaltung-nachgerueckt");
        }
    }

    private async Task<(Guid Id, string Email)> CreateMemberAsync(string name)
    {
        var email = $"warteliste-{Guid.NewGuid():N}@quartiersnetz.test";
        await using var scope = app.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
        var user = new UserAccount { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        await users.AddToRoleAsync(user, Roles.MemberStaff);
        return (user.Id, email);
    }

    /// <summary>An event with one seat, already taken by <paramref name="holder"/> (arranged directly, not the behaviour under test).</summary>
    private async Task<Guid> CreateFullEventAsync(string title, Guid holder)
    {
        var start = DateTime.UtcNow.Date.AddDays(30).AddHours(8);
        var ev = new Event
        {
            Type = EventType.Fachgespraech, Title = title, Description = "Austausch über den Verfügungsfonds.", StartUtc = start, EndUtc = start.AddHours(3),
            PlaceMode = PlaceMode.OnSite, VenueName = "Stadtteilbüro", Audience = EventAudience.Members, Capacity = 1, ConfirmedCount = 1,
            Status = EventStatus.Published, CreatedAtUtc = DateTime.UtcNow, UpdatedAtUtc = DateTime.UtcNow,
        };
        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        db.Add(ev);
        db.Add(new EventRegistration { EventId = ev.Id, PersonId = holder, Status = RegistrationStatus.Confirmed, RegisteredAtUtc = DateTime.UtcNow });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return ev.Id;
    }
}
