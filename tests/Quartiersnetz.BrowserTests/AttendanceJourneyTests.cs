using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Attendance;
using Quartiersnetz.Features.Events;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.BrowserTests;

/// <summary>
/// The door of a running event: a member opens their admission pass (QR code and short code); the office checks one
/// person in by the list, one by the pass's address (what the phone camera opens), one by typing the short code on the
/// scan page, adds a walk-in and downloads the signature list. Every page axe- and Nu-clean, at 1280 and 320 px.
/// </summary>
public sealed class AttendanceJourneyTests(BrowserEnvironment environment, BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string Password = "Browser-Einlass-Passwort-1";

    [Fact]
    public async Task TheOfficeChecksPeopleInByListPassAddressAndCodeAndAddsAWalkIn()
    {
        var title = "Fachtag Einlass " + Guid.NewGuid().ToString("N")[..4];
        var eventId = await CreateRunningEventAsync(title);
        var (memberEmail, _) = await CreateConfirmedMemberAsync(eventId, "Jürgen Weißmüller");
        var (_, listRegistration) = await CreateConfirmedMemberAsync(eventId, "Änne Listenfeld");
        var (_, addressRegistration) = await CreateConfirmedMemberAsync(eventId, "Ömer Adresse");
        var addressToken = await PassTokenAsync(eventId, addressRegistration);
        string shortCode;

        await using (var member = await BrowserSession.OpenAsync(environment, app))
        {
            var page = member.Page;
            await member.SignInAsync(memberEmail, Password);
            await member.GotoAsync("/meine-veranstaltungen");
            await page.GetByRole(AriaRole.Link, new() { Name = $"Einlass-Ausweis mit QR-Code: {title}" }).ClickAsync();
            await Expect(page.Locator("#pass-qr")).ToBeVisibleAsync();
            shortCode = (await page.Locator("#pass-code").TextContentAsync())!;
            Assert.Matches("^[A-Z2-9]{4}-[A-Z2-9]{4}$", shortCode);
            Assert.Contains(shortCode, await page.Locator("#pass-qr").GetAttributeAsync("alt"), StringComparison.Ordinal);
            await member.AssertPageIsCleanAsync();
            await member.ScreenshotAsync("einlass-ausweis");
        }

        await using (var office = await BrowserSession.OpenAsync(environment, app))
        {
            var page = office.Page;
            await office.SignInAsync(BrowserApp.AdminEmail, BrowserApp.AdminPassword);
            var list = $"/geschaeftsstelle/veranstaltungen/{eventId}/anwesenheit";
            await office.GotoAsync(list);
            await Expect(page.Locator("#attendance-count")).ToContainTextAsync("0 von 3 anwesend");
            await office.AssertPageIsCleanAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Änne Listenfeld einchecken" }).ClickAsync();
            await Expect(page.Locator("#attendance-message")).ToContainTextAsync("Änne Listenfeld ist eingecheckt.");
            await Expect(page.Locator("#attendance-count")).ToContainTextAsync("1 von 3 anwesend");
            await Expect(page.Locator($"tr[data-registration-id='{listRegistration}'] .attendance-in")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d\d:\d\d$"));

            // What the phone's camera app opens from the QR code.
            await office.GotoAsync(OfficeCheckInModel.Prefix + addressToken);
            await Expect(page.Locator("#pass-name")).ToHaveTextAsync("Ömer Adresse");
            await office.AssertPageIsCleanAsync();
            await office.ScreenshotAsync("einlass-bestaetigen");
            await page.GetByRole(AriaRole.Button, new() { Name = "Einchecken" }).ClickAsync();
            await Expect(page.Locator("#check-in-message")).ToContainTextAsync("Ömer Adresse ist eingecheckt.");
            await office.AssertPageIsCleanAsync();

            // The scan page without a camera: the short code typed in.
            await office.GotoAsync(list + "/scannen");
            await office.AssertPageIsCleanAsync();
            await page.GetByLabel("Code vom Einlass-Ausweis").FillAsync(shortCode.ToLowerInvariant());
            await page.GetByRole(AriaRole.Button, new() { Name = "Einchecken" }).ClickAsync();
            await Expect(page.Locator("#scan-message")).ToContainTextAsync("Jürgen Weißmüller ist eingecheckt.");
            await Expect(page.Locator("#scan-count")).ToContainTextAsync("3 von 3 anwesend");
            await office.AssertPageIsCleanAsync();
            await office.ScreenshotAsync("einlass-scannen");
            await page.GetByLabel("Code vom Einlass-Ausweis").FillAsync("ABCD-EFGH");
            await page.GetByRole(AriaRole.Button, new() { Name = "Einchecken" }).ClickAsync();
            await Expect(page.Locator("#fehler")).ToContainTextAsync("keine Anmeldung");
            await office.AssertPageIsCleanAsync();

            // A walk-in at the door.
            await office.GotoAsync(list);
            await page.GetByLabel("E-Mail-Adresse", new() { Exact = true }).FillAsync($"tuer-{Guid.NewGuid():N}@beispiel.de");
            await page.GetByLabel("Name (nur ohne Konto) – optional").FillAsync("Zoë Öztürk");
            await page.GetByLabel("Organisation (nur ohne Konto) – optional").FillAsync("Quartiersbüro Nord");
            await page.GetByRole(AriaRole.Button, new() { Name = "Nachmelden" }).ClickAsync();
            await Expect(page.Locator("#attendance-message")).ToContainTextAsync("Zoë Öztürk ist nachgemeldet und eingecheckt.");
            await Expect(page.Locator("#attendance-count")).ToContainTextAsync("4 von 4 anwesend");
            await office.AssertPageIsCleanAsync();
            await office.ScreenshotAsync("anwesenheit");

            var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#attendance-pdf-link").ClickAsync());
            Assert.Matches(@"^anwesenheitsliste-\d{4}-\d{2}-\d{2}\.pdf$", download.SuggestedFilename);
        }
    }

    private async Task<Guid> CreateRunningEventAsync(string title)
    {
        var start = DateTime.UtcNow.AddMinutes(-5);
        var ev = new Event
        {
            Type = EventType.Fortbildung, Title = title, Description = "Ein Tag zur Quartiersarbeit.", StartUtc = start, EndUtc = start.AddHours(6),
            PlaceMode = PlaceMode.OnSite, VenueName = "Bürgerhaus", Audience = EventAudience.Members, Capacity = 3,
            Status = EventStatus.Published, CreatedAtUtc = DateTime.UtcNow, UpdatedAtUtc = DateTime.UtcNow,
        };
        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        db.Add(ev);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return ev.Id;
    }

    /// <summary>A member with a confirmed registration, stored directly (arranging).</summary>
    private async Task<(string Email, Guid Registration)> CreateConfirmedMemberAsync(Guid eventId, string name)
    {
        var email = $"einlass-{Guid.NewGuid():N}@quartiersnetz.test";
        await using var scope = app.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
        var user = new UserAccount { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        await users.AddToRoleAsync(user, Roles.MemberStaff);
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        var ev = await db.Set<Event>().SingleAsync(e => e.Id == eventId, TestContext.Current.CancellationToken);
        var registration = new EventRegistration { EventId = eventId, PersonId = user.Id, Status = RegistrationStatus.Confirmed, RegisteredAtUtc = DateTime.UtcNow };
        db.Add(registration);
        ev.ConfirmedCount++;
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return (email, registration.Id);
    }

    private async Task<string> PassTokenAsync(Guid eventId, Guid registrationId)
    {
        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        return (await CheckIn.PassAsync(db, TimeProvider.System, registrationId, eventId, TestContext.Current.CancellationToken)).Token;
    }
}
