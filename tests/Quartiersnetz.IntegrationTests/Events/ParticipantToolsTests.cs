using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Events;
using Quartiersnetz.IntegrationTests.ApiAccess;
using Quartiersnetz.IntegrationTests.Exports;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.IntegrationTests.Topics;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.IntegrationTests.Events;

/// <summary>The office's participant list of an event: filters, a fixed number of queries, exports, PDFs and the bulk mail.</summary>
public sealed class ParticipantToolsTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly CommandCounter _counter = new();
    private readonly QuartiersnetzFactory _factory;

    public ParticipantToolsTests() =>
        _factory = new QuartiersnetzFactory().WithServices(services =>
            services.ConfigureDbContext<QuartiersnetzDbContext>(options => options.AddInterceptors(_counter)));

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task The_list_of_a_thousand_registrations_needs_as_many_queries_as_that_of_three()
    {
        var small = await _factory.CreateEventAsync(capacity: 2);
        var large = await _factory.CreateEventAsync(capacity: 600);
        await AddRegistrationsAsync(small, 3, capacity: 2);
        await AddRegistrationsAsync(large, 1000, capacity: 600);
        var office = await _factory.CreateClientSignedInAsync(Roles.Office);
        var api = await OfficeApiAsync();
        await office.GetDocumentAsync($"/geschaeftsstelle/veranstaltungen/{small}/teilnehmende"); // warm up

        var counts = new List<int>();
        foreach (var url in new[]
        {
            $"/geschaeftsstelle/veranstaltungen/{small}/teilnehmende", $"/geschaeftsstelle/veranstaltungen/{large}/teilnehmende",
            $"/geschaeftsstelle/veranstaltungen/{small}/teilnehmende?status=waitlisted&seite=1", $"/geschaeftsstelle/veranstaltungen/{large}/teilnehmende?status=waitlisted&seite=3",
        })
        {
            _counter.Reset();
            var watch = Stopwatch.StartNew();
            var page = await office.GetDocumentAsync(url);
            TestContext.Current.TestOutputHelper?.WriteLine($"{url}: {_counter.Count} commands, {watch.ElapsedMilliseconds} ms");
            counts.Add(_counter.Count);
            Assert.NotNull(page.QuerySelector("#participants"));
        }

        Assert.Equal(counts[0], counts[1]);
        Assert.Equal(counts[2], counts[3]);

        _counter.Reset();
        var list = await api.GetFromJsonAsync<JsonElement>($"/api/v1/events/{large}/registrations?status=waitlisted&page=4&pageSize=100", Ct);
        var forLarge = _counter.Count;
        _counter.Reset();
        await api.GetFromJsonAsync<JsonElement>($"/api/v1/events/{small}/registrations?status=waitlisted", Ct);
        Assert.Equal(_counter.Count, forLarge);
        Assert.Equal(400, list.GetProperty("totalCount").GetInt32());
        // Positions on the waiting list continue across pages.
        Assert.Equal(301, list.GetProperty("items")[0].GetProperty("waitlistPosition").GetInt32());

        // Unfiltered, page by page: the confirmed in order of registration, then the waiting list in its order.
        var lastConfirmed = (await api.GetFromJsonAsync<JsonElement>($"/api/v1/events/{large}/registrations?page=6&pageSize=100", Ct))
            .GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(100, lastConfirmed.Count);
        Assert.All(lastConfirmed, r => Assert.Equal("confirmed", r.GetProperty("status").GetString()));
        var times = lastConfirmed.Select(r => r.GetProperty("registeredAtUtc").GetDateTime()).ToList();
        Assert.Equal(times.Order(), times);
        var firstWaiting = (await api.GetFromJsonAsync<JsonElement>($"/api/v1/events/{large}/registrations?page=7&pageSize=100", Ct))
            .GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(1, 100), firstWaiting.Select(r => r.GetProperty("waitlistPosition").GetInt32()));
        Assert.True(firstWaiting[0].GetProperty("registeredAtUtc").GetDateTime() > times[^1]);
    }

    [Fact]
    public async Task The_list_filters_by_status_and_by_name_municipality_or_organisation()
    {
        var eventId = await _factory.CreateEventAsync(capacity: 2);
        var ids = await _factory.CreateAccountsAsync(3);
        await _factory.EventQueryAsync(async db =>
        {
            var users = await db.Users.Where(u => ids.Contains(u.Id)).ToListAsync(Ct);
            users.Single(u => u.Id == ids[0]).DisplayName = "Hanna Quellenberg";
            users.Single(u => u.Id == ids[1]).MunicipalityAgs = ApiTestPeople.Koeln;
            users.Single(u => u.Id == ids[2]).Organisation = "Quartiersbüro Nordstadt";
            return await db.SaveChangesAsync(Ct);
        });
        var api = await OfficeApiAsync();
        foreach (var personId in ids)
        {
            using var registered = await api.PostAsJsonAsync($"/api/v1/events/{eventId}/registrations", new { personId }, Ct);
        }

        async Task<List<Guid>> PeopleAsync(string query) =>
            [.. (await api.GetFromJsonAsync<JsonElement>($"/api/v1/events/{eventId}/registrations?{query}", Ct))
                .GetProperty("items").EnumerateArray().Select(i => i.GetProperty("personId").GetGuid())];

        Assert.Equal([ids[0]], await PeopleAsync("q=quellen"));
        Assert.Equal([ids[1]], await PeopleAsync("q=köln"));
        Assert.Equal([ids[2]], await PeopleAsync("q=nordstadt"));
        Assert.Equal([ids[2]], await PeopleAsync("status=waitlisted"));
        Assert.Empty(await PeopleAsync("status=waitlisted&q=quellen"));
        var office = await _factory.CreateClientSignedInAsync(Roles.Office);
        var page = await office.GetDocumentAsync($"/geschaeftsstelle/veranstaltungen/{eventId}/teilnehmende?suche=nordstadt");
        Assert.Single(page.QuerySelectorAll("#participants tbody tr"));
        Assert.Contains("Quartiersbüro Nordstadt", page.QuerySelector("#participants")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_list_exports_as_csv_and_xlsx_and_the_confirmed_as_badges_and_attendance_list()
    {
        var eventId = await _factory.CreateEventAsync(capacity: 2, title: "Werkstatt Quartiersarbeit");
        var ids = await _factory.CreateAccountsAsync(3);
        await _factory.EventQueryAsync(async db =>
        {
            (await db.Users.SingleAsync(u => u.Id == ids[0], Ct)).DisplayName = "Zoë Çelik-Überall";
            return await db.SaveChangesAsync(Ct);
        });
        var api = await OfficeApiAsync();
        foreach (var personId in ids)
        {
            using var registered = await api.PostAsJsonAsync($"/api/v1/events/{eventId}/registrations", new { personId }, Ct);
        }

        var office = await _factory.CreateClientSignedInAsync(Roles.Office);
        var csv = await office.DownloadAsync($"/geschaeftsstelle/veranstaltungen/{eventId}/teilnehmende/export?format=csv");
        var xlsx = await office.DownloadAsync($"/geschaeftsstelle/veranstaltungen/{eventId}/teilnehmende/export?format=xlsx&status=waitlisted");

        Assert.Equal(3, csv.Rows.Count);
        Assert.Contains("Zoë Çelik-Überall", csv.Column("Name"));
        Assert.Equal(["Bestätigt", "Bestätigt", "Warteliste"], csv.Column("Status"));
        Assert.Single(xlsx.Rows);
        Assert.Equal("1", xlsx.Column("Position auf der Warteliste")[0]);

        var badges = await PdfTextAsync(office, $"/geschaeftsstelle/veranstaltungen/{eventId}/teilnehmende/export?format=namensschilder");
        var attendance = await PdfTextAsync(office, $"/geschaeftsstelle/veranstaltungen/{eventId}/teilnehmende/export?format=anwesenheitsliste");

        Assert.Contains("Zoë Çelik-Überall", badges, StringComparison.Ordinal);
        Assert.Contains("Werkstatt Quartiersarbeit", badges, StringComparison.Ordinal);
        Assert.Equal(2, CountOf(badges, "Teilnehmende ") + CountOf(badges, "Zoë"));
        Assert.Contains("Unterschrift", attendance, StringComparison.Ordinal);
        Assert.Contains("Seite 1 von 1", attendance, StringComparison.Ordinal);
        Assert.Contains("Zoë Çelik-Überall", attendance, StringComparison.Ordinal);
        Assert.Contains(await _factory.AuditEntriesAsync(eventId.ToString()), e => e.Action == "event.participants.exported");

        using var unknown = await office.GetAsync(new Uri($"/geschaeftsstelle/veranstaltungen/{eventId}/teilnehmende/export?format=doc", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
    }

    [Fact]
    public async Task A_bulk_mail_shows_the_number_of_recipients_first_and_then_goes_to_the_filtered_participants()
    {
        var eventId = await _factory.CreateEventAsync(capacity: 2);
        var ids = await _factory.CreateAccountsAsync(3);
        var api = await OfficeApiAsync();
        foreach (var personId in ids)
        {
            using var registered = await api.PostAsJsonAsync($"/api/v1/events/{eventId}/registrations", new { personId }, Ct);
        }

        var emails = await _factory.EventQueryAsync(db => db.Users.Where(u => ids.Contains(u.Id)).OrderBy(u => u.DisplayName).Select(u => u.Email!).ToListAsync(Ct));
        var office = await _factory.CreateClientSignedInAsync(Roles.Office);
        var listUrl = $"/geschaeftsstelle/veranstaltungen/{eventId}/teilnehmende?status=confirmed";

        // Step 1: the number, nothing sent.
        var page = await office.GetDocumentAsync(listUrl);
        using var counted = await office.SubmitFormAsync(listUrl, new Dictionary<string, string>
        {
            ["MailSubject"] = "Anreise zur Werkstatt",
            ["MailBody"] = "Bitte bringen Sie **Ihren Ausweis** mit.",
        }, "#mail-form");
        var confirmation = await counted.ParseAsync();
        Assert.Contains("2 Personen", confirmation.QuerySelector("#mail-confirmation")!.TextContent, StringComparison.Ordinal);
        // Only the registration mails so far, no bulk mail.
        Assert.DoesNotContain(await _factory.Mailbox.MailsToAsync(emails[0]), m => m.Subject == "Anreise zur Werkstatt");
        _ = page;

        // Step 2: confirmed, through the API as well (same use case).
        using var sent = await api.PostAsJsonAsync($"/api/v1/events/{eventId}/participants/mail",
            new { subject = "Anreise zur Werkstatt", body = "Bitte bringen Sie **Ihren Ausweis** mit.", status = "confirmed", confirm = true }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        Assert.Equal(2, (await sent.JsonAsync()).GetProperty("recipients").GetInt32());
        var mail = await _factory.Mailbox.WaitForMailAsync(emails[0], m => m.Subject == "Anreise zur Werkstatt");
        Assert.Contains("Ausweis", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(await _factory.Mailbox.MailsToAsync(emails[2]), m => m.Subject == "Anreise zur Werkstatt"); // the waiting one was not selected
        Assert.Contains(await _factory.AuditEntriesAsync(eventId.ToString()), e => e.Action == "event.participants.mailed");
    }

    [Fact]
    public async Task A_bulk_mail_with_an_empty_subject_is_refused_and_nothing_is_sent()
    {
        var eventId = await _factory.CreateEventAsync(capacity: 2);
        var ids = await _factory.CreateAccountsAsync(1);
        var api = await OfficeApiAsync();
        using (await api.PostAsJsonAsync($"/api/v1/events/{eventId}/registrations", new { personId = ids[0] }, Ct))
        {
        }

        using var response = await api.PostAsJsonAsync($"/api/v1/events/{eventId}/participants/mail", new { subject = "  ", body = "Text", confirm = true }, Ct);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Bitte geben Sie einen Betreff ein.", problem.GetProperty("errors").GetProperty("subject")[0].GetString());
        var office = await _factory.CreateClientSignedInAsync(Roles.Office);
        using var form = await office.SubmitFormAsync($"/geschaeftsstelle/veranstaltungen/{eventId}/teilnehmende", new Dictionary<string, string>
        {
            ["MailSubject"] = "",
            ["MailBody"] = "Text",
        }, "#mail-form");
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Contains("Bitte geben Sie einen Betreff ein.", (await form.ParseAsync()).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        var email = await _factory.EventQueryAsync(db => db.Users.Where(u => u.Id == ids[0]).Select(u => u.Email!).SingleAsync(Ct));
        // The registration mail only: no bulk mail.
        Assert.All(await _factory.Mailbox.MailsToAsync(email), m => Assert.StartsWith("Anmeldung bestätigt", m.Subject, StringComparison.Ordinal));
        Assert.DoesNotContain(await _factory.AuditEntriesAsync(eventId.ToString()), e => e.Action == "event.participants.mailed");
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

    /// <summary>Stores registrations directly (arranging): the first <paramref name="capacity"/> confirmed, the rest waiting in order.</summary>
    private async Task AddRegistrationsAsync(Guid eventId, int count, int capacity)
    {
        var people = await _factory.CreateAccountsAsync(count);
        await _factory.EventQueryAsync(async db =>
        {
            var ev = await db.Set<Event>().SingleAsync(e => e.Id == eventId, Ct);
            var start = DateTime.UtcNow.AddDays(-1);
            for (var i = 0; i < people.Count; i++)
            {
                var confirmed = i < capacity;
                db.Add(new EventRegistration
                {
                    EventId = eventId, PersonId = people[i], RegisteredAtUtc = start.AddSeconds(i),
                    Status = confirmed ? RegistrationStatus.Confirmed : RegistrationStatus.Waitlisted,
                    WaitlistNumber = confirmed ? null : i - capacity + 1,
                });
            }

            ev.ConfirmedCount = Math.Min(capacity, count);
            ev.LastWaitlistNumber = Math.Max(0, count - capacity);
            return await db.SaveChangesAsync(Ct);
        });
    }

    private async Task<HttpClient> OfficeApiAsync() =>
        _factory.CreateBearerClient(await _factory.AccessTokenAsync(await _factory.CreatePersonAsync([Roles.Office], twoFactor: true)));
}
