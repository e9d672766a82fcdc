using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Events;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.BrowserTests;

/// <summary>
/// A guest without an account asks for too many companions and is told the limit, registers with one companion for a
/// full event and lands on the waiting list; when the office frees the seats, the guest gets the offer by mail (real
/// SMTP test server) and accepts it on the guest offer page. Every page axe- and Nu-clean.
/// </summary>
public sealed class GuestSeatOfferJourneyTests(BrowserEnvironment environment, BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task AGuestWithACompanionWaitsGetsTheFreedSeatsOfferedAndAcceptsThem()
    {
        var holderId = await CreateMemberAsync("Hanna Halter");
        var title = "Stadtteilrundgang " + Guid.NewGuid().ToString("N")[..4];
        var eventId = await CreateFullEventAsync(title, holderId);
        var email = $"gast-angebot-{Guid.NewGuid():N}@beispiel.de";

        await using (var visitor = await BrowserSession.OpenAsync(environment, app))
        {
            var page = visitor.Page;
            await visitor.GotoAsync($"/veranstaltungen/{eventId}/gast");
            var companions = page.GetByLabel("Anzahl Begleitpersonen");
            await Expect(companions).ToHaveValueAsync("0");
            await visitor.AssertPageIsCleanAsync();

            await page.GetByLabel("Ihr Name").FillAsync("Gustav Gast");
            await page.GetByLabel("Ihre E-Mail-Adresse").FillAsync(email);
            await companions.FillAsync("3");
            await page.GetByRole(AriaRole.Button, new() { Name = "Anmeldung absenden" }).ClickAsync();
            await Expect(page.Locator("#Input_Companions-error")).ToContainTextAsync("Es können höchstens 2 Begleitpersonen mitkommen.");
            await Expect(companions).ToHaveAttributeAsync("aria-invalid", "true");
            await visitor.AssertPageIsCleanAsync();
            await visitor.ScreenshotAsync("veranstaltung-gast-begleitpersonen-fehler");

            await companions.FillAsync("1");
            await page.GetByRole(AriaRole.Button, new() { Name = "Anmeldung absenden" }).ClickAsync();
            await Expect(page.Locator("#guest-sent")).ToBeVisibleAsync();

            var mail = await app.Mailbox.WaitForMailAsync(email);
            await visitor.GotoAsync(mail.LinkPath("/veranstaltungen/gast/bestaetigen/"));
            await page.GetByRole(AriaRole.Button, new() { Name = "Anmeldung bestätigen" }).ClickAsync();
            await Expect(page.Locator("#guest-message")).ToContainTextAsync("Sie stehen auf der Warteliste an Position 1");
            await visitor.AssertPageIsCleanAsync();
        }

        await using (var office = await BrowserSession.OpenAsync(environment, app))
        {
            var page = office.Page;
            await office.SignInAsync(BrowserApp.AdminEmail, BrowserApp.AdminPassword);
            await office.GotoAsync($"/geschaeftsstelle/veranstaltungen/{eventId}/teilnehmende");
            await Expect(page.Locator("#participants tr[data-status='waitlisted']")).ToContainTextAsync("Gustav Gast (Gast)");
            await page.GetByRole(AriaRole.Button, new() { Name = "Hanna Halter abmelden" }).ClickAsync();
            var offered = page.Locator("#participants tr[data-status='offered']");
            await Expect(offered).ToContainTextAsync("Gustav Gast (Gast)");
            await office.AssertPageIsCleanAsync();
        }

        var offer = await app.Mailbox.WaitForMailAsync(email, m => m.TextBody.Contains(GuestRegistration.OfferPath, StringComparison.Ordinal));
        await using (var guest = await BrowserSession.OpenAsync(environment, app))
        {
            var page = guest.Page;
            await guest.GotoAsync(offer.LinkPath(GuestRegistration.OfferPath));
            await Expect(page.Locator("#offer-deadline")).ToContainTextAsync("bitte bis");
            await Expect(page.Locator("main")).ToContainTextAsync("Der Platz gilt für Sie und eine Begleitperson.");
            await guest.AssertPageIsCleanAsync();
            await guest.ScreenshotAsync("veranstaltung-gast-platzangebot");

            await page.GetByRole(AriaRole.Button, new() { Name = "Platz annehmen" }).ClickAsync();
            await Expect(page.Locator("#offer-message")).ToContainTextAsync("Sie haben den Platz angenommen");
            await Expect(page.Locator("#offer-none")).ToContainTextAsync("Bestätigt");
            await guest.AssertPageIsCleanAsync();
        }

        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        var seats = await db.Set<Event>().Where(e => e.Id == eventId).Select(e => e.ConfirmedCount).SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal(2, seats);
    }

    private async Task<Guid> CreateMemberAsync(string name)
    {
        var email = $"halter-{Guid.NewGuid():N}@quartiersnetz.test";
        await using var scope = app.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
        var user = new UserAccount { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name };
        Assert.True((await users.CreateAsync(user, "Browser-Gast-Angebot-Passwort-1")).Succeeded);
        await users.AddToRoleAsync(user, Roles.MemberStaff);
        return user.Id;
    }

    /// <summary>A public event with two seats, both taken by <paramref name="holder"/> and a companion; freed seats are offered for 48 hours.</summary>
    private async Task<Guid> CreateFullEventAsync(string title, Guid holder)
    {
        var start = DateTime.UtcNow.Date.AddDays(25).AddHours(9);
        var ev = new Event
        {
            Type = EventType.Exkursion, Title = title, Description = "Ein Rundgang mit Begleitung.", StartUtc = start, EndUtc = start.AddHours(2),
            PlaceMode = PlaceMode.OnSite, VenueName = "Quartierszentrum", Audience = EventAudience.Public, Capacity = 2, ConfirmedCount = 2,
            CompanionsAllowed = 2, OfferHours = 48, Status = EventStatus.Published, CreatedAtUtc = DateTime.UtcNow, UpdatedAtUtc = DateTime.UtcNow,
        };
        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        db.Add(ev);
        db.Add(new EventRegistration { EventId = ev.Id, PersonId = holder, Status = RegistrationStatus.Confirmed, Companions = 1, RegisteredAtUtc = DateTime.UtcNow.AddMinutes(-10) });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return ev.Id;
    }
}
