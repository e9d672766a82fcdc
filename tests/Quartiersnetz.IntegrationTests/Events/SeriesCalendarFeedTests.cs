using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Quartiersnetz.Features.Events;
using Quartiersnetz.IntegrationTests.ApiAccess;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.IntegrationTests.Events;

/// <summary>The per-series feed /veranstaltungen/reihen/{id}.ics, read by ical.js: every date, moved and cancelled ones as they are.</summary>
public sealed class SeriesCalendarFeedTests(QuartiersnetzFactory factory) : IClassFixture<QuartiersnetzFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static int Year => DateTime.UtcNow.Year + 1;

    [Fact]
    public async Task The_series_feed_holds_every_date_with_a_stable_uid_the_moved_one_at_its_new_time_and_the_cancelled_one_as_cancelled()
    {
        var office = await OfficeApiAsync();
        var (id, dates) = await CreateSeriesAsync(office, "Public");
        var anonymous = factory.CreateClient();
        var before = await FeedAsync(anonymous, id);
        Assert.Equal(dates.Select(d => EventCalendar.Uid(d)), before.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("uid").GetString()));

        var movedStart = new DateTimeOffset(Year, 3, 2, 14, 0, 0, TimeSpan.FromHours(1));
        using (var moved = await office.PostAsJsonAsync($"/api/v1/event-series/{id}/occurrences/{dates[1]}/move", new { startsAt = movedStart }, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        }

        using (var cancelled = await office.PostAsync(new Uri($"/api/v1/event-series/{id}/occurrences/{dates[2]}/cancel", UriKind.Relative), null, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        }

        using var response = await anonymous.GetAsync(new Uri($"/veranstaltungen/reihen/{id}.ics", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType!.MediaType);
        var parsed = await CalendarFeedTests.AssertValidAsync(await response.Content.ReadAsStringAsync(Ct));
        var events = parsed.GetProperty("events").EnumerateArray().ToDictionary(e => e.GetProperty("uid").GetString()!);
        Assert.Equal(dates.Count, events.Count);
        Assert.All(dates, d => Assert.True(events.ContainsKey(EventCalendar.Uid(d))));
        var movedEntry = events[EventCalendar.Uid(dates[1])];
        Assert.Equal(movedStart.UtcDateTime, DateTime.Parse(movedEntry.GetProperty("startUtc").GetString()!, System.Globalization.CultureInfo.InvariantCulture).ToUniversalTime());
        Assert.Equal(1, movedEntry.GetProperty("sequence").GetInt32());
        Assert.Equal("CANCELLED", events[EventCalendar.Uid(dates[2])].GetProperty("status").GetString());
        Assert.Equal("CONFIRMED", events[EventCalendar.Uid(dates[0])].GetProperty("status").GetString());

        // The series page offers the subscription.
        var page = await anonymous.GetDocumentAsync($"/veranstaltungen/reihen/{id}");
        var link = page.QuerySelector("#series-feed-link")!;
        Assert.Equal($"/veranstaltungen/reihen/{id}.ics", link.GetAttribute("href"));
        Assert.Equal("Reihe abonnieren (iCal)", link.TextContent.Trim());
    }

    [Fact]
    public async Task A_members_only_series_feed_is_hidden_from_the_public_like_its_page_and_unknown_or_malformed_ids_are_404()
    {
        var office = await OfficeApiAsync();
        var (id, dates) = await CreateSeriesAsync(office, "Members");
        var anonymous = factory.CreateClient();

        using (var page = await anonymous.GetAsync(new Uri($"/veranstaltungen/reihen/{id}", UriKind.Relative), Ct))
        using (var feed = await anonymous.GetAsync(new Uri($"/veranstaltungen/reihen/{id}.ics", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, feed.StatusCode);
        }

        var member = await factory.SignedInAsAsync(await factory.CreatePersonAsync([Roles.MemberStaff]));
        using (var feed = await member.GetAsync(new Uri($"/veranstaltungen/reihen/{id}.ics", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
            Assert.True(feed.Headers.CacheControl!.Private);
            Assert.True(feed.Headers.CacheControl.NoCache);
            var parsed = await CalendarFeedTests.AssertValidAsync(await feed.Content.ReadAsStringAsync(Ct));
            Assert.Equal(dates.Count, parsed.GetProperty("events").GetArrayLength());
        }

        using (var unknown = await anonymous.GetAsync(new Uri($"/veranstaltungen/reihen/{Guid.NewGuid()}.ics", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }

        // A malformed id matches no endpoint (the app's general rule for unknown file-like paths applies); never a calendar, never an error.
        foreach (var bad in new[] { "/veranstaltungen/reihen/keine-reihe.ics", "/veranstaltungen/reihen/.ics" })
        {
            using var response = await anonymous.GetAsync(new Uri(bad, UriKind.Relative), Ct);
            Assert.True((int)response.StatusCode < 500, $"{bad}: {(int)response.StatusCode}");
            Assert.NotEqual("text/calendar", response.Content.Headers.ContentType?.MediaType);
        }
    }

    private static async Task<JsonElement> FeedAsync(HttpClient client, Guid id) =>
        await CalendarFeedTests.AssertValidAsync(await client.GetStringAsync(new Uri($"/veranstaltungen/reihen/{id}.ics", UriKind.Relative), Ct));

    private static async Task<(Guid Id, List<Guid> Dates)> CreateSeriesAsync(HttpClient office, string audience)
    {
        using var created = await office.PostAsJsonAsync("/api/v1/event-series", new Dictionary<string, object?>
        {
            ["rule"] = "FREQ=MONTHLY;BYDAY=3WE;COUNT=4",
            ["firstDate"] = $"{Year}-01-01",
            ["startTime"] = "10:00",
            ["endTime"] = "13:00",
            ["type"] = "Netzwerktreffen",
            ["title"] = "Netzwerktreffen im Reihen-Feed",
            ["description"] = "Austausch.",
            ["placeMode"] = "OnSite",
            ["venueName"] = "Rathaus Dortmund",
            ["audience"] = audience,
            ["capacity"] = 12,
            ["topics"] = Array.Empty<string>(),
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var series = await created.JsonAsync();
        return (series.GetProperty("id").GetGuid(), [.. series.GetProperty("occurrences").EnumerateArray().Select(d => d.GetProperty("eventId").GetGuid())]);
    }

    private async Task<HttpClient> OfficeApiAsync() =>
        factory.CreateBearerClient(await factory.AccessTokenAsync(await factory.CreatePersonAsync([Roles.Office], twoFactor: true)));
}
