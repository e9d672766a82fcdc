using System.Net;
using Quartiersnetz.Features.Events;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.IntegrationTests.Events;

/// <summary>The office's series pages (rule builder, move, cancel, copy), the public series page and the month view.</summary>
public sealed class EventSeriesPagesTests(QuartiersnetzFactory factory) : IClassFixture<QuartiersnetzFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static int Year => DateTime.UtcNow.Year + 1;

    [Fact]
    public async Task The_office_builds_a_monthly_rule_moves_one_date_and_cancels_another()
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var title = "Reihe " + Guid.NewGuid().ToString("N")[..6];

        using var created = await office.SubmitFormAsync("/geschaeftsstelle/veranstaltungen/reihen/neu", SeriesForm(title), "#series-form");

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var path = created.Headers.Location!.OriginalString;
        var seriesId = Guid.Parse(path.Split('/').Last());
        var page = await office.GetDocumentAsync(path);
        Assert.Equal("jeden 3. Mittwoch im Monat, 10:00–13:00 Uhr, 4 Termine", page.QuerySelector("#series-summary")!.TextContent.Trim());
        Assert.Contains("4 Terminen", page.QuerySelector("#series-message")!.TextContent, StringComparison.Ordinal);
        var rows = page.QuerySelectorAll("#occurrences tbody tr").Select(r => Guid.Parse(r.GetAttribute("data-event-id")!)).ToList();
        Assert.Equal(4, rows.Count);

        var second = await factory.EventAsync(rows[1]);
        var newDay = DateOnly.FromDateTime(second.StartUtc).AddDays(2);
        using var moved = await office.SubmitFormAsync($"/geschaeftsstelle/veranstaltungen/reihen/{seriesId}/termine/{rows[1]}", new Dictionary<string, string>
        {
            ["Move.StartsAt"] = $"{newDay:yyyy-MM-dd}T15:00",
            ["Move.EndsAt"] = $"{newDay:dd.MM.yyyy} 17:00",
        }, "#move-form");
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        using var cancelled = await office.SubmitFormAsync($"/geschaeftsstelle/veranstaltungen/reihen/{seriesId}/termine/{rows[2]}", new Dictionary<string, string>(), "#cancel-form");
        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);

        var after = await office.GetDocumentAsync(path);
        Assert.Contains("verschoben", after.QuerySelector($"tr[data-event-id='{rows[1]}']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("abgesagt", after.QuerySelector($"tr[data-event-id='{rows[2]}']")!.TextContent, StringComparison.Ordinal);
        var movedEvent = await factory.EventAsync(rows[1]);
        Assert.Equal(new TimeOnly(15, 0), TimeOnly.FromDateTime(movedEvent.StartUtc.AddHours(1)));
        Assert.Equal(TimeSpan.FromHours(2), movedEvent.EndUtc - movedEvent.StartUtc);

        // Onto the fourth date's day: refused in German, nothing changed.
        var fourth = await factory.EventAsync(rows[3]);
        var fourthDay = DateOnly.FromDateTime(fourth.StartUtc);
        using var clash = await office.SubmitFormAsync($"/geschaeftsstelle/veranstaltungen/reihen/{seriesId}/termine/{rows[0]}", new Dictionary<string, string>
        {
            ["Move.StartsAt"] = $"{fourthDay:yyyy-MM-dd}T18:00", ["Move.EndsAt"] = "",
        }, "#move-form");
        Assert.Equal(HttpStatusCode.OK, clash.StatusCode);
        Assert.Contains("schon einen Termin", (await clash.ParseAsync()).QuerySelector("#Move_StartsAt-error")!.TextContent, StringComparison.Ordinal);

        var anonymous = factory.CreateBrowserLikeClient();
        var publicSeries = await anonymous.GetDocumentAsync($"/veranstaltungen/reihen/{seriesId}");
        Assert.Equal(4, publicSeries.QuerySelectorAll("#series-dates li").Length);
        Assert.Contains("abgesagt", publicSeries.QuerySelector($"#series-dates li[data-event-id='{rows[2]}']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("verschoben vom", publicSeries.QuerySelector($"#series-dates li[data-event-id='{rows[1]}']")!.TextContent, StringComparison.Ordinal);
        var eventPage = await anonymous.GetDocumentAsync($"/veranstaltungen/{rows[0]}");
        Assert.Contains(title, eventPage.QuerySelector("#event-series")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_rule_builder_refuses_missing_week_days_and_a_typed_rule_that_never_ends()
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var before = await factory.EventQueryAsync(db => db.Set<EventSeries>().CountAsync(Ct));

        var form = SeriesForm("Ohne Wochentag");
        form["Rule.Frequency"] = "weekly";
        using var noDays = await office.SubmitFormAsync("/geschaeftsstelle/veranstaltungen/reihen/neu", form, "#series-form");
        var raw = SeriesForm("Endlos");
        raw["Schedule.RawRule"] = "FREQ=WEEKLY;BYDAY=MO";
        using var endless = await office.SubmitFormAsync("/geschaeftsstelle/veranstaltungen/reihen/neu", raw, "#series-form");
        var times = SeriesForm("Falsche Zeiten");
        times["Schedule.StartTime"] = "13:00";
        times["Schedule.EndTime"] = "10:00";
        using var endBeforeStart = await office.SubmitFormAsync("/geschaeftsstelle/veranstaltungen/reihen/neu", times, "#series-form");

        Assert.Equal(HttpStatusCode.OK, noDays.StatusCode);
        Assert.Contains("mindestens einen Wochentag", (await noDays.ParseAsync()).QuerySelector("#fehler")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("endet nie", (await endless.ParseAsync()).QuerySelector("#Schedule_Rule-error")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("nach dem Beginn", (await endBeforeStart.ParseAsync()).QuerySelector("#Schedule_EndTime-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await factory.EventQueryAsync(db => db.Set<EventSeries>().CountAsync(Ct)));
    }

    [Fact]
    public async Task The_office_copies_an_event_with_a_new_date_and_copies_a_whole_series()
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var source = await factory.CreateEventAsync(title: "Fortbildung zum Kopieren", capacity: 7);

        var copyForm = await office.GetDocumentAsync($"/geschaeftsstelle/veranstaltungen/{source}/kopieren");
        Assert.Equal("Fortbildung zum Kopieren", copyForm.QuerySelector("#Input_Title")!.GetAttribute("value"));
        Assert.Equal("7", copyForm.QuerySelector("#Input_Capacity")!.GetAttribute("value"));
        using var copied = await office.SubmitFormAsync($"/geschaeftsstelle/veranstaltungen/{source}/kopieren", new Dictionary<string, string>
        {
            ["Input.Type"] = "Fortbildung", ["Input.PlaceMode"] = "OnSite", ["Input.Audience"] = "Public",
            ["Input.StartsAt"] = $"{Year}-09-01T10:00", ["Input.EndsAt"] = $"{Year}-09-01T12:00",
        }, "#event-form");

        Assert.Equal(HttpStatusCode.Redirect, copied.StatusCode);
        var copyId = Guid.Parse(copied.Headers.Location!.OriginalString.Split('/').Last());
        Assert.NotEqual(source, copyId);
        var copy = await factory.EventAsync(copyId);
        Assert.Equal("Fortbildung zum Kopieren", copy.Title);
        Assert.Equal(7, copy.Capacity);
        Assert.Equal(0, copy.ConfirmedCount);

        using var created = await office.SubmitFormAsync("/geschaeftsstelle/veranstaltungen/reihen/neu", SeriesForm("Reihe zum Kopieren"), "#series-form");
        var seriesId = Guid.Parse(created.Headers.Location!.OriginalString.Split('/').Last());
        var seriesCopy = await office.GetDocumentAsync($"/geschaeftsstelle/veranstaltungen/reihen/{seriesId}/kopieren");
        Assert.Equal("FREQ=MONTHLY;BYDAY=3WE;COUNT=4", seriesCopy.QuerySelector("#Schedule_RawRule")!.GetAttribute("value"));
        using var second = await office.SubmitFormAsync($"/geschaeftsstelle/veranstaltungen/reihen/{seriesId}/kopieren", new Dictionary<string, string>
        {
            ["Schedule.FirstDate"] = $"{Year}-07-01", ["Input.Type"] = "Netzwerktreffen", ["Input.PlaceMode"] = "OnSite", ["Input.Audience"] = "Members",
            ["Rule.Ordinal"] = "3", ["Rule.WeekDay"] = "WE",
        }, "#series-form");
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        var secondId = Guid.Parse(second.Headers.Location!.OriginalString.Split('/').Last());
        Assert.NotEqual(seriesId, secondId);
        var dates = await factory.EventQueryAsync(db => db.Set<Event>().Where(e => e.SeriesId == secondId).OrderBy(e => e.StartUtc).Select(e => e.StartUtc).ToListAsync(Ct));
        Assert.Equal(4, dates.Count);
        Assert.Equal(7, dates[0].Month);
    }

    [Fact]
    public async Task The_month_view_lists_events_per_day_and_filters_by_regierungsbezirk_and_online()
    {
        var inDortmund = await factory.CreateEventAsync(title: "Treffen in Dortmund", startUtc: new DateTime(Year, 5, 12, 8, 0, 0, DateTimeKind.Utc));
        var online = await factory.CreateEventAsync(title: "Online-Seminar im Mai", startUtc: new DateTime(Year, 5, 20, 8, 0, 0, DateTimeKind.Utc), onlineLink: "https://meet.example/x");
        await factory.EventQueryAsync(async db =>
        {
            (await db.Set<Event>().SingleAsync(e => e.Id == inDortmund, Ct)).MunicipalityAgs = "05913000";
            var o = await db.Set<Event>().SingleAsync(e => e.Id == online, Ct);
            o.PlaceMode = PlaceMode.Online;
            o.MunicipalityAgs = "05315000";
            return await db.SaveChangesAsync(Ct);
        });
        var client = factory.CreateBrowserLikeClient();

        var month = await client.GetDocumentAsync($"/veranstaltungen/monat?jahr={Year}&monat=5");
        var arnsberg = await client.GetDocumentAsync($"/veranstaltungen/monat?jahr={Year}&monat=5&bezirk=059");
        var onlineOnly = await client.GetDocumentAsync($"/veranstaltungen/monat?jahr={Year}&monat=5&ort=online");
        var list = await client.GetDocumentAsync("/veranstaltungen?bezirk=053");

        Assert.NotNull(month.QuerySelector($"#tag-12 ~ ul [data-event-id='{inDortmund}']"));
        Assert.NotNull(month.QuerySelector($"#tag-20 ~ ul [data-event-id='{online}']"));
        Assert.Contains("1 Termin", month.QuerySelector("#month-grid")!.TextContent, StringComparison.Ordinal);
        Assert.Equal($"/veranstaltungen/monat?jahr={Year}&monat=6", month.QuerySelector("#next-month")!.GetAttribute("href"));
        Assert.Equal($"/veranstaltungen/monat?jahr={Year}&monat=4", month.QuerySelector("#previous-month")!.GetAttribute("href"));
        Assert.NotNull(arnsberg.QuerySelector($"[data-event-id='{inDortmund}']"));
        Assert.Null(arnsberg.QuerySelector($"[data-event-id='{online}']"));
        Assert.Null(onlineOnly.QuerySelector($"[data-event-id='{inDortmund}']"));
        Assert.NotNull(onlineOnly.QuerySelector($"[data-event-id='{online}']"));
        Assert.NotNull(list.QuerySelector($"[data-event-id='{online}']"));
        Assert.Null(list.QuerySelector($"[data-event-id='{inDortmund}']"));
        // Unknown values are dropped, not an error.
        await client.GetDocumentAsync("/veranstaltungen/monat?jahr=99999&monat=13&bezirk=x&ort=mond&thema=gibtsnicht");
    }

    private static Dictionary<string, string> SeriesForm(string title) => new()
    {
        ["Schedule.FirstDate"] = $"{Year}-01-01",
        ["Schedule.StartTime"] = "10:00",
        ["Schedule.EndTime"] = "13:00",
        ["Rule.Frequency"] = "monthlyWeekday",
        ["Rule.Ordinal"] = "3",
        ["Rule.WeekDay"] = "WE",
        ["Rule.EndKind"] = "count",
        ["Rule.Count"] = "4",
        ["Input.Type"] = "Netzwerktreffen",
        ["Input.Title"] = title,
        ["Input.PlaceMode"] = "OnSite",
        ["Input.Audience"] = "Public",
        ["Input.Capacity"] = "20",
    };
}
