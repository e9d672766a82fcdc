using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Quartiersnetz.Features.Events;
using Quartiersnetz.IntegrationTests.ApiAccess;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.IntegrationTests.Events;

/// <summary>
/// Mails of office changes: one mail per person moved back by a lower capacity, and the change or cancellation mail
/// (with the updated .ics) to the people registered for one date of a series.
/// </summary>
public sealed class EventChangeMailTests(QuartiersnetzFactory factory) : IClassFixture<QuartiersnetzFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static int Year => DateTime.UtcNow.Year + 1;

    [Fact]
    public async Task Lowering_the_capacity_with_move_to_waitlist_sends_each_moved_person_exactly_one_mail()
    {
        var office = await OfficeApiAsync();
        var body = EventTestSupport.EventBody(b => b["capacity"] = 3);
        using var created = await office.PostAsJsonAsync("/api/v1/events", body, Ct);
        var id = (await created.JsonAsync()).GetProperty("id").GetGuid();
        var people = new List<TestPerson>();
        for (var i = 0; i < 3; i++)
        {
            var person = await factory.CreatePersonAsync([Roles.MemberStaff]);
            (await office.PostAsJsonAsync($"/api/v1/events/{id}/registrations", new { personId = person.Id }, Ct)).Dispose();
            people.Add(person);
        }

        var before = new Dictionary<string, int>();
        foreach (var p in people)
        {
            before[p.Email] = (await factory.Mailbox.MailsToAsync(p.Email)).Count;
        }

        // Only the capacity changes (a changed time would rightly bring its own change mail).
        body["capacity"] = 1;
        body["capacityReduction"] = "MoveLastToWaitlist";
        using var lowered = await office.PutAsJsonAsync($"/api/v1/events/{id}", body, Ct);
        Assert.Equal(HttpStatusCode.OK, lowered.StatusCode);
        await RunNoticesAsync();
        await RunNoticesAsync();

        foreach (var moved in people.Skip(1))
        {
            var mails = (await factory.Mailbox.MailsToAsync(moved.Email)).Skip(before[moved.Email]).ToList();
            var only = Assert.Single(mails);
            Assert.Contains("ganz vorn", only.TextBody, StringComparison.Ordinal);
        }

        // The one who keeps the seat hears nothing about the capacity.
        Assert.Equal(before[people[0].Email], (await factory.Mailbox.MailsToAsync(people[0].Email)).Count);
    }

    [Fact]
    public async Task Moving_or_cancelling_one_date_of_a_series_mails_its_registered_people_with_the_updated_ics()
    {
        var office = await OfficeApiAsync();
        using var created = await office.PostAsJsonAsync("/api/v1/event-series", new Dictionary<string, object?>
        {
            ["rule"] = "FREQ=MONTHLY;BYDAY=3WE;COUNT=3",
            ["firstDate"] = $"{Year}-01-01",
            ["startTime"] = "10:00",
            ["endTime"] = "13:00",
            ["type"] = "Netzwerktreffen",
            ["title"] = "Reihe mit Post",
            ["description"] = "Austausch.",
            ["placeMode"] = "OnSite",
            ["venueName"] = "Rathaus",
            ["audience"] = "Public",
            ["capacity"] = 10,
            ["topics"] = Array.Empty<string>(),
        }, Ct);
        var series = await created.JsonAsync();
        var dates = series.GetProperty("occurrences").EnumerateArray().Select(d => d.GetProperty("eventId").GetGuid()).ToList();
        var seriesId = series.GetProperty("id").GetGuid();
        var person = await factory.CreatePersonAsync([Roles.MemberStaff]);
        var other = await factory.CreatePersonAsync([Roles.MemberStaff]);
        var api = factory.CreateBearerClient(await factory.AccessTokenAsync(person));
        (await api.PostAsync(new Uri($"/api/v1/events/{dates[0]}/registrations", UriKind.Relative), null, Ct)).Dispose();
        (await api.PostAsync(new Uri($"/api/v1/events/{dates[1]}/registrations", UriKind.Relative), null, Ct)).Dispose();
        (await factory.CreateBearerClient(await factory.AccessTokenAsync(other)).PostAsync(new Uri($"/api/v1/events/{dates[2]}/registrations", UriKind.Relative), null, Ct)).Dispose();

        var movedStart = new DateTimeOffset(Year, 1, 29, 15, 0, 0, TimeSpan.FromHours(1));
        using (var moved = await office.PostAsJsonAsync($"/api/v1/event-series/{seriesId}/occurrences/{dates[0]}/move", new { startsAt = movedStart }, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        }

        var changed = await factory.Mailbox.WaitForMailAsync(person.Email, m => m.Subject.StartsWith("Geänderte Veranstaltung", StringComparison.Ordinal));
        Assert.Contains("Der Termin hat sich geändert.", changed.TextBody, StringComparison.Ordinal);
        var ics = (await ICalendarParser.ParseAsync(Attachment(person.Email, "Geänderte Veranstaltung"))).GetProperty("events")[0];
        Assert.Equal(EventCalendar.Uid(dates[0]), ics.GetProperty("uid").GetString());
        Assert.Equal(movedStart.UtcDateTime, DateTime.Parse(ics.GetProperty("startUtc").GetString()!, System.Globalization.CultureInfo.InvariantCulture).ToUniversalTime());
        Assert.Equal(1, ics.GetProperty("sequence").GetInt32());

        using (var cancelled = await office.PostAsync(new Uri($"/api/v1/event-series/{seriesId}/occurrences/{dates[1]}/cancel", UriKind.Relative), null, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        }

        await factory.Mailbox.WaitForMailAsync(person.Email, m => m.Subject.StartsWith("Abgesagt", StringComparison.Ordinal));
        var cancelledIcs = (await ICalendarParser.ParseAsync(Attachment(person.Email, "Abgesagt"))).GetProperty("events")[0];
        Assert.Equal((EventCalendar.Uid(dates[1]), "CANCELLED"), (cancelledIcs.GetProperty("uid").GetString(), cancelledIcs.GetProperty("status").GetString()));
        // Only the people of the changed dates hear about them.
        Assert.DoesNotContain(await factory.Mailbox.MailsToAsync(other.Email), m => m.Subject.StartsWith("Geänderte", StringComparison.Ordinal) || m.Subject.StartsWith("Abgesagt", StringComparison.Ordinal));
    }

    private string Attachment(string to, string subjectStart)
    {
        var message = factory.Smtp.Messages.Last(m => m.EnvelopeRecipients.Contains(to, StringComparer.OrdinalIgnoreCase)
            && (m.Message.Subject ?? "").StartsWith(subjectStart, StringComparison.Ordinal)).Message;
        var part = message.Attachments.OfType<MimePart>().Single(a => a.ContentType.MimeType == "text/calendar");
        using var stream = new MemoryStream();
        part.Content!.DecodeTo(stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private async Task RunNoticesAsync()
    {
        await using var scope = factory.CreateScope();
        await scope.ServiceProvider.GetRequiredService<EventNotices>().RunAsync(Ct);
    }

    private async Task<HttpClient> OfficeApiAsync() =>
        factory.CreateBearerClient(await factory.AccessTokenAsync(await factory.CreatePersonAsync([Roles.Office], twoFactor: true)));
}
