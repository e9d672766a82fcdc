using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Quartiersnetz.Features.Events;
using Quartiersnetz.IntegrationTests.ApiAccess;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.IntegrationTests.Events;

/// <summary>Series with recurrence through /api/v1/event-series: rule evaluation, Berlin times across DST, exceptions, bad input.</summary>
public sealed class EventSeriesApiTests(QuartiersnetzFactory factory) : IClassFixture<QuartiersnetzFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static int Year => DateTime.UtcNow.Year + 1;

    [Fact]
    public async Task The_office_creates_a_monthly_series_whose_dates_keep_ten_o_clock_across_summer_time()
    {
        var office = await OfficeApiAsync();

        using var created = await office.PostAsJsonAsync("/api/v1/event-series", SeriesBody(), Ct);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var json = await created.JsonAsync();
        var id = json.GetProperty("id").GetGuid();
        Assert.Equal($"/api/v1/event-series/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal("jeden 3. Mittwoch im Monat, 10:00–13:00 Uhr, 6 Termine", json.GetProperty("summary").GetString());
        var dates = json.GetProperty("occurrences").EnumerateArray().ToList();
        Assert.Equal(6, dates.Count);
        // Third Wednesdays, 10:00 Berlin: 09:00 UTC in winter, 08:00 UTC in summer.
        var starts = dates.Select(d => d.GetProperty("startUtc").GetDateTime()).ToList();
        Assert.All(starts, s => Assert.Equal(DayOfWeek.Wednesday, s.DayOfWeek));
        Assert.All(starts, s => Assert.InRange(s.Day, 15, 21));
        Assert.Equal(9, starts[0].Hour);
        Assert.Equal(8, starts[5].Hour);
        Assert.Equal(new DateOnly(Year, 1, starts[0].Day), DateOnly.FromDateTime(starts[0]));

        var occurrences = await factory.EventQueryAsync(db => db.Set<Event>().Where(e => e.SeriesId == id).OrderBy(e => e.StartUtc).ToListAsync(Ct));
        Assert.Equal(6, occurrences.Count);
        Assert.All(occurrences, e => Assert.Equal("Netzwerktreffen Soziale Stadt", e.Title));
        Assert.All(occurrences, e => Assert.Equal(12, e.Capacity));
        Assert.All(occurrences, e => Assert.Equal(TimeSpan.FromHours(3), e.EndUtc - e.StartUtc));
        Assert.All(occurrences, e => Assert.Equal("05913000", e.MunicipalityAgs));

        var anonymous = factory.CreateClient();
        var list = await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/event-series?pageSize=100", Ct);
        var item = list.GetProperty("items").EnumerateArray().Single(s => s.GetProperty("id").GetGuid() == id);
        Assert.Equal(6, item.GetProperty("occurrenceCount").GetInt32());
        var events = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/events?from={Year}-01-01T00:00:00Z&to={Year}-07-01T00:00:00Z&pageSize=100", Ct);
        Assert.Equal(6, events.GetProperty("items").EnumerateArray().Count(e => occurrences.Any(o => o.Id == e.GetProperty("id").GetGuid())));
        Assert.Contains("eventseries.created", (await factory.AuditEntriesAsync(id.ToString())).Select(e => e.Action));
    }

    [Fact]
    public async Task A_moved_date_and_a_cancelled_date_stay_as_they_are_when_the_series_changes()
    {
        var office = await OfficeApiAsync();
        using var created = await office.PostAsJsonAsync("/api/v1/event-series", SeriesBody(), Ct);
        var series = await created.JsonAsync();
        var id = series.GetProperty("id").GetGuid();
        var dates = series.GetProperty("occurrences").EnumerateArray().Select(d => d.GetProperty("eventId").GetGuid()).ToList();
        var second = await factory.EventAsync(dates[1]);

        // Moved one day later, 14:00 Berlin; the end keeps the duration.
        var movedStart = new DateTimeOffset(DateOnly.FromDateTime(second.StartUtc).AddDays(1).ToDateTime(new TimeOnly(14, 0)), TimeSpan.FromHours(1));
        using var moved = await office.PostAsJsonAsync($"/api/v1/event-series/{id}/occurrences/{dates[1]}/move", new { startsAt = movedStart }, Ct);
        using var cancelled = await office.PostAsync(new Uri($"/api/v1/event-series/{id}/occurrences/{dates[2]}/cancel", UriKind.Relative), null, Ct);
        using var agenda = await office.PutAsJsonAsync($"/api/v1/event-series/{id}/occurrences/{dates[3]}/agenda", new { agenda = "1. **Begrüßung**" }, Ct);

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal(HttpStatusCode.OK, agenda.StatusCode);
        var afterMove = await factory.EventAsync(dates[1]);
        Assert.Equal(movedStart.UtcDateTime, afterMove.StartUtc);
        Assert.Equal(TimeSpan.FromHours(3), afterMove.EndUtc - afterMove.StartUtc);
        Assert.True(afterMove.ChangedInSeries);
        Assert.Equal(1, afterMove.Sequence);
        Assert.Equal(DateOnly.FromDateTime(second.StartUtc), afterMove.OccurrenceDate);
        Assert.Equal(EventStatus.Cancelled, (await factory.EventAsync(dates[2])).Status);

        using var updated = await office.PutAsJsonAsync($"/api/v1/event-series/{id}", SeriesBody(b =>
        {
            b["title"] = "Netzwerktreffen (neuer Titel)";
            b["startTime"] = "09:30";
            b["endTime"] = "12:00";
        }), Ct);

        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var after = await updated.JsonAsync();
        Assert.Equal("Netzwerktreffen (neuer Titel)", after.GetProperty("title").GetString());
        Assert.StartsWith("jeden 3. Mittwoch im Monat, 09:30–12:00 Uhr", after.GetProperty("summary").GetString(), StringComparison.Ordinal);
        var first = await factory.EventAsync(dates[0]);
        Assert.Equal("Netzwerktreffen (neuer Titel)", first.Title);
        Assert.Equal(new TimeOnly(9, 30), TimeOnly.FromDateTime(first.StartUtc.AddHours(1)));
        Assert.Equal(1, first.Sequence);
        Assert.Equal("Netzwerktreffen Soziale Stadt", (await factory.EventAsync(dates[1])).Title);
        Assert.Equal(afterMove.StartUtc, (await factory.EventAsync(dates[1])).StartUtc);
        Assert.Equal(EventStatus.Cancelled, (await factory.EventAsync(dates[2])).Status);
        Assert.Equal("1. **Begrüßung**", (await factory.EventAsync(dates[3])).Agenda);

        var page = await factory.CreateBrowserLikeClient().GetDocumentAsync($"/veranstaltungen/{dates[3]}");
        Assert.Equal($"/veranstaltungen/reihen/{id}", page.QuerySelector("#event-series a")!.GetAttribute("href"));
        Assert.NotNull(page.QuerySelector("#event-agenda strong"));
        Assert.Equal(["event.moved"], (await factory.AuditEntriesAsync(dates[1].ToString())).Select(e => e.Action));
    }

    [Theory]
    [InlineData("FREQ=MONTHLY;BYDAY=3WE", "endet nie")]
    [InlineData("FREQ=WEEKLY;COUNT=201", "mehr als 200")]
    [InlineData("FREQ=YEARLY;COUNT=5", "3 Jahre")]
    [InlineData("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30;COUNT=3", "keinen einzigen Termin")]
    [InlineData("FREQ=WEEKLY;UNTIL=20000101T000000Z", "keinen einzigen Termin")]
    [InlineData("GARBAGE", "keine gültige RRULE")]
    [InlineData("FREQ=HOURLY;COUNT=3", "höchstens einen Termin am Tag")]
    public async Task A_bad_rule_is_refused_in_German_and_nothing_is_stored(string rule, string message)
    {
        var office = await OfficeApiAsync();
        var before = await factory.EventQueryAsync(db => db.Set<Event>().CountAsync(Ct));

        using var response = await office.PostAsJsonAsync("/api/v1/event-series", SeriesBody(b => b["rule"] = rule), Ct);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(message, problem.GetProperty("errors").GetProperty("rule")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await factory.EventQueryAsync(db => db.Set<Event>().CountAsync(Ct)));
    }

    [Fact]
    public async Task End_before_start_a_past_first_date_and_unknown_fields_are_refused()
    {
        var office = await OfficeApiAsync();
        var before = await factory.EventQueryAsync(db => db.Set<EventSeries>().CountAsync(Ct));

        using var endBeforeStart = await office.PostAsJsonAsync("/api/v1/event-series", SeriesBody(b => { b["startTime"] = "13:00"; b["endTime"] = "10:00"; }), Ct);
        using var past = await office.PostAsJsonAsync("/api/v1/event-series", SeriesBody(b => b["firstDate"] = "2020-01-01"), Ct);
        using var badDate = await office.PostAsJsonAsync("/api/v1/event-series", SeriesBody(b => { b["firstDate"] = "morgen"; b["title"] = ""; }), Ct);
        using var badAgs = await office.PostAsJsonAsync("/api/v1/event-series", SeriesBody(b => b["municipalityAgs"] = "05999999"), Ct);

        Assert.Contains("nach dem Beginn", (await endBeforeStart.AssertProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("endTime")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("Zukunft", (await past.AssertProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("firstDate")[0].GetString(), StringComparison.Ordinal);
        var both = (await badDate.AssertProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.True(both.TryGetProperty("firstDate", out _));
        Assert.True(both.TryGetProperty("title", out _));
        Assert.Contains("keine Gemeinde", (await badAgs.AssertProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("municipalityAgs")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await factory.EventQueryAsync(db => db.Set<EventSeries>().CountAsync(Ct)));
    }

    [Fact]
    public async Task Moving_into_the_past_or_onto_another_date_of_the_series_is_refused_and_only_the_office_may_change()
    {
        var office = await OfficeApiAsync();
        using var created = await office.PostAsJsonAsync("/api/v1/event-series", SeriesBody(), Ct);
        var series = await created.JsonAsync();
        var id = series.GetProperty("id").GetGuid();
        var dates = series.GetProperty("occurrences").EnumerateArray().ToList();
        var first = dates[0].GetProperty("eventId").GetGuid();
        var thirdStart = dates[2].GetProperty("startUtc").GetDateTime();

        using var past = await office.PostAsJsonAsync($"/api/v1/event-series/{id}/occurrences/{first}/move", new { startsAt = DateTimeOffset.UtcNow.AddDays(-1) }, Ct);
        using var clash = await office.PostAsJsonAsync($"/api/v1/event-series/{id}/occurrences/{first}/move", new { startsAt = new DateTimeOffset(thirdStart.AddHours(5), TimeSpan.Zero) }, Ct);
        using var endFirst = await office.PostAsJsonAsync($"/api/v1/event-series/{id}/occurrences/{first}/move",
            new { startsAt = new DateTimeOffset(thirdStart.AddDays(1), TimeSpan.Zero), endsAt = new DateTimeOffset(thirdStart.AddDays(1).AddHours(-1), TimeSpan.Zero) }, Ct);
        using var missing = await office.PostAsJsonAsync($"/api/v1/event-series/{id}/occurrences/{first}/move", new { }, Ct);
        using var unknown = await office.PostAsync(new Uri($"/api/v1/event-series/{id}/occurrences/{Guid.NewGuid()}/cancel", UriKind.Relative), null, Ct);
        using var unknownSeries = await office.GetAsync(new Uri($"/api/v1/event-series/{Guid.NewGuid()}", UriKind.Relative), Ct);
        var member = factory.CreateBearerClient(await factory.AccessTokenAsync(await factory.CreatePersonAsync([Roles.MemberStaff])));
        using var forbidden = await member.PostAsync(new Uri($"/api/v1/event-series/{id}/occurrences/{first}/cancel", UriKind.Relative), null, Ct);
        using var forbiddenCreate = await member.PostAsJsonAsync("/api/v1/event-series", SeriesBody(), Ct);

        Assert.Contains("Vergangenheit", (await past.AssertProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("startsAt")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("schon einen Termin", (await clash.AssertProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("startsAt")[0].GetString(), StringComparison.Ordinal);
        Assert.True((await endFirst.AssertProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("endsAt", out _));
        Assert.True((await missing.AssertProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("startsAt", out _));
        await unknown.AssertProblemAsync(HttpStatusCode.NotFound);
        await unknownSeries.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forbiddenCreate.StatusCode);
        var unchanged = await factory.EventAsync(first);
        Assert.Equal(dates[0].GetProperty("startUtc").GetDateTime(), unchanged.StartUtc);
        Assert.Equal(EventStatus.Published, unchanged.Status);
        Assert.Equal(0, unchanged.Sequence);
    }

    [Fact]
    public async Task A_members_only_series_is_hidden_from_the_public()
    {
        var office = await OfficeApiAsync();
        using var created = await office.PostAsJsonAsync("/api/v1/event-series", SeriesBody(b => b["audience"] = "Members"), Ct);
        var id = (await created.JsonAsync()).GetProperty("id").GetGuid();

        var anonymous = factory.CreateClient();
        using var get = await anonymous.GetAsync(new Uri($"/api/v1/event-series/{id}", UriKind.Relative), Ct);
        var list = await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/event-series?pageSize=100", Ct);
        var member = factory.CreateBearerClient(await factory.AccessTokenAsync(await factory.CreatePersonAsync([Roles.MemberStaff])));
        var memberView = await member.GetFromJsonAsync<JsonElement>($"/api/v1/event-series/{id}", Ct);

        await get.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), s => s.GetProperty("id").GetGuid() == id);
        Assert.Equal(6, memberView.GetProperty("occurrences").GetArrayLength());
        await factory.CreateBrowserLikeClient().GetDocumentAsync($"/veranstaltungen/reihen/{id}", HttpStatusCode.NotFound);
    }

    private static Dictionary<string, object?> SeriesBody(Action<Dictionary<string, object?>>? change = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["rule"] = "FREQ=MONTHLY;BYDAY=3WE;COUNT=6",
            ["firstDate"] = $"{Year}-01-01",
            ["startTime"] = "10:00",
            ["endTime"] = "13:00",
            ["municipalityAgs"] = "05913000",
            ["type"] = "Netzwerktreffen",
            ["title"] = "Netzwerktreffen Soziale Stadt",
            ["description"] = "Austausch der **Quartiersmanagements**.",
            ["placeMode"] = "OnSite",
            ["venueName"] = "Rathaus Dortmund",
            ["audience"] = "Public",
            ["capacity"] = 12,
            ["topics"] = Array.Empty<string>(),
        };
        change?.Invoke(body);
        return body;
    }

    private async Task<HttpClient> OfficeApiAsync() =>
        factory.CreateBearerClient(await factory.AccessTokenAsync(await factory.CreatePersonAsync([Roles.Office], twoFactor: true)));
}
