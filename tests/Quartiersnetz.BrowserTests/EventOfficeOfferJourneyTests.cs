using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Events;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.BrowserTests;

/// <summary>
/// The office works an event's waiting list: filters the participant list, opens the waiting list, moves one person up
/// and frees the seat, which is offered to that person; the member accepts the offer from the mail's link. A visitor
/// subscribes to the public calendar. Every page axe- and Nu-clean.
/// </summary>
public sealed class EventOfficeOfferJourneyTests(BrowserEnvironment environment, BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string Password = "Browser-Platzangebot-Passwort-1";

    [Fact]
    public async Task TheOfficeReordersTheWaitingListFreesASeatAndTheMemberAcceptsTheOffer()
    {
        var holder = await CreateMemberAsync("Helga Halter");
        var first = await CreateMemberAsync("Fritz Früher");
        var second = await CreateMemberAsync("Sofia Später");
        var title = "Werkstatt Beteiligung " + Guid.NewGuid().ToString("N")[..4];
        var eventId = await CreateEventWithWaitlistAsync(title, holder.Id, [first.Id, second.Id]);
        var list = $"/geschaeftsstelle/veranstaltungen/{eventId}/teilnehmende";

        await using (var office = await BrowserSession.OpenAsync(environment, app))
        {
            var page = office.Page;
            await office.SignInAsync(BrowserApp.AdminEmail, BrowserApp.AdminPassword);
            await office.GotoAsync(list);
            await page.GetByLabel("Status").SelectOptionAsync("waitlisted");
            await page.GetByRole(AriaRole.Button, new() { Name = "Filtern" }).ClickAsync();
            await Expect(page.Locator("#participants tbody tr")).ToHaveCountAsync(2);
            await Expect(page.Locator("#participants tbody tr").First).ToContainTextAsync("Fritz Früher");
            await office.AssertPageIsCleanAsync();
            await office.ScreenshotAsync("teilnehmende-warteliste");

            await page.GetByRole(AriaRole.Link, new() { Name = "Warteliste ordnen" }).ClickAsync();
            await Expect(page.Locator("#waitlist tbody tr")).ToHaveCountAsync(2);
            await office.AssertPageIsCleanAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Sofia Später eine Position nach oben" }).ClickAsync();
            await Expect(page.Locator("#waitlist-message")).ToBeVisibleAsync();
            await Expect(page.Locator("#waitlist tbody tr").First).ToContainTextAsync("Sofia Später");
            await office.AssertPageIsCleanAsync();
            await office.ScreenshotAsync("warteliste-geordnet");

            // Freeing the seat offers it to the new first in line (the event holds offers for 48 hours).
            await page.GetByRole(AriaRole.Link, new() { Name = "Zurück zu den Teilnehmenden" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Helga Halter abmelden" }).ClickAsync();
            await Expect(page.Locator("#participants tr[data-status='offered']")).ToContainTextAsync("Sofia Später");
            await office.AssertPageIsCleanAsync();
        }

        var mail = await app.Mailbox.WaitForMailAsync(second.Email, m => m.TextBody.Contains("bitte bis", StringComparison.Ordinal));
        var accept = mail.Links().First(l => l.EndsWith("/platzangebot?antwort=annehmen", StringComparison.Ordinal));

        await using (var member = await BrowserSession.OpenAsync(environment, app))
        {
            var page = member.Page;
            await member.SignInAsync(second.Email, Password);
            await page.GotoAsync(accept);
            await Expect(page.Locator("#offer-deadline")).ToContainTextAsync("bitte bis");
            await member.AssertPageIsCleanAsync();
            await member.ScreenshotAsync("platzangebot");
            await page.GetByRole(AriaRole.Button, new() { Name = "Platz annehmen" }).ClickAsync();
            await Expect(page.Locator("#offer-message")).ToContainTextAsync("angenommen");
            await member.AssertPageIsCleanAsync();
            await member.GotoAsync($"/veranstaltungen/{eventId}");
            await Expect(page.Locator("#my-registration-status")).ToContainTextAsync("Ihr Platz ist bestätigt");
        }
    }

    [Fact]
    public async Task AVisitorSubscribesToThePublicCalendar()
    {
        var title = "Offene Stadtteilkonferenz " + Guid.NewGuid().ToString("N")[..4];
        var eventId = await CreatePublicEventAsync(title);

        await using var visitor = await BrowserSession.OpenAsync(environment, app);
        var page = visitor.Page;
        await visitor.GotoAsync("/veranstaltungen");
        var link = page.GetByRole(AriaRole.Link, new() { Name = "Öffentliche Veranstaltungen im eigenen Kalender abonnieren (iCal)" });
        await Expect(link).ToBeVisibleAsync();
        await visitor.AssertPageIsCleanAsync();
        await visitor.ScreenshotAsync("veranstaltungen-abonnieren");

        // Calendar apps fetch the address themselves; the file is what they get.
        var feed = await visitor.FetchAsync(app.Url((await link.GetAttributeAsync("href"))!));
        Assert.Equal(System.Net.HttpStatusCode.OK, feed.StatusCode);
        Assert.Equal("text/calendar", feed.Content.Headers.ContentType!.MediaType);
        var text = await feed.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.StartsWith("BEGIN:VCALENDAR", text, StringComparison.Ordinal);
        Assert.Contains("UID:" + EventCalendar.Uid(eventId), text, StringComparison.Ordinal);
        Assert.Contains("SUMMARY:" + title, text, StringComparison.Ordinal);
    }

    private async Task<(Guid Id, string Email)> CreateMemberAsync(string name)
    {
        var email = $"angebot-{Guid.NewGuid():N}@quartiersnetz.test";
        await using var scope = app.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
        var user = new UserAccount { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        await users.AddToRoleAsync(user, Roles.MemberStaff);
        return (user.Id, email);
    }

    /// <summary>One seat with 48-hour offers, taken by <paramref name="holder"/>, and people waiting in the given order (arranged directly).</summary>
    private async Task<Guid> CreateEventWithWaitlistAsync(string title, Guid holder, IReadOnlyList<Guid> waiting)
    {
        var start = DateTime.UtcNow.Date.AddDays(30).AddHours(8);
        var ev = new Event
        {
            Type = EventType.Werkstatt, Title = title, Description = "Beteiligung im Quartier.", StartUtc = start, EndUtc = start.AddHours(3),
            PlaceMode = PlaceMode.OnSite, VenueName = "Stadtteilbüro", Audience = EventAudience.Members, Capacity = 1, ConfirmedCount = 1, OfferHours = 48,
            LastWaitlistNumber = waiting.Count, Status = EventStatus.Published, CreatedAtUtc = DateTime.UtcNow, UpdatedAtUtc = DateTime.UtcNow,
        };
        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        db.Add(ev);
        db.Add(new EventRegistration { EventId = ev.Id, PersonId = holder, Status = RegistrationStatus.Confirmed, RegisteredAtUtc = DateTime.UtcNow.AddMinutes(-10) });
        for (var i = 0; i < waiting.Count; i++)
        {
            db.Add(new EventRegistration
            {
                EventId = ev.Id, PersonId = waiting[i], Status = RegistrationStatus.Waitlisted, WaitlistNumber = i + 1, RegisteredAtUtc = DateTime.UtcNow.AddMinutes(i - 5),
            });
        }

        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return ev.Id;
    }

    private async Task<Guid> CreatePublicEventAsync(string title)
    {
        var start = DateTime.UtcNow.Date.AddDays(20).AddHours(15);
        var ev = new Event
        {
            Type = EventType.Tagung, Title = title, Description = "Alle sind eingeladen.", StartUtc = start, EndUtc = start.AddHours(2),
            PlaceMode = PlaceMode.OnSite, VenueName = "Bürgerhaus", Audience = EventAudience.Public, Capacity = 50,
            Status = EventStatus.Published, CreatedAtUtc = DateTime.UtcNow, UpdatedAtUtc = DateTime.UtcNow,
        };
        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        db.Add(ev);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return ev.Id;
    }
}
