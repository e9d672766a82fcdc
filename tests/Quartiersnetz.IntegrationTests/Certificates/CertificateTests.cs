using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Attendance;
using Quartiersnetz.Features.Certificates;
using Quartiersnetz.Features.Events;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.IntegrationTests.ApiAccess;
using Quartiersnetz.IntegrationTests.Events;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Privacy;
using Quartiersnetz.Platform.Time;

namespace Quartiersnetz.IntegrationTests.Certificates;

/// <summary>
/// Continuing education: the chamber's recognition, points overrides, bulk certificates issued in the background and
/// mailed as PDF, public verification, re-issue after a correction, the points account and the office's totals.
/// </summary>
public sealed class CertificateTests(QuartiersnetzFactory factory) : IClassFixture<QuartiersnetzFactory>
{
    private const string Reference = "AKNW-2026-0815";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Recognition_needs_a_reference_and_a_day_not_in_the_future_and_bad_input_stores_nothing()
    {
        var (eventId, _) = await EndedEventAsync();
        var api = await OfficeApiAsync();
        var url = $"/api/v1/events/{eventId}/continuing-education";

        var missing = await ProblemAsync(await api.PutAsJsonAsync(url, new { recognition = "Anerkannt", format = "Praesenz" }, Ct), HttpStatusCode.BadRequest);
        Assert.Contains("Anerkennungsnummer", missing.GetProperty("errors").GetProperty("chamberReference")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("an welchem Tag", missing.GetProperty("errors").GetProperty("recognisedOn")[0].GetString(), StringComparison.Ordinal);

        var tomorrow = BerlinTime.Today(TimeProvider.System).AddDays(1);
        var future = await ProblemAsync(await api.PutAsJsonAsync(url, new { recognition = "Anerkannt", chamberReference = Reference, recognisedOn = tomorrow }, Ct), HttpStatusCode.BadRequest);
        Assert.Contains("Zukunft", future.GetProperty("errors").GetProperty("recognisedOn")[0].GetString(), StringComparison.Ordinal);

        var unknown = await ProblemAsync(await api.PutAsJsonAsync(url, new { recognition = "vielleicht" }, Ct), HttpStatusCode.BadRequest);
        Assert.True(unknown.GetProperty("errors").TryGetProperty("recognition", out _));
        var numeric = await ProblemAsync(await api.PutAsJsonAsync(url, new { recognition = "2" }, Ct), HttpStatusCode.BadRequest);
        Assert.True(numeric.GetProperty("errors").TryGetProperty("recognition", out _));
        Assert.False(await QueryAsync(db => db.Set<EventCredit>().AnyAsync(c => c.EventId == eventId, Ct)));

        // The page says the same in German.
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var page = OfficeCreditModel.PathOf(eventId);
        using (var response = await office.SubmitFormAsync(page, new Dictionary<string, string> { ["Input.Recognition"] = "Anerkannt", ["Input.ChamberReference"] = "", ["Input.RecognisedOn"] = "" }, "#credit-form"))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var document = await response.ParseAsync();
            Assert.Contains("Bitte geben Sie die Anerkennungsnummer der Architektenkammer an.", document.QuerySelector("#fehler")!.TextContent, StringComparison.Ordinal);
        }

        Assert.False(await QueryAsync(db => db.Set<EventCredit>().AnyAsync(c => c.EventId == eventId, Ct)));

        using (var saved = await api.PutAsJsonAsync(url, new { recognition = "Anerkannt", chamberReference = Reference, recognisedOn = new DateOnly(2026, 1, 5), format = "Online", fuwoTopic = "Städtebau" }, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        }

        var credit = (await (await api.GetAsync(url, Ct)).JsonAsync()).GetProperty("credit");
        Assert.Equal("Anerkannt", credit.GetProperty("recognition").GetString());
        Assert.Equal(Reference, credit.GetProperty("chamberReference").GetString());
        Assert.Equal("2026-01-05", credit.GetProperty("recognisedOn").GetString());
        Assert.Equal("Online", credit.GetProperty("format").GetString());
        Assert.True(await QueryAsync(db => db.Set<AuditEntry>().AnyAsync(a => a.Action == "certificates.credit.changed" && a.SubjectId == eventId.ToString(), Ct)));
    }

    [Fact]
    public async Task A_points_override_needs_a_valid_number_and_a_reason_and_is_audited()
    {
        var (eventId, start) = await EndedEventAsync();
        var (otherEventId, otherStart) = await EndedEventAsync();
        var person = await AttendeeAsync(eventId, start, "Petra Überhof", 90);
        var stranger = await AttendeeAsync(otherEventId, otherStart, "Fremde Person", 90);
        var api = await OfficeApiAsync();
        string Url(Guid registration) => $"/api/v1/events/{eventId}/continuing-education/overrides/{registration}";

        var noReason = await ProblemAsync(await api.PutAsJsonAsync(Url(person.Registration), new { points = "4,5" }, Ct), HttpStatusCode.BadRequest);
        Assert.Contains("begründen", noReason.GetProperty("errors").GetProperty("reason")[0].GetString(), StringComparison.Ordinal);
        var notQuarter = await ProblemAsync(await api.PutAsJsonAsync(Url(person.Registration), new { points = "4,3", reason = "Korrektur" }, Ct), HttpStatusCode.BadRequest);
        Assert.Contains("Viertelschritten", notQuarter.GetProperty("errors").GetProperty("points")[0].GetString(), StringComparison.Ordinal);
        await ProblemAsync(await api.PutAsJsonAsync(Url(person.Registration), new { points = "-1", reason = "Korrektur" }, Ct), HttpStatusCode.BadRequest);
        await ProblemAsync(await api.PutAsJsonAsync(Url(person.Registration), new { points = "viel", reason = "Korrektur" }, Ct), HttpStatusCode.BadRequest);
        var elsewhere = await ProblemAsync(await api.PutAsJsonAsync(Url(stranger.Registration), new { points = "2", reason = "Korrektur" }, Ct), HttpStatusCode.BadRequest);
        Assert.Contains("nicht bestätigt angemeldet", elsewhere.GetProperty("errors").GetProperty("registrationId")[0].GetString(), StringComparison.Ordinal);
        Assert.False(await QueryAsync(db => db.Set<PointsOverride>().AnyAsync(o => o.EventId == eventId || o.EventId == otherEventId, Ct)));

        // The page refuses an override without a reason with the same words.
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        using (var response = await office.SubmitFormAsync(OfficeCreditModel.PathOf(eventId),
            new Dictionary<string, string> { ["Override.RegistrationId"] = person.Registration.ToString(), ["Override.Points"] = "3", ["Override.Reason"] = " " }, "#override-form"))
        {
            Assert.Contains("Bitte begründen Sie", (await response.ParseAsync()).QuerySelector("#fehler")!.TextContent, StringComparison.Ordinal);
        }

        using (var ok = await api.PutAsJsonAsync(Url(person.Registration), new { points = "4,5", reason = "Vormittag nachweislich anwesend, Einlass verpasst" }, Ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, ok.StatusCode);
        }

        var row = await ParticipantAsync(api, eventId, person.Registration);
        Assert.Equal(4.5m, row.GetProperty("points").GetDecimal());
        Assert.True(row.GetProperty("overridden").GetBoolean());
        var entry = await QueryAsync(db => db.Set<AuditEntry>().SingleAsync(a => a.Action == "certificates.points.overridden" && a.SubjectId == person.Registration.ToString(), Ct));
        Assert.NotNull(entry);

        // Without points the override goes, and the computed points (90 min → 2) count again.
        using (await api.PutAsJsonAsync(Url(person.Registration), new { points = "" }, Ct))
        {
        }

        Assert.False((await ParticipantAsync(api, eventId, person.Registration)).GetProperty("overridden").GetBoolean());
        Assert.True(await QueryAsync(db => db.Set<AuditEntry>().AnyAsync(a => a.Action == "certificates.points.override-removed" && a.SubjectId == person.Registration.ToString(), Ct)));
    }

    [Fact]
    public async Task Points_need_a_recognition_granted_before_the_event_unless_the_office_overrides()
    {
        var (eventId, start) = await EndedEventAsync();
        var person = await AttendeeAsync(eventId, start, "Karl Spät", 180);
        var api = await OfficeApiAsync();
        var eventDay = DateOnly.FromDateTime(BerlinTime.ToBerlin(start));

        await SetCreditAsync(api, eventId, "Beantragt", null, null);
        Assert.Equal(0m, (await ParticipantAsync(api, eventId, person.Registration)).GetProperty("points").GetDecimal());

        // Granted the day after the event: too late.
        await SetCreditAsync(api, eventId, "Anerkannt", Reference, eventDay.AddDays(1));
        Assert.Equal(0m, (await ParticipantAsync(api, eventId, person.Registration)).GetProperty("points").GetDecimal());

        // Granted on the first day: 180 minutes are 4 points.
        await SetCreditAsync(api, eventId, "Anerkannt", Reference, eventDay);
        Assert.Equal(4m, (await ParticipantAsync(api, eventId, person.Registration)).GetProperty("points").GetDecimal());

        await SetCreditAsync(api, eventId, "Abgelehnt", Reference, null);
        Assert.Equal(0m, (await ParticipantAsync(api, eventId, person.Registration)).GetProperty("points").GetDecimal());
        using (await api.PutAsJsonAsync($"/api/v1/events/{eventId}/continuing-education/overrides/{person.Registration}", new { points = "4", reason = "Kammer hat nachträglich anerkannt" }, Ct))
        {
        }

        Assert.Equal(4m, (await ParticipantAsync(api, eventId, person.Registration)).GetProperty("points").GetDecimal());
    }

    [Fact]
    public async Task Certificates_are_refused_before_the_end_and_for_cancelled_events()
    {
        var api = await OfficeApiAsync();
        var future = await factory.CreateEventAsync(startUtc: DateTime.UtcNow.AddDays(3));
        var early = await ProblemAsync(await api.PostAsJsonAsync($"/api/v1/events/{future}/certificates/runs", new { }, Ct), HttpStatusCode.Conflict);
        Assert.Contains("erst nach dem Ende", early.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var (cancelled, _) = await EndedEventAsync();
        await factory.EventQueryAsync(async db =>
        {
            (await db.Set<Event>().SingleAsync(e => e.Id == cancelled, Ct)).Status = EventStatus.Cancelled;
            return await db.SaveChangesAsync(Ct);
        });
        var refused = await ProblemAsync(await api.PostAsJsonAsync($"/api/v1/events/{cancelled}/certificates/runs", new { }, Ct), HttpStatusCode.Conflict);
        Assert.Contains("abgesagte", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await ProblemAsync(await api.PostAsJsonAsync($"/api/v1/events/{Guid.NewGuid()}/certificates/runs", new { }, Ct), HttpStatusCode.NotFound);
        Assert.False(await QueryAsync(db => db.Set<CertificateRun>().AnyAsync(r => r.EventId == future || r.EventId == cancelled, Ct)));

        // The page offers no button before the end.
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var page = await office.GetDocumentAsync(OfficeCreditModel.PathOf(future));
        Assert.Null(page.QuerySelector("#issue-submit"));
        Assert.NotNull(page.QuerySelector("#issue-not-yet"));
    }

    [Fact]
    public async Task The_bulk_issue_mails_each_attendee_a_pdf_with_every_field_that_its_address_verifies()
    {
        var (eventId, start) = await EndedEventAsync("Fachtag Grünflächen und Begegnung");
        var api = await OfficeApiAsync();
        await SetCreditAsync(api, eventId, "Anerkannt", Reference, DateOnly.FromDateTime(BerlinTime.ToBerlin(start)).AddDays(-10), fuwoTopic: "Städtebau und Quartiersentwicklung");
        var topic = await factory.EventQueryAsync(async db =>
        {
            var t = await db.Set<Topic>().Where(t => t.Status == TopicStatus.Active).OrderBy(t => t.Slug).Select(t => new { t.Slug, t.Name }).FirstAsync(Ct);
            Assert.True((await AssignTopics.HandleAsync(db, TopicKinds.Event, SaveEvent.TopicKey(eventId), [t.Slug], Ct)).Succeeded);
            await db.SaveChangesAsync(Ct);
            return t.Name;
        });
        var juergen = await AttendeeAsync(eventId, start, "Jürgen Weißmüller", 180);
        var oezlem = await AttendeeAsync(eventId, start, "Özlem Çelik", 100);
        var absent = await AttendeeAsync(eventId, start, "Bernd Fehlt", null);

        // Issued through the page's button, in the background.
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        using (var response = await office.PressButtonAsync(OfficeCreditModel.PathOf(eventId), "#issue-submit"))
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        var run = await WaitForRunsAsync(eventId, 1);
        Assert.Equal(2, run.Issued);
        Assert.Equal(0, run.Replaced);

        var mail = await factory.Mailbox.WaitForMailAsync(juergen.Email, m => m.Subject.StartsWith("Teilnahmebescheinigung", StringComparison.Ordinal));
        Assert.Equal("Teilnahmebescheinigung: Fachtag Grünflächen und Begegnung", mail.Subject);
        Assert.Contains("Fortbildungspunkte: 4", mail.TextBody, StringComparison.Ordinal);
        var text = await PdfTextAsync(await AttachmentOfAsync(juergen.Email));
        foreach (var expected in new[]
        {
            "AG Soziale Stadt NRW", "Teilnahmebescheinigung", "Jürgen Weißmüller", "Fachtag Grünflächen und Begegnung", "Rathaus", "Präsenz",
            "Städtebau und Quartiersentwicklung", "3 Std. 0 Min.", "Fortbildungspunkte", Reference, "Architektenkammer NRW", "Echtheit prüfen", "/b/",
            "Bescheinigungsnummer", "Ausgestellt am", topic,
        })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }

        Assert.Contains("2 (1 Punkt je 45 Minuten)", await PdfTextAsync(await AttachmentOfAsync(oezlem.Email)), StringComparison.Ordinal);
        Assert.DoesNotContain((await factory.Mailbox.MailsToAsync(absent.Email)), m => m.Subject.StartsWith("Teilnahmebescheinigung", StringComparison.Ordinal));

        // The address in the mail (and on the paper) confirms it, anonymously.
        var anonymous = factory.CreateClient();
        var verifyPath = mail.LinkPath("/b/");
        var verified = await anonymous.GetDocumentAsync(verifyPath);
        Assert.Contains("echt und gültig", verified.QuerySelector("#verify-result")!.TextContent, StringComparison.Ordinal);
        var details = verified.QuerySelector("#verify-details")!.TextContent;
        Assert.Contains("Jürgen Weißmüller", details, StringComparison.Ordinal);
        Assert.Contains(Reference, details, StringComparison.Ordinal);
        Assert.DoesNotContain(juergen.Email, verified.Body!.InnerHtml, StringComparison.Ordinal);
        Assert.Equal("noindex", verified.QuerySelector("meta[name=robots]")!.GetAttribute("content"));

        var code = verifyPath[(verifyPath.LastIndexOf('/') + 1)..];
        var json = await (await anonymous.GetAsync($"/api/v1/certificates/{code}", Ct)).JsonAsync();
        Assert.True(json.GetProperty("valid").GetBoolean());
        Assert.Equal(4m, json.GetProperty("points").GetDecimal());

        // A forged or altered code: a 404 that says so, in the page and the API.
        var altered = Certificate.Display(Flip(Certificate.NormaliseCode(code)!));
        var refused = await anonymous.GetDocumentAsync($"/b/{altered}", HttpStatusCode.NotFound);
        Assert.Contains("keine Bescheinigung", refused.QuerySelector("#verify-result")!.TextContent, StringComparison.Ordinal);
        await anonymous.GetDocumentAsync("/bescheinigungen/pruefen/%3Cscript%3E", HttpStatusCode.NotFound);
        using (var forged = await anonymous.GetAsync($"/api/v1/certificates/{altered}", Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
            Assert.Equal("application/problem+json", forged.Content.Headers.ContentType?.MediaType);
        }

        // The office page lists the certificate numbers.
        var page = await office.GetDocumentAsync(OfficeCreditModel.PathOf(eventId));
        Assert.Contains(Certificate.Display(Certificate.NormaliseCode(code)!), page.QuerySelector($"tr[data-registration-id='{juergen.Registration}'] .credit-certificate")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("nicht anwesend", page.QuerySelector($"tr[data-registration-id='{absent.Registration}'] .credit-certificate")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_correction_reissues_only_the_changed_certificate_and_the_old_one_verifies_as_replaced()
    {
        var (eventId, start) = await EndedEventAsync();
        var api = await OfficeApiAsync();
        await SetCreditAsync(api, eventId, "Anerkannt", Reference, DateOnly.FromDateTime(BerlinTime.ToBerlin(start)));
        var first = await AttendeeAsync(eventId, start, "Anna Unverändert", 180);
        var corrected = await AttendeeAsync(eventId, start, "Bodo Berichtigt", 45);
        using (await api.PostAsJsonAsync($"/api/v1/events/{eventId}/certificates/runs", new { sendMail = true }, Ct))
        {
        }

        await WaitForRunsAsync(eventId, 1);
        var old = await QueryAsync(db => db.Set<Certificate>().AsNoTracking().SingleAsync(c => c.RegistrationId == corrected.Registration, Ct));
        Assert.Equal(1m, old.Points);

        using (await api.PutAsJsonAsync($"/api/v1/events/{eventId}/continuing-education/overrides/{corrected.Registration}", new { points = "3", reason = "Einlass verspätet erfasst" }, Ct))
        {
        }

        using (var again = await api.PostAsJsonAsync($"/api/v1/events/{eventId}/certificates/runs", new { sendMail = true }, Ct))
        {
            Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        }

        var run = await WaitForRunsAsync(eventId, 2);
        Assert.Equal(1, run.Issued);
        Assert.Equal(1, run.Replaced);
        Assert.Equal(1, run.Unchanged);
        var certificates = await QueryAsync(db => db.Set<Certificate>().AsNoTracking().Where(c => c.EventId == eventId).ToListAsync(Ct));
        Assert.Equal(3, certificates.Count);
        var current = certificates.Single(c => c.RegistrationId == corrected.Registration && c.ReplacedById == null);
        Assert.Equal(3m, current.Points);
        Assert.True(current.PointsOverridden);
        Assert.Equal(current.Id, certificates.Single(c => c.Id == old.Id).ReplacedById);

        var mail = await factory.Mailbox.WaitForMailAsync(corrected.Email, m => m.TextBody.Contains("ersetzt", StringComparison.Ordinal));
        Assert.Contains(Certificate.Display(old.Code), mail.TextBody, StringComparison.Ordinal);
        Assert.Single(await factory.Mailbox.MailsToAsync(first.Email), m => m.Subject.StartsWith("Teilnahmebescheinigung", StringComparison.Ordinal));

        var anonymous = factory.CreateClient();
        var page = await anonymous.GetDocumentAsync(VerifyModel.Path + "/" + old.Code);
        Assert.Contains("ersetzt", page.QuerySelector("#verify-result")!.TextContent, StringComparison.Ordinal);
        Assert.False((await (await anonymous.GetAsync($"/api/v1/certificates/{old.Code}", Ct)).JsonAsync()).GetProperty("valid").GetBoolean());

        // The holder still gets the old PDF, marked as no longer valid; the new one carries the office's reason.
        var holder = await factory.SignedInAsAsync(corrected.Person);
        Assert.Contains("gilt nicht mehr", await DownloadTextAsync(holder, CertificateLinks.Download(old.Id)), StringComparison.Ordinal);
        Assert.Contains("Einlass verspätet erfasst", await DownloadTextAsync(holder, CertificateLinks.Download(current.Id)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_attendance_correction_needs_valid_times_and_a_reason_is_audited_and_changes_the_next_certificate()
    {
        var (eventId, start) = await EndedEventAsync();
        var api = await OfficeApiAsync();
        await SetCreditAsync(api, eventId, "Anerkannt", Reference, DateOnly.FromDateTime(BerlinTime.ToBerlin(start)));
        var late = await AttendeeAsync(eventId, start, "Lotte Nachtrag", 45);
        var forgotten = await AttendeeAsync(eventId, start, "Fritz Vergessen", null);
        var day = DateOnly.FromDateTime(BerlinTime.ToBerlin(start));
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var url = OfficeCorrectionModel.PathOf(eventId, late.Registration, day);

        // The attendance list links to the correction.
        var list = await office.GetDocumentAsync(OfficeAttendanceModel.PathOf(eventId) + "?tag=" + day.ToString("yyyy-MM-dd", BerlinTime.Culture));
        Assert.Equal(url, list.QuerySelector($"tr[data-registration-id='{late.Registration}'] a.correction-link")!.GetAttribute("href"));
        Assert.Equal("10:00", (await office.GetDocumentAsync(url)).QuerySelector("#Input_CheckedIn")!.GetAttribute("value"));

        foreach (var (fields, message) in new[]
        {
            (new Dictionary<string, string> { ["Input.CheckedIn"] = "10:00", ["Input.CheckedOut"] = "13:00", ["Input.Reason"] = "" }, "Bitte begründen Sie die Korrektur."),
            (new Dictionary<string, string> { ["Input.CheckedIn"] = "25:99", ["Input.CheckedOut"] = "", ["Input.Reason"] = "Liste" }, "z. B. 09:30"),
            (new Dictionary<string, string> { ["Input.CheckedIn"] = "12:00", ["Input.CheckedOut"] = "11:00", ["Input.Reason"] = "Liste" }, "nach der Kommen-Zeit"),
            (new Dictionary<string, string> { ["Input.CheckedIn"] = "", ["Input.CheckedOut"] = "11:00", ["Input.Reason"] = "Liste" }, "Ohne Kommen-Zeit"),
        })
        {
            using var refused = await office.SubmitFormAsync(url, fields, "#correction-form");
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains(message, (await refused.ParseAsync()).QuerySelector("#fehler")!.TextContent, StringComparison.Ordinal);
        }

        var unchanged = await QueryAsync(db => db.Set<AttendanceDay>().AsNoTracking().SingleAsync(a => a.RegistrationId == late.Registration, Ct));
        Assert.Equal(start.AddMinutes(45), unchanged.CheckedOutAtUtc);

        using (var saved = await office.SubmitFormAsync(url, new Dictionary<string, string>
            { ["Input.CheckedIn"] = "10:00", ["Input.CheckedOut"] = "13:00", ["Input.Reason"] = "Auschecken am Ausgang vergessen" }, "#correction-form"))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        using (var added = await office.SubmitFormAsync(OfficeCorrectionModel.PathOf(eventId, forgotten.Registration, day), new Dictionary<string, string>
            { ["Input.CheckedIn"] = "10:30", ["Input.CheckedOut"] = "", ["Input.Reason"] = "Stand auf der Papierliste" }, "#correction-form"))
        {
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        }

        Assert.Equal(4m, (await ParticipantAsync(api, eventId, late.Registration)).GetProperty("points").GetDecimal());
        // 10:30 to the end at 13:00 without a check-out: 150 minutes, 3,25 points.
        var forgottenRow = await ParticipantAsync(api, eventId, forgotten.Registration);
        Assert.Equal(150, forgottenRow.GetProperty("attendedMinutes").GetInt32());
        Assert.Equal(3.25m, forgottenRow.GetProperty("points").GetDecimal());
        var entry = await QueryAsync(db => db.Set<AuditEntry>().SingleAsync(a => a.Action == "attendance.corrected" && a.SubjectId == late.Registration.ToString(), Ct));
        Assert.NotNull(entry);

        // Another event's registration, a day outside the event or a made-up id: not found.
        var (otherEventId, _) = await EndedEventAsync();
        await office.GetDocumentAsync(OfficeCorrectionModel.PathOf(otherEventId, late.Registration, day), HttpStatusCode.NotFound);
        await office.GetDocumentAsync(OfficeCorrectionModel.PathOf(eventId, late.Registration, day.AddDays(5)), HttpStatusCode.NotFound);
        await office.GetDocumentAsync(OfficeCorrectionModel.PathOf(eventId, Guid.NewGuid(), day), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_points_account_sums_valid_certificates_per_year_and_only_the_holder_and_the_office_download_them()
    {
        var (eventId, _) = await EndedEventAsync();
        var person = await factory.CreatePersonAsync([Roles.MemberStaff], displayName: "Greta Jahreskonto");
        var year = BerlinTime.Today(TimeProvider.System).Year;
        var replacement = Guid.NewGuid();
        var certificates = new[]
        {
            Arranged(eventId, person.Id, "Werkstatt Leerstand", new DateOnly(year, 3, 4), 4m),
            Arranged(eventId, person.Id, "Fachgespräch Verfügungsfonds", new DateOnly(year, 5, 6), 2.5m),
            Arranged(eventId, person.Id, "Ersetzte Fassung", new DateOnly(year, 5, 6), 3m, replacedBy: replacement),
            Arranged(eventId, person.Id, "Vorjahrestagung", new DateOnly(year - 1, 9, 1), 5m),
        };
        await factory.EventQueryAsync(async db =>
        {
            db.AddRange(certificates);
            return await db.SaveChangesAsync(Ct);
        });

        var client = await factory.SignedInAsAsync(person);
        var page = await client.GetDocumentAsync(CertificateLinks.MyPoints);
        var thisYear = page.QuerySelector($"#points-years tr[data-year='{year}']")!;
        Assert.Equal("6,5", thisYear.QuerySelector(".points-sum")!.TextContent.Trim());
        Assert.Equal("9,5", thisYear.QuerySelector(".points-missing")!.TextContent.Trim());
        Assert.Equal("5", page.QuerySelector($"#points-years tr[data-year='{year - 1}'] .points-sum")!.TextContent.Trim());
        Assert.Equal(2, page.QuerySelectorAll("#certificates li").Length);
        Assert.DoesNotContain("Ersetzte Fassung", page.QuerySelector("#certificates")!.TextContent, StringComparison.Ordinal);

        var overview = await DownloadTextAsync(client, MyPointsModel.OverviewPath(year));
        Assert.Contains("Greta Jahreskonto", overview, StringComparison.Ordinal);
        Assert.Contains("Fachgespräch Verfügungsfonds", overview, StringComparison.Ordinal);
        Assert.Contains("6,5", overview, StringComparison.Ordinal);
        Assert.DoesNotContain("Vorjahrestagung", overview, StringComparison.Ordinal);

        var json = await (await client.GetAsync("/api/v1/me/certificates", Ct)).JsonAsync();
        Assert.Equal(2, json.GetProperty("certificates").GetArrayLength());
        Assert.Equal(6.5m, json.GetProperty("years").EnumerateArray().Single(y => y.GetProperty("year").GetInt32() == year).GetProperty("points").GetDecimal());
        using (var badYear = await client.GetAsync("/api/v1/me/certificates?year=99", Ct))
        {
            Assert.Equal(HttpStatusCode.BadRequest, badYear.StatusCode);
        }

        // Someone else's certificate is not there for another member; the office gets it.
        var other = await factory.SignedInAsAsync(await factory.CreatePersonAsync([Roles.MemberStaff]));
        using (var refused = await other.GetAsync(CertificateLinks.Download(certificates[0].Id), Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        }

        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        Assert.Contains("Werkstatt Leerstand", await DownloadTextAsync(office, CertificateLinks.Download(certificates[0].Id)), StringComparison.Ordinal);
        var totals = await office.GetDocumentAsync(OfficePointsModel.Path + "?jahr=" + year);
        var row = totals.QuerySelector($"#points-events tr[data-event-id='{eventId}']")!;
        Assert.Equal("2", row.QuerySelector(".event-certificates")!.TextContent.Trim());
        Assert.Equal("6,5", row.QuerySelector(".event-points")!.TextContent.Trim());

        // Personal data: exported, and erased with the account.
        await using var scope = factory.CreateScope();
        var contributor = scope.ServiceProvider.GetServices<IPersonalDataContributor>().OfType<CertificatePersonalData>().Single();
        Assert.NotNull(await contributor.ExportAsync(person.Id, Ct));
        await contributor.EraseAsync(person.Id, Ct);
        await scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>().SaveChangesAsync(Ct);
        Assert.False(await QueryAsync(db => db.Set<Certificate>().AnyAsync(c => c.PersonId == person.Id, Ct)));
    }

    private static Certificate Arranged(Guid eventId, Guid personId, string title, DateOnly day, decimal points, Guid? replacedBy = null) => new()
    {
        EventId = eventId, RegistrationId = Guid.NewGuid(), PersonId = personId, Code = Certificate.NewCode(), ParticipantName = "Greta Jahreskonto",
        EventTitle = title, Dates = day.ToString("dd.MM.yyyy", BerlinTime.Culture), Place = "Rathaus", EventDay = day, AttendedMinutes = (int)(points * 45), Points = points,
        Recognition = RecognitionStatus.Anerkannt, ChamberReference = Reference, RecognisedOn = day, IssuedAtUtc = DateTime.UtcNow,
        ReplacedById = replacedBy, ReplacedAtUtc = replacedBy is null ? null : DateTime.UtcNow,
    };

    /// <summary>An event two days ago, 10:00 to 13:00 Berlin time, without agenda (so no breaks).</summary>
    private async Task<(Guid EventId, DateTime StartUtc)> EndedEventAsync(string title = "Netzwerktreffen Fortbildung")
    {
        var day = BerlinTime.Today(TimeProvider.System).AddDays(-2);
        var start = BerlinTime.ToUtc(day.ToDateTime(new TimeOnly(10, 0)))!.Value;
        return (await factory.CreateEventAsync(startUtc: start, title: title), start);
    }

    /// <summary>A confirmed participant with an account, present from the start for <paramref name="minutes"/> (null: never came).</summary>
    private async Task<(Guid Registration, string Email, TestPerson Person)> AttendeeAsync(Guid eventId, DateTime startUtc, string name, int? minutes)
    {
        var person = await factory.CreatePersonAsync([Roles.MemberStaff], displayName: name);
        var registration = await factory.EventQueryAsync(async db =>
        {
            var ev = await db.Set<Event>().SingleAsync(e => e.Id == eventId, Ct);
            var r = new EventRegistration { EventId = eventId, PersonId = person.Id, RegisteredAtUtc = startUtc.AddDays(-5), Status = RegistrationStatus.Confirmed };
            db.Add(r);
            ev.ConfirmedCount++;
            if (minutes is { } m)
            {
                db.Add(new AttendanceDay
                {
                    RegistrationId = r.Id, EventId = eventId, Day = DateOnly.FromDateTime(BerlinTime.ToBerlin(startUtc)),
                    CheckedInAtUtc = startUtc, CheckedOutAtUtc = startUtc.AddMinutes(m),
                });
            }

            await db.SaveChangesAsync(Ct);
            return r.Id;
        });
        return (registration, person.Email, person);
    }

    private static async Task SetCreditAsync(HttpClient api, Guid eventId, string recognition, string? reference, DateOnly? recognisedOn, string? fuwoTopic = null)
    {
        using var response = await api.PutAsJsonAsync($"/api/v1/events/{eventId}/continuing-education",
            new { recognition, chamberReference = reference, recognisedOn, format = "Praesenz", fuwoTopic }, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
    }

    private static async Task<JsonElement> ParticipantAsync(HttpClient api, Guid eventId, Guid registrationId)
    {
        var json = await (await api.GetAsync($"/api/v1/events/{eventId}/continuing-education", Ct)).JsonAsync();
        return json.GetProperty("participants").GetProperty("items").EnumerateArray().Single(p => p.GetProperty("registrationId").GetGuid() == registrationId);
    }

    /// <summary>Waits (up to 60 s) until the event has <paramref name="count"/> finished runs and returns the newest.</summary>
    private async Task<CertificateRun> WaitForRunsAsync(Guid eventId, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var runs = await QueryAsync(db => db.Set<CertificateRun>().AsNoTracking().Where(r => r.EventId == eventId && r.FinishedAtUtc != null).ToListAsync(Ct));
            if (runs.Count >= count)
            {
                return runs.OrderByDescending(r => r.RequestedAtUtc).First();
            }

            Assert.True(DateTime.UtcNow < deadline, $"The certificate job did not finish run {count} of event {eventId} within 60 s.");
            await Task.Delay(100, Ct);
        }
    }

    private async Task<byte[]> AttachmentOfAsync(string address)
    {
        await factory.Mailbox.WaitForMailAsync(address, m => m.Subject.StartsWith("Teilnahmebescheinigung", StringComparison.Ordinal));
        var message = factory.Smtp.Messages.Last(m => m.EnvelopeRecipients.Contains(address, StringComparer.OrdinalIgnoreCase)
            && (m.Message.Subject ?? "").StartsWith("Teilnahmebescheinigung", StringComparison.Ordinal)).Message;
        var part = message.Attachments.OfType<MimePart>().Single();
        Assert.Equal("application/pdf", part.ContentType.MimeType);
        using var stream = new MemoryStream();
        part.Content!.DecodeTo(stream);
        return stream.ToArray();
    }

    private static async Task<string> DownloadTextAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        return await PdfTextAsync(await response.Content.ReadAsByteArrayAsync(Ct));
    }

    private static async Task<string> PdfTextAsync(byte[] pdf)
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(file, pdf, Ct);
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

    /// <summary>The code with its first character changed to another valid one: what a forger would try.</summary>
    private static string Flip(string code) => (code[0] == 'A' ? 'B' : 'A') + code[1..];

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        using (response)
        {
            var json = await response.JsonAsync();
            Assert.True(response.StatusCode == expected, $"expected {expected}, got {response.StatusCode}: {json}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            return json;
        }
    }

    private Task<T> QueryAsync<T>(Func<QuartiersnetzDbContext, Task<T>> query) => factory.EventQueryAsync(query);

    private async Task<HttpClient> OfficeApiAsync() =>
        factory.CreateBearerClient(await factory.AccessTokenAsync(await factory.CreatePersonAsync([Roles.Office], twoFactor: true)));
}
