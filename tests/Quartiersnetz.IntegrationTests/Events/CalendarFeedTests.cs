using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Events;
using Quartiersnetz.IntegrationTests.ApiAccess;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.IntegrationTests.Events;

/// <summary>The iCalendar feeds, each read by ical.js and checked for the RFC 5545 essentials.</summary>
public sealed partial class CalendarFeedTests(QuartiersnetzFactory factory) : IClassFixture<QuartiersnetzFactory>
{
    private const string Link = "https://meet.example/feed-raum";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_event_download_is_valid_icalendar_in_Berlin_time_and_its_sequence_rises_with_an_update()
    {
        var body = EventTestSupport.EventBody(b => b["title"] = "Tagung im Feed");
        var office = await OfficeApiAsync();
        using var created = await office.PostAsJsonAsync("/api/v1/events", body, Ct);
        var id = (await created.JsonAsync()).GetProperty("id").GetGuid();
        var anonymous = factory.CreateClient();

        using var response = await anonymous.GetAsync($"/veranstaltungen/{id}.ics", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType!.MediaType);
        var text = await response.Content.ReadAsStringAsync(Ct);
        var parsed = await AssertValidAsync(text);
        var vevent = parsed.GetProperty("events")[0];
        Assert.Equal(EventCalendar.Uid(id), vevent.GetProperty("uid").GetString());
        Assert.Equal(0, vevent.GetProperty("sequence").GetInt32());
        Assert.Equal(((DateTimeOffset)body["startsAt"]!).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
            vevent.GetProperty("startUtc").GetString()![..19]);
        Assert.Contains($"/veranstaltungen/{id}", vevent.GetProperty("url").GetString(), StringComparison.Ordinal);

        body["startsAt"] = ((DateTimeOffset)body["startsAt"]!).AddHours(2);
        body["endsAt"] = ((DateTimeOffset)body["endsAt"]!).AddHours(2);
        (await office.PutAsJsonAsync($"/api/v1/events/{id}", body, Ct)).Dispose();

        var after = (await AssertValidAsync(await anonymous.GetStringAsync($"/veranstaltungen/{id}.ics", Ct))).GetProperty("events")[0];
        Assert.Equal(1, after.GetProperty("sequence").GetInt32());
        Assert.Equal(EventCalendar.Uid(id), after.GetProperty("uid").GetString());
        Assert.NotEqual(vevent.GetProperty("startUtc").GetString(), after.GetProperty("startUtc").GetString());
    }

    [Fact]
    public async Task A_members_only_event_is_hidden_from_the_public_as_its_page_is_and_the_online_link_only_reaches_confirmed_people()
    {
        var id = await factory.CreateEventAsync(audience: EventAudience.Members, onlineLink: Link, title: "Internes Treffen im Feed");
        var member = await factory.CreatePersonAsync([Roles.MemberStaff]);
        var browser = await factory.SignedInAsAsync(member);

        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateClient().GetAsync($"/veranstaltungen/{id}.ics", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateClient().GetAsync($"/veranstaltungen/{Guid.NewGuid()}.ics", Ct)).StatusCode);
        var before = await browser.GetStringAsync($"/veranstaltungen/{id}.ics", Ct);
        Assert.DoesNotContain(Link, before, StringComparison.Ordinal);

