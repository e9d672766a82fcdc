using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Attendance;
using Quartiersnetz.Features.Certificates;
using Quartiersnetz.Features.Events;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Time;

namespace Quartiersnetz.BrowserTests;

/// <summary>
/// After a training: the office records the chamber's recognition, sets one person's points with a reason and issues the
/// certificates; a member finds their points account, downloads the certificate and verifies it through its address; a
/// forged address is refused. Every page axe- and Nu-clean, at 1280 and 320 px.
/// </summary>
public sealed class CertificateJourneyTests(BrowserEnvironment environment, BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string Password = "Browser-Bescheinigung-Passwort-1";

    [Fact]
    public async Task TheOfficeIssuesCertificatesAndAMemberDownloadsAndVerifiesTheirs()
    {
        var title = "Fortbildung Verfügungsfonds " + Guid.NewGuid().ToString("N")[..4];
        var (eventId, start) = await CreateEndedEventAsync(title);
        var eventDay = DateOnly.FromDateTime(BerlinTime.ToBerlin(start));
        var memberEmail = await CreateAttendeeAsync(eventId, start, "Jürgen Weißmüller", 180);
        await CreateAttendeeAsync(eventId, start, "Änne Listenfeld", 100);

        await using (var office = await BrowserSession.OpenAsync(environment, app))
        {
            var page = office.Page;
            await office.SignInAsync(BrowserApp.AdminEmail, BrowserApp.AdminPassword);
            await office.GotoAsync($"/geschaeftsstelle/veranstaltungen/{eventId}/teilnehmende");
            await page.GetByRole(AriaRole.Link, new() { Name = "Fortbildungspunkte und Teilnahmebescheinigungen" }).ClickAsync();
            await office.AssertPageIsCleanAsync();

            await page.GetByLabel("Stand der Anerkennung").SelectOptionAsync(new SelectOptionValue { Label = "anerkannt" });
            await page.GetByLabel("Anerkennungsnummer").FillAsync("AKNW-2026-0815");
            await page.GetByLabel("Anerkannt am").FillAsync(eventDay.AddDays(-14).ToString("yyyy-MM-dd", BerlinTime.Culture));
            await page.GetByLabel("Themenbereich nach FuWO – optional").FillAsync("Städtebau und Quartiersentwicklung");
            await page.GetByRole(AriaRole.Button, new() { Name = "Speichern" }).ClickAsync();
            await Expect(page.Locator("#credit-message")).ToContainTextAsync("gespeichert");
            await Expect(page.Locator("#credit-participants")).ToContainTextAsync("3 Std. 0 Min.");

            // An override with a blank reason is refused by the server; with one it is set.
            await page.GetByLabel("Person", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Änne Listenfeld" });
            await page.GetByLabel("Punkte", new() { Exact = true }).FillAsync("2,5");
            await page.GetByLabel("Begründung").FillAsync("   ");
            await page.GetByRole(AriaRole.Button, new() { Name = "Punkte festsetzen" }).ClickAsync();
            await Expect(page.Locator("#fehler")).ToContainTextAsync("Bitte begründen Sie");
            await office.AssertPageIsCleanAsync();
            await page.GetByLabel("Begründung").FillAsync("Vormittag nachweislich anwesend");
            await page.GetByRole(AriaRole.Button, new() { Name = "Punkte festsetzen" }).ClickAsync();
            await Expect(page.Locator("#credit-message")).ToContainTextAsync("Die Punkte sind festgesetzt");

            // A correction of the attendance: Änne came at 10:00 and left at 12:00, the list only knew 100 minutes.
            await office.GotoAsync($"/geschaeftsstelle/veranstaltungen/{eventId}/anwesenheit?tag={eventDay:yyyy-MM-dd}");
            await page.GetByRole(AriaRole.Link, new() { Name = "Korrigieren: Änne Listenfeld" }).ClickAsync();
            await office.AssertPageIsCleanAsync();
            await office.ScreenshotAsync("anwesenheit-korrigieren");
            await page.GetByLabel("Gehen – optional").FillAsync("12:00");
            await page.GetByLabel("Begründung").FillAsync("Laut Papierliste bis 12 Uhr");
            await page.GetByRole(AriaRole.Button, new() { Name = "Korrektur speichern" }).ClickAsync();
            await Expect(page.Locator("#attendance-message")).ToContainTextAsync("Die Anwesenheit von Änne Listenfeld ist korrigiert.");
            await office.GotoAsync($"/geschaeftsstelle/veranstaltungen/{eventId}/fortbildung");
            await Expect(page.Locator("#credit-participants")).ToContainTextAsync("2 Std. 0 Min.");

            await page.GetByRole(AriaRole.Button, new() { Name = "Ausstellen und per E-Mail versenden" }).ClickAsync();
            await Expect(page.Locator("#credit-message")).ToContainTextAsync("im Hintergrund");
            await WaitForRunAsync(eventId);
            await page.ReloadAsync();
            await Expect(page.Locator("#certificate-count")).ToContainTextAsync("Gültige Bescheinigungen: 2");
            await office.AssertPageIsCleanAsync();
            await office.ScreenshotAsync("fortbildung-bescheinigungen");

            await office.GotoAsync(OfficePointsModel.Path + "?jahr=" + eventDay.Year.ToString(BerlinTime.Culture));
            await Expect(page.Locator("#points-total")).ToContainTextAsync("Bescheinigungen");
            await office.AssertPageIsCleanAsync();
        }

        string verifyAddress;
        await using (var member = await BrowserSession.OpenAsync(environment, app))
        {
            var page = member.Page;
            await member.SignInAsync(memberEmail, Password);
            await member.GotoAsync("/meine-veranstaltungen");
            await page.GetByRole(AriaRole.Link, new() { Name = "Meine Fortbildungspunkte und Teilnahmebescheinigungen" }).ClickAsync();
            if (eventDay.Year != BerlinTime.Today(TimeProvider.System).Year)
            {
                await member.GotoAsync(CertificateLinks.MyPoints + "?jahr=" + eventDay.Year.ToString(BerlinTime.Culture));
            }

            await Expect(page.Locator("#certificates")).ToContainTextAsync(title);
            await Expect(page.Locator("#year-summary")).ToContainTextAsync("4 von 16 Punkten");
            await member.AssertPageIsCleanAsync();
            await member.ScreenshotAsync("meine-fortbildungspunkte");

            var download = await page.RunAndWaitForDownloadAsync(() => page.Locator(".certificate-download").First.ClickAsync());
            Assert.StartsWith("teilnahmebescheinigung-", download.SuggestedFilename, StringComparison.Ordinal);
            var overview = await page.RunAndWaitForDownloadAsync(() => page.Locator("#overview-pdf").ClickAsync());
            Assert.Matches(@"^fortbildungspunkte-\d{4}\.pdf$", overview.SuggestedFilename);

            await page.Locator(".certificate-verify").First.ClickAsync();
            await Expect(page.Locator("#verify-result")).ToContainTextAsync("echt und gültig");
            verifyAddress = new Uri(page.Url).AbsolutePath;
        }

        await using (var stranger = await BrowserSession.OpenAsync(environment, app))
        {
            var page = stranger.Page;
            await stranger.GotoAsync(verifyAddress);
            await Expect(page.Locator("#verify-details")).ToContainTextAsync("Jürgen Weißmüller");
            await Expect(page.Locator("#verify-details")).ToContainTextAsync("AKNW-2026-0815");
            await stranger.AssertPageIsCleanAsync();
            await stranger.ScreenshotAsync("bescheinigung-pruefen");

            // A forged code: the page says so, with a form to type the number.
            var response = await page.GotoAsync(app.Url("/b/AAAA-BBBB-CCCC-DDDD").ToString());
            Assert.Equal(404, response!.Status);
            await Expect(page.Locator("#verify-result")).ToContainTextAsync("keine Bescheinigung");
            await stranger.AssertPageIsCleanApartFromStatusAsync(404);
        }
    }

    private async Task<(Guid EventId, DateTime StartUtc)> CreateEndedEventAsync(string title)
    {
        var day = BerlinTime.Today(TimeProvider.System).AddDays(-2);
        var start = BerlinTime.ToUtc(day.ToDateTime(new TimeOnly(10, 0)))!.Value;
        var ev = new Event
        {
            Type = EventType.Fortbildung, Title = title, Description = "Eine Fortbildung zur Quartiersarbeit.", StartUtc = start, EndUtc = start.AddHours(3),
            PlaceMode = PlaceMode.OnSite, VenueName = "Bürgerhaus", Audience = EventAudience.Members, Capacity = 20,
            Status = EventStatus.Published, CreatedAtUtc = DateTime.UtcNow, UpdatedAtUtc = DateTime.UtcNow,
        };
        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        db.Add(ev);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return (ev.Id, start);
    }

    /// <summary>A member with a confirmed registration who was there for <paramref name="minutes"/> from the start (arranged directly).</summary>
    private async Task<string> CreateAttendeeAsync(Guid eventId, DateTime start, string name, int minutes)
    {
        var email = $"bescheinigung-{Guid.NewGuid():N}@quartiersnetz.test";
        await using var scope = app.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
        var user = new UserAccount { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        await users.AddToRoleAsync(user, Roles.MemberStaff);
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        var ev = await db.Set<Event>().SingleAsync(e => e.Id == eventId, TestContext.Current.CancellationToken);
        var registration = new EventRegistration { EventId = eventId, PersonId = user.Id, Status = RegistrationStatus.Confirmed, RegisteredAtUtc = start.AddDays(-7) };
        db.Add(registration);
        ev.ConfirmedCount++;
        db.Add(new AttendanceDay
        {
            RegistrationId = registration.Id, EventId = eventId, Day = DateOnly.FromDateTime(BerlinTime.ToBerlin(start)),
            CheckedInAtUtc = start, CheckedOutAtUtc = start.AddMinutes(minutes),
        });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return email;
    }

    private async Task WaitForRunAsync(Guid eventId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            await using var scope = app.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
            if (await db.Set<CertificateRun>().AnyAsync(r => r.EventId == eventId && r.FinishedAtUtc != null, TestContext.Current.CancellationToken))
            {
                return;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.Fail("The certificate job did not finish within 60 s.");
    }
}
