using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Attendance;
using Quartiersnetz.Features.Events;
using Quartiersnetz.IntegrationTests.ApiAccess;
using Quartiersnetz.IntegrationTests.Events;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Privacy;

namespace Quartiersnetz.IntegrationTests.Attendance;

/// <summary>The app with a clock the attendance tests move (check-in and check-out times, net minutes).</summary>
public sealed class AttendanceFactory : QuartiersnetzFactory
{
    public AttendanceFactory() => WithServices(services => ReplaceSingleton<TimeProvider>(services, Clock));

    /// <summary>
    /// Today at 08:00 UTC (09:00 or 10:00 in Berlin), not the real time: the events of these tests start "now" and run for
    /// hours on one Berlin day, which a run late in the evening would cross.
    /// </summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(DateTime.UtcNow.Date.AddHours(8), TimeSpan.Zero));
}

/// <summary>Check-in and attendance: the office list, the QR address, the scan page, walk-ins, the PDF, the API and personal data.</summary>
public sealed class AttendanceTests(AttendanceFactory factory) : IClassFixture<AttendanceFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_office_checks_people_in_and_out_by_the_list_and_the_count_follows()
    {
        var (eventId, people) = await RunningEventAsync(2);
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var url = Url(eventId);
        var page = await office.GetDocumentAsync(url);
        Assert.Contains("0 von 2 anwesend", page.QuerySelector("#attendance-count")!.TextContent, StringComparison.Ordinal);

        using (var response = await office.PressButtonAsync(url, $"tr[data-registration-id='{people[0].Registration}'] button.check-in"))
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        page = await office.GetDocumentAsync(url);
        Assert.Contains($"{people[0].Name} ist eingecheckt.", page.QuerySelector("#attendance-message")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("1 von 2 anwesend", page.QuerySelector("#attendance-count")!.TextContent, StringComparison.Ordinal);
        var row = page.QuerySelector($"tr[data-registration-id='{people[0].Registration}']")!;
        Assert.Matches(@"^\d\d:\d\d$", row.QuerySelector(".attendance-in")!.TextContent.Trim());
        Assert.NotNull(row.QuerySelector("button.check-out"));

        factory.Clock.Advance(TimeSpan.FromMinutes(90));
        using (await office.PressButtonAsync(url, $"tr[data-registration-id='{people[0].Registration}'] button.check-out"))
        {
        }

        page = await office.GetDocumentAsync(url);
        Assert.Contains($"{people[0].Name} ist ausgecheckt.", page.QuerySelector("#attendance-message")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("davon 1 bereits ausgecheckt", page.QuerySelector("#attendance-count")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("90", page.QuerySelector($"tr[data-registration-id='{people[0].Registration}'] .attendance-minutes")!.TextContent.Trim());

        // Searching by name narrows the list.
        page = await office.GetDocumentAsync(url + "?suche=" + Uri.EscapeDataString(people[1].Name));
        Assert.Single(page.QuerySelectorAll("#attendance tbody tr"));
    }

    [Fact]
    public async Task Checking_in_twice_changes_nothing_and_says_so()
    {
        var (eventId, people) = await RunningEventAsync(1);
        var api = await OfficeApiAsync();
        var first = await (await api.PostAsJsonAsync($"/api/v1/events/{eventId}/attendance/check-in", new { registrationId = people[0].Registration }, Ct)).JsonAsync();
        factory.Clock.Advance(TimeSpan.FromMinutes(5));
        using var again = await api.PostAsJsonAsync($"/api/v1/events/{eventId}/attendance/check-in", new { registrationId = people[0].Registration }, Ct);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var second = await again.JsonAsync();
        Assert.False(first.GetProperty("alreadyDone").GetBoolean());
        Assert.True(second.GetProperty("alreadyDone").GetBoolean());
        Assert.Equal(first.GetProperty("checkedInAt").GetDateTime(), second.GetProperty("checkedInAt").GetDateTime());
        Assert.Single(await AttendanceRowsAsync(eventId));

        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        using (await PostAsync(office, Url(eventId), "CheckIn", people[0].Registration))
        {
        }

        var page = await office.GetDocumentAsync(Url(eventId));
        Assert.Contains("war bereits um", page.QuerySelector("#attendance-message")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("nichts geändert", page.QuerySelector("#attendance-message")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_check_ins_are_refused_with_clear_messages_and_store_nothing()
    {
        var (eventId, people) = await RunningEventAsync(1);
        var (otherEventId, others) = await RunningEventAsync(1);
        var api = await OfficeApiAsync();
        var waiting = await RegisterAsync(eventId, RegistrationStatus.Waitlisted, "Wanda Warteliste");
        var cancelled = await RegisterAsync(eventId, RegistrationStatus.Cancelled, "Carl Abgemeldet");

        var otherEvent = await ProblemAsync(api, eventId, "check-in", new { registrationId = others[0].Registration }, HttpStatusCode.BadRequest);
        Assert.Contains("anderen Veranstaltung", otherEvent.GetProperty("errors").GetProperty("registrationId")[0].GetString(), StringComparison.Ordinal);

        var unknown = await ProblemAsync(api, eventId, "check-in", new { registrationId = Guid.NewGuid() }, HttpStatusCode.BadRequest);
        Assert.Contains("nicht angemeldet", unknown.GetProperty("errors").GetProperty("registrationId")[0].GetString(), StringComparison.Ordinal);

        Assert.Contains("Warteliste", (await ProblemAsync(api, eventId, "check-in", new { registrationId = waiting }, HttpStatusCode.Conflict)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("abgemeldet", (await ProblemAsync(api, eventId, "check-in", new { registrationId = cancelled }, HttpStatusCode.Conflict)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("erst nach dem Einchecken", (await ProblemAsync(api, eventId, "check-out", new { registrationId = people[0].Registration }, HttpStatusCode.Conflict)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("code", (await ProblemAsync(api, eventId, "check-in", new { code = "ZZZZ-ZZZZ" }, HttpStatusCode.BadRequest)).GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Contains("registrationId", (await ProblemAsync(api, eventId, "check-in", new { }, HttpStatusCode.BadRequest)).GetProperty("errors").EnumerateObject().Select(p => p.Name));
        await ProblemAsync(api, Guid.NewGuid(), "check-in", new { registrationId = people[0].Registration }, HttpStatusCode.NotFound);

        // A day that is not a day of the event.
        var (futureEventId, future) = await RunningEventAsync(1, startsIn: TimeSpan.FromDays(3));
        Assert.Contains("kein Tag dieser Veranstaltung", (await ProblemAsync(api, futureEventId, "check-in", new { registrationId = future[0].Registration }, HttpStatusCode.Conflict)).GetProperty("detail").GetString(), StringComparison.Ordinal);

        Assert.Empty(await AttendanceRowsAsync(eventId));
        Assert.Empty(await AttendanceRowsAsync(futureEventId));
        Assert.Empty(await AttendanceRowsAsync(otherEventId));

        // The page says the same in German, without a 500.
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        using (await PostAsync(office, Url(eventId), "CheckIn", waiting))
        {
        }

        Assert.Contains("steht auf der Warteliste", (await office.GetDocumentAsync(Url(eventId))).QuerySelector("#attendance-message")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_member_sees_their_pass_and_the_office_checks_them_in_through_its_address()
    {
        var eventId = await factory.CreateEventAsync(startUtc: Now.AddMinutes(-30), title: "Fachtag Grünflächen");
        var member = await factory.CreatePersonAsync([Roles.MemberStaff], displayName: "Jürgen Weißmüller");
        var memberClient = await factory.SignedInAsAsync(member);
        var registration = await RegisterAsync(eventId, RegistrationStatus.Confirmed, personId: member.Id);

        var mine = await memberClient.GetDocumentAsync("/meine-veranstaltungen");
        Assert.NotNull(mine.QuerySelector($"a.pass-link[href='/meine-veranstaltungen/{eventId}/einlass']"));
        var passPage = await memberClient.GetDocumentAsync($"/meine-veranstaltungen/{eventId}/einlass");
        var pass = await factory.EventQueryAsync(db => db.Set<CheckInPass>().AsNoTracking().SingleAsync(p => p.RegistrationId == registration, Ct));
        var image = passPage.QuerySelector("#pass-qr")!;
        Assert.StartsWith("data:image/png;base64,", image.GetAttribute("src"), StringComparison.Ordinal);
        Assert.Contains(CheckInPass.Display(pass.ShortCode), image.GetAttribute("alt"), StringComparison.Ordinal);
        Assert.Equal(CheckInPass.Display(pass.ShortCode), passPage.QuerySelector("#pass-code")!.TextContent);
        Assert.DoesNotContain(registration.ToString(), pass.Token, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(CheckInPass.TokenLength, pass.Token.Length);
        // Opening the page again shows the same pass.
        await memberClient.GetDocumentAsync($"/meine-veranstaltungen/{eventId}/einlass");
        Assert.Single(await factory.EventQueryAsync(db => db.Set<CheckInPass>().Where(p => p.RegistrationId == registration).ToListAsync(Ct)));

        // The member cannot use the check-in address themselves.
        using (var denied = await memberClient.GetAsync(new Uri(OfficeCheckInModel.Prefix + pass.Token, UriKind.Relative), Ct))
        {
            Assert.NotEqual(HttpStatusCode.OK, denied.StatusCode);
        }

        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var landing = await office.GetDocumentAsync(OfficeCheckInModel.Prefix + pass.Token);
        Assert.Equal("Jürgen Weißmüller", landing.QuerySelector("#pass-name")!.TextContent);
        using (var pressed = await office.PressButtonAsync(OfficeCheckInModel.Prefix + pass.Token, "#check-in-button"))
        {
            Assert.Equal(HttpStatusCode.Redirect, pressed.StatusCode);
        }

        landing = await office.GetDocumentAsync(OfficeCheckInModel.Prefix + pass.Token);
        Assert.Contains("Jürgen Weißmüller ist eingecheckt.", landing.QuerySelector("#check-in-message")!.TextContent, StringComparison.Ordinal);
        Assert.Null(landing.QuerySelector("#check-in-button"));
        Assert.Single(await AttendanceRowsAsync(eventId));

        var unknown = await office.GetDocumentAsync(OfficeCheckInModel.Prefix + new string('A', CheckInPass.TokenLength), HttpStatusCode.NotFound);
        Assert.Contains("Diesen Einlass-Ausweis gibt es nicht.", unknown.QuerySelector("#unknown-pass")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_confirmation_mail_leads_to_the_pass_and_a_guests_does_not()
    {
        var eventId = await factory.CreateEventAsync(startUtc: Now.AddDays(5), title: "Werkstatt Einlass");
        var member = await factory.CreatePersonAsync([Roles.MemberStaff]);
        var memberApi = factory.CreateBearerClient(await factory.AccessTokenAsync(member));
        using (var registered = await memberApi.PostAsJsonAsync($"/api/v1/events/{eventId}/registrations", new { }, Ct))
        {
            Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        }

        var mail = await factory.Mailbox.WaitForMailAsync(member.Email, m => m.Subject.StartsWith("Anmeldung bestätigt", StringComparison.Ordinal));
        Assert.Equal($"/meine-veranstaltungen/{eventId}/einlass", mail.LinkPath("/einlass"));
        var passPage = await (await factory.SignedInAsAsync(member)).GetDocumentAsync(mail.LinkPath("/einlass"));
        Assert.NotNull(passPage.QuerySelector("#pass-qr"));

        // A walk-in guest gets the confirmation without the link: the pass page needs an account.
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var (runningId, _) = await RunningEventAsync(0);
        using (await office.SubmitFormAsync(Url(runningId), new Dictionary<string, string> { ["Input.Email"] = "gast-einlass@beispiel.de", ["Input.Name"] = "Gerda Gast", ["Input.Organisation"] = "" }, "#walk-in-form"))
        {
        }

        var guestMail = await factory.Mailbox.WaitForMailAsync("gast-einlass@beispiel.de");
        Assert.DoesNotContain("/einlass", guestMail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task People_without_a_confirmed_registration_get_no_pass()
    {
        var eventId = await factory.CreateEventAsync(startUtc: Now.AddDays(2));
        var member = await factory.CreatePersonAsync([Roles.MemberStaff]);
        var client = await factory.SignedInAsAsync(member);
        await client.GetDocumentAsync($"/meine-veranstaltungen/{eventId}/einlass", HttpStatusCode.NotFound);
        await RegisterAsync(eventId, RegistrationStatus.Waitlisted, personId: member.Id);
        var page = await client.GetDocumentAsync($"/meine-veranstaltungen/{eventId}/einlass");
        Assert.NotNull(page.QuerySelector("#no-pass"));
        Assert.Null(page.QuerySelector("#pass-qr"));
        Assert.Empty(await factory.EventQueryAsync(db => db.Set<CheckInPass>().Where(p => p.EventId == eventId).ToListAsync(Ct)));
    }

    [Fact]
    public async Task The_scan_page_checks_in_by_typed_short_code_or_scanned_address_and_refuses_other_events()
    {
        var (eventId, people) = await RunningEventAsync(2);
        var (otherEventId, others) = await RunningEventAsync(1);
        var pass = await PassAsync(people[0].Registration, eventId);
        var secondPass = await PassAsync(people[1].Registration, eventId);
        var foreign = await PassAsync(others[0].Registration, otherEventId);
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var scan = Url(eventId) + "/scannen";

        using (var typed = await office.SubmitFormAsync(scan, new Dictionary<string, string> { ["Code"] = " " + pass.ShortCode.ToLowerInvariant()[..4] + " " + pass.ShortCode.ToLowerInvariant()[4..] }))
        {
            Assert.Equal(HttpStatusCode.Redirect, typed.StatusCode);
        }

        Assert.Contains($"{people[0].Name} ist eingecheckt.", (await office.GetDocumentAsync(scan)).QuerySelector("#scan-message")!.TextContent, StringComparison.Ordinal);

        using (var scanned = await office.SubmitFormAsync(scan, new Dictionary<string, string> { ["Code"] = "http://localhost" + OfficeCheckInModel.Prefix + secondPass.Token }))
        {
            Assert.Equal(HttpStatusCode.Redirect, scanned.StatusCode);
        }

        Assert.Equal(2, (await AttendanceRowsAsync(eventId)).Count);

        using var wrong = await office.SubmitFormAsync(scan, new Dictionary<string, string> { ["Code"] = foreign.ShortCode });
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("keine Anmeldung", (await wrong.ParseAsync()).QuerySelector("#fehler")!.TextContent, StringComparison.Ordinal);
        using var foreignAddress = await office.SubmitFormAsync(scan, new Dictionary<string, string> { ["Code"] = "http://localhost" + OfficeCheckInModel.Prefix + foreign.Token });
        Assert.Contains("gehört zu einer anderen Veranstaltung", (await foreignAddress.ParseAsync()).QuerySelector("#fehler")!.TextContent, StringComparison.Ordinal);
        using var empty = await office.SubmitFormAsync(scan, new Dictionary<string, string> { ["Code"] = "" });
        Assert.Contains("Bitte geben Sie den Code", (await empty.ParseAsync()).QuerySelector("#fehler")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(await AttendanceRowsAsync(otherEventId));
    }

    [Fact]
    public async Task A_walk_in_guest_is_confirmed_beyond_the_capacity_with_a_warning_checked_in_and_audited()
    {
        var (eventId, _) = await RunningEventAsync(2, capacity: 2);
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        using (var added = await office.SubmitFormAsync(Url(eventId), new Dictionary<string, string>
        {
            ["Input.Email"] = "gaeste-walkin@beispiel.de", ["Input.Name"] = "Zoë Öztürk", ["Input.Organisation"] = "Quartiersbüro Nord",
        }, "#walk-in-form"))
        {
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        }

        var page = await office.GetDocumentAsync(Url(eventId));
        var message = page.QuerySelector("#attendance-message")!.TextContent;
        Assert.Contains("Zoë Öztürk ist nachgemeldet und eingecheckt.", message, StringComparison.Ordinal);
        Assert.Contains("mehr Personen angemeldet, als die Veranstaltung Plätze hat", message, StringComparison.Ordinal);
        Assert.Contains("1 von 3 anwesend", page.QuerySelector("#attendance-count")!.TextContent, StringComparison.Ordinal);
        var row = page.QuerySelectorAll("#attendance tbody tr").Single(r => r.TextContent.Contains("Zoë Öztürk", StringComparison.Ordinal));
        Assert.Contains("Nachmeldung", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Quartiersbüro Nord", row.TextContent, StringComparison.Ordinal);
        var ev = await factory.EventAsync(eventId);
        Assert.Equal(3, ev.ConfirmedCount);
        Assert.Contains(await factory.AuditEntriesAsync(eventId.ToString()), e => e.Action == "attendance.walk-in");

        // The same guest a second time is refused, not added twice.
        using (var again = await office.SubmitFormAsync(Url(eventId), new Dictionary<string, string>
        {
            ["Input.Email"] = "Gaeste-Walkin@Beispiel.de", ["Input.Name"] = "Zoë Öztürk", ["Input.Organisation"] = "",
        }, "#walk-in-form"))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            Assert.Contains("bereits ein Gast angemeldet", (await again.ParseAsync()).QuerySelector("#Input_Email-error")!.TextContent, StringComparison.Ordinal);
        }

        Assert.Single(await factory.RegistrationsAsync(eventId), r => r.GuestEmail == "gaeste-walkin@beispiel.de");

        // An account found by its address; nobody twice.
        var member = await factory.CreatePersonAsync([Roles.MemberStaff], displayName: "Mira Konto");
        using (await office.SubmitFormAsync(Url(eventId), new Dictionary<string, string> { ["Input.Email"] = member.Email.ToUpperInvariant(), ["Input.Name"] = "", ["Input.Organisation"] = "" }, "#walk-in-form"))
        {
        }

        Assert.Contains(await factory.RegistrationsAsync(eventId), r => r.PersonId == member.Id && r.Status == RegistrationStatus.Confirmed);
        using var twice = await office.SubmitFormAsync(Url(eventId), new Dictionary<string, string> { ["Input.Email"] = member.Email, ["Input.Name"] = "", ["Input.Organisation"] = "" }, "#walk-in-form");
        Assert.Equal(HttpStatusCode.OK, twice.StatusCode);
        Assert.Contains("bereits angemeldet und bestätigt", (await twice.ParseAsync()).QuerySelector("#fehler")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_walk_in_without_account_needs_a_name_and_a_valid_address()
    {
        var (eventId, _) = await RunningEventAsync(1);
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        using var noName = await office.SubmitFormAsync(Url(eventId), new Dictionary<string, string> { ["Input.Email"] = "niemand@beispiel.de", ["Input.Name"] = "", ["Input.Organisation"] = "" }, "#walk-in-form");
        Assert.Equal(HttpStatusCode.OK, noName.StatusCode);
        var page = await noName.ParseAsync();
        Assert.Contains("Bitte geben Sie den Namen der Person ein", page.QuerySelector("#Input_Name-error")!.TextContent, StringComparison.Ordinal);
        using var badAddress = await office.SubmitFormAsync(Url(eventId), new Dictionary<string, string> { ["Input.Email"] = "kein-at-zeichen", ["Input.Name"] = "Ida", ["Input.Organisation"] = "" }, "#walk-in-form");
        Assert.NotNull((await badAddress.ParseAsync()).QuerySelector("#Input_Email-error"));
        Assert.Single(await factory.RegistrationsAsync(eventId));
    }

    [Fact]
    public async Task The_signature_list_has_a_section_per_day_with_names_and_umlauts()
    {
        var start = Now.AddMinutes(-30);
        var eventId = await factory.CreateEventAsync(startUtc: start, title: "Studienfahrt Ruhrgebiet");
        await factory.EventQueryAsync(async db =>
        {
            var ev = await db.Set<Event>().SingleAsync(e => e.Id == eventId, Ct);
            ev.EndUtc = start.AddDays(1).AddHours(2);
            return await db.SaveChangesAsync(Ct);
        });
        var registration = await RegisterAsync(eventId, RegistrationStatus.Confirmed, "Björn Größler");
        var api = await OfficeApiAsync();
        using (await api.PostAsJsonAsync($"/api/v1/events/{eventId}/attendance/check-in", new { registrationId = registration }, Ct))
        {
        }

        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var link = (await office.GetDocumentAsync(Url(eventId))).QuerySelector("#attendance-pdf-link")!.GetAttribute("href")!;
        var text = await PdfTextAsync(office, link);
        // Two or three Berlin days, depending on the hour the (moved) test clock stands at: a section each.
        var days = EventProgramme.DaysOf(start, start.AddDays(1).AddHours(2));
        Assert.InRange(days.Count, 2, 3);
        Assert.Equal(days.Count, CountOf(text, "Björn Größler"));
        Assert.Contains("Unterschrift", text, StringComparison.Ordinal);
        Assert.All(days, d => Assert.Contains(EventProgramme.Format(d), text, StringComparison.Ordinal));
        Assert.Contains(await factory.AuditEntriesAsync(eventId.ToString()), e => e.Action == "attendance.list.exported");
    }

    [Fact]
    public async Task The_api_lists_the_day_with_counts_and_net_minutes_and_names_bad_parameters()
    {
        var (eventId, people) = await RunningEventAsync(2);
        var api = await OfficeApiAsync();
        using (await api.PostAsJsonAsync($"/api/v1/events/{eventId}/attendance/check-in", new { registrationId = people[0].Registration }, Ct))
        {
        }

        factory.Clock.Advance(TimeSpan.FromMinutes(45));
        using (await api.PostAsJsonAsync($"/api/v1/events/{eventId}/attendance/check-out", new { registrationId = people[0].Registration }, Ct))
        {
        }

        var list = await api.GetFromJsonAsync<JsonElement>($"/api/v1/events/{eventId}/attendance", Ct);
        Assert.Equal(2, list.GetProperty("confirmed").GetInt32());
        Assert.Equal(1, list.GetProperty("checkedIn").GetInt32());
        var first = list.GetProperty("participants").GetProperty("items").EnumerateArray().Single(i => i.GetProperty("registrationId").GetGuid() == people[0].Registration);
        Assert.Equal(45, first.GetProperty("netMinutes").GetInt32());

        using var badDay = await api.GetAsync(new Uri($"/api/v1/events/{eventId}/attendance?day=2001-01-01", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, badDay.StatusCode);
        Assert.True((await badDay.JsonAsync()).GetProperty("errors").TryGetProperty("day", out _));
        using var badSize = await api.GetAsync(new Uri($"/api/v1/events/{eventId}/attendance?pageSize=1000", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, badSize.StatusCode);
        using var missing = await api.GetAsync(new Uri($"/api/v1/events/{Guid.NewGuid()}/attendance", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        // Members get nothing.
        var member = await factory.CreatePersonAsync([Roles.MemberStaff]);
        var memberApi = factory.CreateBearerClient(await factory.AccessTokenAsync(member));
        using var forbidden = await memberApi.GetAsync(new Uri($"/api/v1/events/{eventId}/attendance", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    [Fact]
    public async Task Attendance_is_in_the_personal_data_export_and_goes_with_the_account()
    {
        var eventId = await factory.CreateEventAsync(startUtc: Now.AddMinutes(-10), title: "Netzwerktreffen Datenschutz");
        var member = await factory.CreatePersonAsync([Roles.MemberStaff]);
        var registration = await RegisterAsync(eventId, RegistrationStatus.Confirmed, personId: member.Id);
        await PassAsync(registration, eventId);
        var api = await OfficeApiAsync();
        using (await api.PostAsJsonAsync($"/api/v1/events/{eventId}/attendance/check-in", new { registrationId = registration }, Ct))
        {
        }

        await using (var scope = factory.CreateScope())
        {
            var contributor = scope.ServiceProvider.GetServices<IPersonalDataContributor>().OfType<AttendancePersonalData>().Single();
            var export = JsonSerializer.Serialize(await contributor.ExportAsync(member.Id, Ct));
            Assert.Contains("Netzwerktreffen Datenschutz", export, StringComparison.Ordinal);
            await contributor.EraseAsync(member.Id, Ct);
            await scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>().SaveChangesAsync(Ct);
        }

        Assert.Empty(await AttendanceRowsAsync(eventId));
        Assert.Empty(await factory.EventQueryAsync(db => db.Set<CheckInPass>().Where(p => p.EventId == eventId).ToListAsync(Ct)));
    }

    private DateTime Now => factory.Clock.GetUtcNow().UtcDateTime;

    private static string Url(Guid eventId) => $"/geschaeftsstelle/veranstaltungen/{eventId}/anwesenheit";

    /// <summary>An event that began a few minutes ago (today in Berlin) with <paramref name="count"/> confirmed people.</summary>
    private async Task<(Guid EventId, List<(Guid Registration, string Name)> People)> RunningEventAsync(int count, int? capacity = 10, TimeSpan? startsIn = null)
    {
        var eventId = await factory.CreateEventAsync(capacity: capacity, startUtc: Now + (startsIn ?? TimeSpan.FromMinutes(-5)));
        var people = new List<(Guid, string)>();
        for (var i = 0; i < count; i++)
        {
            var name = $"Person {Guid.NewGuid().ToString("N")[..6]} Müller";
            people.Add((await RegisterAsync(eventId, RegistrationStatus.Confirmed, name), name));
        }

        return (eventId, people);
    }

    /// <summary>Stores a registration directly (arranging): an account with <paramref name="name"/>, or the given person.</summary>
    private async Task<Guid> RegisterAsync(Guid eventId, RegistrationStatus status, string? name = null, Guid? personId = null)
    {
        if (personId is null)
        {
            var id = (await factory.CreateAccountsAsync(1))[0];
            await factory.EventQueryAsync(async db =>
            {
                (await db.Users.SingleAsync(u => u.Id == id, Ct)).DisplayName = name ?? "Teilnehmende";
                return await db.SaveChangesAsync(Ct);
            });
            personId = id;
        }

        return await factory.EventQueryAsync(async db =>
        {
            var ev = await db.Set<Event>().SingleAsync(e => e.Id == eventId, Ct);
            var registration = new EventRegistration
            {
                EventId = eventId, PersonId = personId, RegisteredAtUtc = Now.AddDays(-1), Status = status,
                WaitlistNumber = status == RegistrationStatus.Waitlisted ? ++ev.LastWaitlistNumber : null,
            };
            db.Add(registration);
            if (status == RegistrationStatus.Confirmed)
            {
                ev.ConfirmedCount++;
            }

            await db.SaveChangesAsync(Ct);
            return registration.Id;
        });
    }

    private Task<CheckInPass> PassAsync(Guid registrationId, Guid eventId) =>
        factory.EventQueryAsync(db => CheckIn.PassAsync(db, factory.Clock, registrationId, eventId, Ct));

    private Task<List<AttendanceDay>> AttendanceRowsAsync(Guid eventId) =>
        factory.EventQueryAsync(db => db.Set<AttendanceDay>().AsNoTracking().Where(a => a.EventId == eventId).ToListAsync(Ct));

    private static async Task<JsonElement> ProblemAsync(HttpClient api, Guid eventId, string action, object body, HttpStatusCode expected)
    {
        using var response = await api.PostAsJsonAsync($"/api/v1/events/{eventId}/attendance/{action}", body, Ct);
        var json = await response.JsonAsync();
        Assert.True(response.StatusCode == expected, $"{action}: expected {expected}, got {response.StatusCode}: {json}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return json;
    }

    /// <summary>Posts a row's button as the page would, with the page's antiforgery token (for rows the list does not show).</summary>
    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string pageUrl, string handler, Guid registrationId)
    {
        var page = await client.GetDocumentAsync(pageUrl);
        var token = page.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["registrationId"] = registrationId.ToString() });
        return await client.PostAsync(new Uri(pageUrl + "?handler=" + handler, UriKind.Relative), content, Ct);
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;

    private static async Task<string> PdfTextAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(file, await response.Content.ReadAsByteArrayAsync(Ct), Ct);
            using var process = Process.Start(new ProcessStartInfo("pdftotext", ["-enc", "UTF-8", file, "-"]) { RedirectStandardOutput = true })!;
            var text = await process.StandardOutput.ReadToEndAsync(Ct);
            await process.WaitForExitAsync(Ct);
            Assert.Equal(0, process.ExitCode);
            return text;
        }
        finally
        {
            File.Delete(file);
        }
    }

    private async Task<HttpClient> OfficeApiAsync() =>
        factory.CreateBearerClient(await factory.AccessTokenAsync(await factory.CreatePersonAsync([Roles.Office], twoFactor: true)));
}