        (await factory.CreateBearerClient(await factory.AccessTokenAsync(member)).PostAsJsonAsync($"/api/v1/events/{id}/registrations", new { }, Ct)).Dispose();
        var confirmed = await AssertValidAsync(await browser.GetStringAsync($"/veranstaltungen/{id}.ics", Ct));
        Assert.Contains(Link, confirmed.GetProperty("events")[0].GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_public_calendar_holds_public_and_cancelled_public_events_of_the_window_and_never_members_only_ones()
    {
        var open = await factory.CreateEventAsync(title: "Öffentlich im Kalender");
        var members = await factory.CreateEventAsync(audience: EventAudience.Members, title: "Nur Mitglieder");
        var invited = await factory.CreateEventAsync(audience: EventAudience.Invited, title: "Nur Eingeladene");
        var cancelled = await factory.CreateEventAsync(title: "Abgesagt im Kalender");
        var old = await factory.CreateEventAsync(title: "Lange her", startUtc: DateTime.UtcNow.AddMonths(-5));
        await factory.EventQueryAsync(async db =>
        {
            var ev = await db.Set<Event>().SingleAsync(e => e.Id == cancelled, Ct);
            ev.Status = EventStatus.Cancelled;
            ev.Sequence++;
            return await db.SaveChangesAsync(Ct);
        });

        using var response = await factory.CreateClient().GetAsync("/kalender.ics", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var parsed = await AssertValidAsync(await response.Content.ReadAsStringAsync(Ct));
        var uids = parsed.GetProperty("events").EnumerateArray().ToDictionary(e => e.GetProperty("uid").GetString()!);

        Assert.Contains(EventCalendar.Uid(open), uids.Keys);
        Assert.DoesNotContain(EventCalendar.Uid(members), uids.Keys);
        Assert.DoesNotContain(EventCalendar.Uid(invited), uids.Keys);
        Assert.DoesNotContain(EventCalendar.Uid(old), uids.Keys);
        Assert.Equal("CANCELLED", uids[EventCalendar.Uid(cancelled)].GetProperty("status").GetString());
        Assert.Equal("CONFIRMED", uids[EventCalendar.Uid(open)].GetProperty("status").GetString());
        Assert.DoesNotContain("Nur Mitglieder", await factory.CreateClient().GetStringAsync("/kalender.ics", Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_personal_feed_holds_my_registrations_behind_a_secret_address_that_renewing_and_revoking_end()
    {
        var confirmedEvent = await factory.CreateEventAsync(audience: EventAudience.Members, onlineLink: Link, title: "Mein bestätigtes Treffen");
        var fullEvent = await factory.CreateEventAsync(capacity: 1, onlineLink: Link, title: "Mein Wartelisten-Treffen");
        var elsewhere = await factory.CreateEventAsync(title: "Nicht meins");
        var me = await factory.CreatePersonAsync([Roles.MemberStaff]);
        var someone = await factory.CreatePersonAsync([Roles.MemberStaff]);
        var myApi = factory.CreateBearerClient(await factory.AccessTokenAsync(me));
        (await factory.CreateBearerClient(await factory.AccessTokenAsync(someone)).PostAsJsonAsync($"/api/v1/events/{fullEvent}/registrations", new { }, Ct)).Dispose();
        (await myApi.PostAsJsonAsync($"/api/v1/events/{confirmedEvent}/registrations", new { }, Ct)).Dispose();
        (await myApi.PostAsJsonAsync($"/api/v1/events/{fullEvent}/registrations", new { }, Ct)).Dispose();
        var browser = await factory.SignedInAsAsync(me);

        var url = await CreateFeedAsync(browser, "#create-feed-form");
        var anonymous = factory.CreateClient();
        using var response = await anonymous.GetAsync(url, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        var parsed = await AssertValidAsync(await response.Content.ReadAsStringAsync(Ct));
        var events = parsed.GetProperty("events").EnumerateArray().ToDictionary(e => e.GetProperty("uid").GetString()!);
        Assert.Equal(2, events.Count);
        Assert.DoesNotContain(EventCalendar.Uid(elsewhere), events.Keys);
        Assert.Contains(Link, events[EventCalendar.Uid(confirmedEvent)].GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Link, events[EventCalendar.Uid(fullEvent)].GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal("TENTATIVE", events[EventCalendar.Uid(fullEvent)].GetProperty("status").GetString());

        // Only the hash is stored.
        var token = url.Split('/').Last().Replace(".ics", "", StringComparison.Ordinal);
        var stored = await factory.EventQueryAsync(db => db.Set<CalendarFeedToken>().AsNoTracking().SingleAsync(t => t.PersonId == me.Id, Ct));
        Assert.NotEqual(token, stored.TokenHash);
        Assert.Equal(64, stored.TokenHash.Length);

        var renewed = await CreateFeedAsync(browser, "#renew-feed-form");
        Assert.NotEqual(url, renewed);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(url, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(renewed, Ct)).StatusCode);

        using var revoked = await browser.PostFormAsync("/meine-veranstaltungen", "#revoke-feed-form", []);
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(renewed, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/kalender/unbekannt.ics", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/kalender/" + new string('a', 300) + ".ics", Ct)).StatusCode);
    }

    [Fact]
    public async Task My_events_lists_registrations_with_status_and_position_and_lets_me_leave_the_waiting_list()
    {
        var full = await factory.CreateEventAsync(capacity: 1, title: "Ausgebuchte Werkstatt");
        var open = await factory.CreateEventAsync(title: "Offene Werkstatt", cancellationDeadlineUtc: DateTime.UtcNow.AddMinutes(-1));
        var me = await factory.CreatePersonAsync([Roles.MemberStaff]);
        var someone = await factory.CreatePersonAsync([Roles.MemberStaff]);
        (await factory.CreateBearerClient(await factory.AccessTokenAsync(someone)).PostAsJsonAsync($"/api/v1/events/{full}/registrations", new { }, Ct)).Dispose();
        var api = factory.CreateBearerClient(await factory.AccessTokenAsync(me));
        (await api.PostAsJsonAsync($"/api/v1/events/{full}/registrations", new { }, Ct)).Dispose();
        (await api.PostAsJsonAsync($"/api/v1/events/{open}/registrations", new { }, Ct)).Dispose();
        var browser = await factory.SignedInAsAsync(me);

        var account = await browser.GetDocumentAsync("/konto");
        Assert.Equal("/meine-veranstaltungen", account.QuerySelector("#my-events-link")!.GetAttribute("href"));
        var page = await browser.GetDocumentAsync("/meine-veranstaltungen");
        var waiting = page.QuerySelector($"#upcoming tr[data-event-id='{full}']")!;
        Assert.Equal("waitlisted", waiting.GetAttribute("data-status"));
        Assert.Contains("Position 1", waiting.TextContent, StringComparison.Ordinal);
        var closed = page.QuerySelector($"#upcoming tr[data-event-id='{open}']")!;
        Assert.NotNull(waiting.QuerySelector($"button[name=eventId][value='{full}']"));
        Assert.Null(closed.QuerySelector("button")); // the cancellation deadline has passed
        Assert.Contains("Geschäftsstelle", closed.TextContent, StringComparison.Ordinal);

        using var left = await browser.PostFormAsync("/meine-veranstaltungen", "#upcoming-actions", [new("eventId", full.ToString())]);
        Assert.Equal(HttpStatusCode.Redirect, left.StatusCode);
        var after = await browser.GetDocumentAsync("/meine-veranstaltungen");
        Assert.Null(after.QuerySelector($"#upcoming tr[data-event-id='{full}']"));
        Assert.NotNull(after.QuerySelector("#my-events-message"));
        Assert.Equal(RegistrationStatus.Cancelled, (await factory.RegistrationsAsync(full)).Single(r => r.PersonId == me.Id).Status);

        // Forcing the cancellation past the deadline is refused in German and changes nothing.
        var form = await browser.GetDocumentAsync("/meine-veranstaltungen");
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var content = new FormUrlEncodedContent([new("__RequestVerificationToken", token)]);
        using var late = await browser.PostAsync(new Uri($"/meine-veranstaltungen?eventId={open}&handler=Cancel", UriKind.Relative), content, Ct);
        Assert.Equal(HttpStatusCode.Redirect, late.StatusCode);
        var refused = await browser.GetDocumentAsync("/meine-veranstaltungen");
        Assert.Contains("Eine Abmeldung war nur bis", refused.QuerySelector("#my-events-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(RegistrationStatus.Confirmed, (await factory.RegistrationsAsync(open)).Single(r => r.PersonId == me.Id).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await factory.CreateBrowserLikeClient().GetAsync("/meine-veranstaltungen", Ct)).StatusCode);
    }

    private static async Task<string> CreateFeedAsync(HttpClient browser, string formSelector)
    {
        using var response = await browser.PostFormAsync("/meine-veranstaltungen", formSelector, []);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await browser.GetDocumentAsync("/meine-veranstaltungen");
        var url = page.QuerySelector("#feed-url")!.TextContent.Trim();
        Assert.Null((await browser.GetDocumentAsync("/meine-veranstaltungen")).QuerySelector("#feed-url")); // shown once
        return new Uri(url).PathAndQuery;
    }

    /// <summary>Parses with ical.js and checks what every feed must have.</summary>
    internal static async Task<JsonElement> AssertValidAsync(string ics)
    {
        var parsed = await ICalendarParser.ParseAsync(ics);
        Assert.Equal("2.0", parsed.GetProperty("version").GetString());
        Assert.Equal(EventCalendar.ProductId, parsed.GetProperty("prodid").GetString());
        Assert.Contains("Europe/Berlin", parsed.GetProperty("timezones").EnumerateArray().Select(t => t.GetString()));
        foreach (var vevent in parsed.GetProperty("events").EnumerateArray())
        {
            Assert.False(string.IsNullOrEmpty(vevent.GetProperty("uid").GetString()));
            Assert.True(vevent.GetProperty("dtstampIsUtc").GetBoolean());
            Assert.Equal("Europe/Berlin", vevent.GetProperty("tzid").GetString());
        }

        // The raw syntax: CRLF lines, local times with TZID, DTSTAMP in UTC.
        Assert.Contains("\r\n", ics, StringComparison.Ordinal);
        Assert.Matches(DtStart(), ics);
        Assert.Matches(DtStamp(), ics);
        Assert.DoesNotMatch(UtcStart(), ics);
        return parsed;
    }

    [GeneratedRegex(@"(?m)^DTSTART;TZID=Europe/Berlin:\d{8}T\d{6}\r$")]
    private static partial Regex DtStart();

    [GeneratedRegex(@"(?m)^DTSTAMP:\d{8}T\d{6}Z\r$")]
    private static partial Regex DtStamp();

    [GeneratedRegex(@"(?m)^DTSTART:\d{8}T\d{6}Z")]
    private static partial Regex UtcStart();

    private async Task<HttpClient> OfficeApiAsync() =>
        factory.CreateBearerClient(await factory.AccessTokenAsync(await factory.CreatePersonAsync([Roles.Office], twoFactor: true)));
}
