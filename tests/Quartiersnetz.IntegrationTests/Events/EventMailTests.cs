using System.Net;
using System.Net.Http.Json;
using MimeKit;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Attendance;
using Quartiersnetz.Features.Events;
using Quartiersnetz.IntegrationTests.ApiAccess;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Email;

namespace Quartiersnetz.IntegrationTests.Events;

/// <summary>The event mails as their recipients receive them from the SMTP server: registration, waiting list, move-up, changes, cancellation.</summary>
public sealed class EventMailTests(QuartiersnetzFactory factory) : IClassFixture<QuartiersnetzFactory>
{
    private const string Link = "https://meet.example/geheimer-raum";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_confirmed_registration_mails_a_working_link_the_online_link_and_the_ics_in_the_same_save()
    {
        var id = await factory.CreateEventAsync(capacity: 5, onlineLink: Link, title: "Online-Werkstatt Mail");
        var (person, api) = await MemberAsync();

        using var response = await api.PostAsJsonAsync($"/api/v1/events/{id}/registrations", new { }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);

        var mail = await factory.Mailbox.WaitForMailAsync(person.Email, m => m.Subject.StartsWith("Anmeldung bestätigt", StringComparison.Ordinal));
        Assert.Contains("Online-Werkstatt Mail", mail.Subject, StringComparison.Ordinal);
        Assert.Contains(Link, mail.TextBody, StringComparison.Ordinal);
        var page = await (await factory.SignedInAsAsync(person)).GetDocumentAsync(mail.LinkPath($"/veranstaltungen/{id}"));
        Assert.Equal("confirmed", page.QuerySelector("#my-registration-status")!.GetAttribute("data-status"));
        Assert.Contains(mail.Links(), l => new Uri(l).IsAbsoluteUri && l.EndsWith($"/veranstaltungen/{id}", StringComparison.Ordinal));

        // The admission pass comes along: its short code in the text, its QR code (the pass's check-in address) as a PNG.
        var pass = await factory.EventQueryAsync(db => db.Set<CheckInPass>().AsNoTracking().SingleAsync(p => p.EventId == id && p.RegistrationId == db.Set<EventRegistration>().Single(r => r.EventId == id && r.PersonId == person.Id).Id, Ct));
        Assert.Contains("Ihr Einlass-Code: " + CheckInPass.Display(pass.ShortCode), mail.TextBody, StringComparison.Ordinal);
        var message = factory.Smtp.Messages.Last(m => m.EnvelopeRecipients.Contains(person.Email, StringComparer.OrdinalIgnoreCase)
            && (m.Message.Subject ?? "").StartsWith("Anmeldung bestätigt", StringComparison.Ordinal)).Message;
        var png = message.Attachments.OfType<MimePart>().Single(a => a.ContentType.MimeType == "image/png");
        Assert.Equal(PassMailPart.FileName, png.FileName);
        using (var stream = new MemoryStream())
        {
            png.Content!.DecodeTo(stream, Ct);
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], stream.ToArray()[..4]);
        }

        var ics = Attachment(person.Email, "Anmeldung bestätigt");
        var parsed = await ICalendarParser.ParseAsync(ics);
        var vevent = parsed.GetProperty("events")[0];
        Assert.Equal(EventCalendar.Uid(id), vevent.GetProperty("uid").GetString());
        Assert.Equal("PUBLISH", parsed.GetProperty("method").GetString());
        Assert.Contains(Link, vevent.GetProperty("description").GetString(), StringComparison.Ordinal);

        // Stored with the registration; the sent mail keeps neither body nor attachment (they carry the link).
        await WaitUntilSentAsync(person.Email);
        var rows = await factory.EventQueryAsync(db => db.Set<OutboxMessage>().AsNoTracking().Where(m => m.ToAddress == person.Email).Select(m => m.Id).ToListAsync(Ct));
        Assert.NotEmpty(rows);
        Assert.False(await factory.EventQueryAsync(db => db.Set<OutboxAttachment>().AnyAsync(a => rows.Contains(a.MessageId), Ct)));
    }

    [Fact]
    public async Task The_waiting_list_mail_names_the_position_without_the_link_and_the_move_up_mail_brings_it()
    {
        var id = await factory.CreateEventAsync(capacity: 1, onlineLink: Link, title: "Volles Treffen");
        var (first, firstApi) = await MemberAsync();
        var (second, secondApi) = await MemberAsync();
        var (third, thirdApi) = await MemberAsync();
        (await firstApi.PostAsJsonAsync($"/api/v1/events/{id}/registrations", new { }, Ct)).Dispose();
        (await secondApi.PostAsJsonAsync($"/api/v1/events/{id}/registrations", new { }, Ct)).Dispose();
        (await thirdApi.PostAsJsonAsync($"/api/v1/events/{id}/registrations", new { }, Ct)).Dispose();

        var waiting = await factory.Mailbox.WaitForMailAsync(third.Email, m => m.Subject.StartsWith("Warteliste", StringComparison.Ordinal));
        Assert.Contains("Position 2", waiting.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(Link, waiting.TextBody, StringComparison.Ordinal);
        Assert.Null(AttachmentOrNull(third.Email, "Warteliste"));

        // The first person cancels on "Meine Veranstaltungen": acknowledged, and the second moves up.
        var firstBrowser = await factory.SignedInAsAsync(first);
        using var cancelled = await firstBrowser.PostFormAsync("/meine-veranstaltungen", "#upcoming-actions", [new("eventId", id.ToString())]);
        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);

        var ack = await factory.Mailbox.WaitForMailAsync(first.Email, m => m.Subject.StartsWith("Abmeldung", StringComparison.Ordinal));
        Assert.Contains("Volles Treffen", ack.TextBody, StringComparison.Ordinal);
        var movedUp = await factory.Mailbox.WaitForMailAsync(second.Email, m => m.Subject.StartsWith("Ein Platz ist frei geworden", StringComparison.Ordinal));
        Assert.Contains(Link, movedUp.TextBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await (await factory.SignedInAsAsync(second)).GetAsync(movedUp.LinkPath($"/veranstaltungen/{id}"), Ct)).StatusCode);
        Assert.NotNull(AttachmentOrNull(second.Email, "Ein Platz ist frei geworden"));
        Assert.DoesNotContain(await factory.Mailbox.MailsToAsync(third.Email), m => m.Subject.StartsWith("Ein Platz", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_moderated_registration_mails_pending_and_the_office_confirmation_mails_confirmed()
    {
        var id = await factory.CreateEventAsync(capacity: 5, requiresConfirmation: true, title: "Moderierte Tagung");
        var (person, api) = await MemberAsync();
        using var response = await api.PostAsJsonAsync($"/api/v1/events/{id}/registrations", new { }, Ct);
        var registrationId = (await response.JsonAsync()).GetProperty("id").GetGuid();

        var pending = await factory.Mailbox.WaitForMailAsync(person.Email, m => m.Subject.StartsWith("Anmeldung eingegangen", StringComparison.Ordinal));
        Assert.Contains("Geschäftsstelle", pending.TextBody, StringComparison.Ordinal);

        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        using var confirmed = await office.PressButtonAsync($"/geschaeftsstelle/veranstaltungen/{id}/teilnehmende",
            $"button[formaction*='handler=Confirm'][value='{registrationId}']");
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        await factory.Mailbox.WaitForMailAsync(person.Email, m => m.Subject.StartsWith("Anmeldung bestätigt", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Raising_the_capacity_moves_the_waiting_list_up_and_mails_them()
    {
        var body = EventTestSupport.EventBody(b => { b["capacity"] = 1; b["title"] = "Kleine Exkursion"; });
        var office = await OfficeApiAsync();
        using var created = await office.PostAsJsonAsync("/api/v1/events", body, Ct);
        var id = (await created.JsonAsync()).GetProperty("id").GetGuid();
        var (_, firstApi) = await MemberAsync();
        var (second, secondApi) = await MemberAsync();
        (await firstApi.PostAsJsonAsync($"/api/v1/events/{id}/registrations", new { }, Ct)).Dispose();
        (await secondApi.PostAsJsonAsync($"/api/v1/events/{id}/registrations", new { }, Ct)).Dispose();
        await factory.Mailbox.WaitForMailAsync(second.Email, m => m.Subject.StartsWith("Warteliste", StringComparison.Ordinal));

        body["capacity"] = 2;
        using var updated = await office.PutAsJsonAsync($"/api/v1/events/{id}", body, Ct);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);

        await factory.Mailbox.WaitForMailAsync(second.Email, m => m.Subject.StartsWith("Ein Platz ist frei geworden", StringComparison.Ordinal));
        // A capacity change alone is no change of time or place: nobody gets a change notice.
        Assert.DoesNotContain(await factory.Mailbox.MailsToAsync(second.Email), m => m.Subject.StartsWith("Geänderte", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_new_time_mails_everyone_registered_with_the_updated_ics_and_a_cancellation_mails_them_again()
    {
        var body = EventTestSupport.EventBody(b =>
        {
            b["capacity"] = 1;
            b["title"] = "Fachgespräch Verlegung";
            b["placeMode"] = "Hybrid";
            b["onlineLink"] = Link;
        });
        var office = await OfficeApiAsync();
        using var created = await office.PostAsJsonAsync("/api/v1/events", body, Ct);
        var id = (await created.JsonAsync()).GetProperty("id").GetGuid();
        var (confirmed, confirmedApi) = await MemberAsync();
        var (waiting, waitingApi) = await MemberAsync();
        (await confirmedApi.PostAsJsonAsync($"/api/v1/events/{id}/registrations", new { }, Ct)).Dispose();
        (await waitingApi.PostAsJsonAsync($"/api/v1/events/{id}/registrations", new { }, Ct)).Dispose();

        body["startsAt"] = ((DateTimeOffset)body["startsAt"]!).AddDays(1);
        body["endsAt"] = ((DateTimeOffset)body["endsAt"]!).AddDays(1);
        using var moved = await office.PutAsJsonAsync($"/api/v1/events/{id}", body, Ct);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);

        var toConfirmed = await factory.Mailbox.WaitForMailAsync(confirmed.Email, m => m.Subject.StartsWith("Geänderte Veranstaltung", StringComparison.Ordinal));
        var toWaiting = await factory.Mailbox.WaitForMailAsync(waiting.Email, m => m.Subject.StartsWith("Geänderte Veranstaltung", StringComparison.Ordinal));
        Assert.Contains("Der Termin hat sich geändert.", toConfirmed.TextBody, StringComparison.Ordinal);
        Assert.Contains(Link, toConfirmed.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(Link, toWaiting.TextBody, StringComparison.Ordinal);
        var changed = (await ICalendarParser.ParseAsync(Attachment(confirmed.Email, "Geänderte Veranstaltung"))).GetProperty("events")[0];
        Assert.Equal(1, changed.GetProperty("sequence").GetInt32());
        Assert.Equal(EventCalendar.Uid(id), changed.GetProperty("uid").GetString());
        var waitingIcs = await ICalendarParser.ParseAsync(Attachment(waiting.Email, "Geänderte Veranstaltung"));
        Assert.DoesNotContain(Link, waitingIcs.GetProperty("events")[0].GetProperty("description").GetString(), StringComparison.Ordinal);

        body["status"] = "Cancelled";
        using var cancelled = await office.PutAsJsonAsync($"/api/v1/events/{id}", body, Ct);
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);

        foreach (var person in new[] { confirmed, waiting })
        {
            var mail = await factory.Mailbox.WaitForMailAsync(person.Email, m => m.Subject.StartsWith("Abgesagt", StringComparison.Ordinal));
            Assert.Contains("abgesagt", mail.TextBody, StringComparison.Ordinal);
            var ics = (await ICalendarParser.ParseAsync(Attachment(person.Email, "Abgesagt"))).GetProperty("events")[0];
            Assert.Equal("CANCELLED", ics.GetProperty("status").GetString());
            Assert.Equal(2, ics.GetProperty("sequence").GetInt32());
        }

        var audit = await factory.AuditEntriesAsync(id.ToString());
        Assert.Contains(audit, e => e.Action == "event.updated" && e.Changes!.Contains("Cancelled", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_change_that_participants_need_not_hear_about_sends_no_mail()
    {
        var body = EventTestSupport.EventBody(b => b["title"] = "Ruhige Fortbildung");
        var office = await OfficeApiAsync();
        using var created = await office.PostAsJsonAsync("/api/v1/events", body, Ct);
        var id = (await created.JsonAsync()).GetProperty("id").GetGuid();
        var (person, api) = await MemberAsync();
        (await api.PostAsJsonAsync($"/api/v1/events/{id}/registrations", new { }, Ct)).Dispose();
        await factory.Mailbox.WaitForMailAsync(person.Email);

        body["description"] = "Neue Beschreibung";
        using var updated = await office.PutAsJsonAsync($"/api/v1/events/{id}", body, Ct);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);

        Assert.Single(await factory.Mailbox.MailsToAsync(person.Email));
    }

    private string Attachment(string to, string subjectStart) =>
        AttachmentOrNull(to, subjectStart) ?? throw new InvalidOperationException($"No .ics attached to '{subjectStart}…' for {to}.");

    private string? AttachmentOrNull(string to, string subjectStart)
    {
        var message = factory.Smtp.Messages.Last(m => m.EnvelopeRecipients.Contains(to, StringComparer.OrdinalIgnoreCase)
            && (m.Message.Subject ?? "").StartsWith(subjectStart, StringComparison.Ordinal)).Message;
        var part = message.Attachments.OfType<MimePart>().FirstOrDefault(a => a.ContentType.MimeType == "text/calendar");
        if (part is null)
        {
            return null;
        }

        using var stream = new MemoryStream();
        part.Content!.DecodeTo(stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private async Task WaitUntilSentAsync(string to)
    {
        for (var i = 0; i < 100; i++)
        {
            var pending = await factory.EventQueryAsync(db => db.Set<OutboxMessage>().CountAsync(m => m.ToAddress == to && m.Status != OutboxStatus.Sent, Ct));
            if (pending == 0)
            {
                return;
            }

            await Task.Delay(100, Ct);
        }
    }

    private async Task<HttpClient> OfficeApiAsync() =>
        factory.CreateBearerClient(await factory.AccessTokenAsync(await factory.CreatePersonAsync([Roles.Office], twoFactor: true)));

    private async Task<(TestPerson Person, HttpClient Api)> MemberAsync()
    {
        var person = await factory.CreatePersonAsync([Roles.MemberStaff]);
        return (person, factory.CreateBearerClient(await factory.AccessTokenAsync(person)));
    }
}
