using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Events;
using Quartiersnetz.IntegrationTests.ApiAccess;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.IntegrationTests.Events;

/// <summary>The public calendar, the event page and the office's event pages, used as a browser does.</summary>
public sealed class EventPagesTests(QuartiersnetzFactory factory) : IClassFixture<QuartiersnetzFactory>
{
    private static readonly string[] Audiences = ["Public", "Members"];

    private static readonly string[] TopicSlugs = ["verfuegungsfonds"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_public_list_hides_members_only_events_which_members_see()
    {
        var open = await factory.CreateEventAsync(title: "Offenes Netzwerktreffen");
        var closed = await factory.CreateEventAsync(audience: EventAudience.Members, title: "Internes Netzwerktreffen");

        var publicPage = await factory.CreateBrowserLikeClient().GetDocumentAsync("/veranstaltungen?seite=1");
        var memberPage = await (await factory.CreateClientSignedInAsync(Roles.MemberStaff)).GetDocumentAsync("/veranstaltungen");

        Assert.NotNull(publicPage.QuerySelector($"[data-event-id='{open}']"));
        Assert.Null(publicPage.QuerySelector($"[data-event-id='{closed}']"));
        Assert.NotNull(memberPage.QuerySelector($"[data-event-id='{closed}']"));
        await factory.CreateBrowserLikeClient().GetDocumentAsync($"/veranstaltungen/{closed}", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_home_page_shows_the_next_three_events_the_viewer_may_see()
    {
        // An app of its own: the home page shows the next events of the whole database.
        await using var app = new QuartiersnetzFactory();
        var soon = DateTime.UtcNow.AddHours(1);
        var members = await app.CreateEventAsync(audience: EventAudience.Members, startUtc: soon.AddMinutes(-30), title: "Internes Treffen am Morgen");
        var open = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            open.Add(await app.CreateEventAsync(startUtc: soon.AddHours(i), title: $"Offenes Treffen {i + 1}"));
        }

        var visitor = (await app.CreateBrowserLikeClient().GetDocumentAsync("/")).QuerySelector("#home-events")!;
        Assert.Equal(open.Take(3).Select(id => id.ToString()), visitor.QuerySelectorAll("[data-event-id]").Select(e => e.GetAttribute("data-event-id")!));
        Assert.Equal("Offenes Treffen 1", visitor.QuerySelector("h3 a[href='/veranstaltungen/" + open[0] + "']")!.TextContent);
        Assert.Contains("Alle Veranstaltungen (4)", visitor.QuerySelector("a[href='/veranstaltungen']")!.TextContent, StringComparison.Ordinal);

        var member = (await (await app.CreateClientSignedInAsync(Roles.MemberStaff)).GetDocumentAsync("/")).QuerySelector("#home-events")!;
        Assert.Equal(
            new[] { members, open[0], open[1] }.Select(id => id.ToString()),
            member.QuerySelectorAll("[data-event-id]").Select(e => e.GetAttribute("data-event-id")!));
        Assert.Contains("Nur für Mitglieder", member.QuerySelector($"[data-event-id='{members}']")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_event_page_renders_sanitised_markdown_and_schema_org_json_ld_without_the_online_link()
    {
        var id = await factory.CreateEventAsync(onlineLink: "https://meet.example/privat");
        await factory.EventQueryAsync(async db =>
        {
            var ev = await db.Set<Event>().SingleAsync(e => e.Id == id, Ct);
            ev.Description = "## Ablauf\n\n**Begrüßung** und <script>alert('x')</script> [Programm](https://example.org)";
            return await db.SaveChangesAsync(Ct);
        });

        var page = await factory.CreateBrowserLikeClient().GetDocumentAsync($"/veranstaltungen/{id}");

        var description = page.QuerySelector("#event-description")!;
        Assert.NotNull(description.QuerySelector("strong"));
        Assert.Null(description.QuerySelector("script"));
        Assert.Equal("noopener nofollow", description.QuerySelector("a")!.GetAttribute("rel"));
        var ld = JsonDocument.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent).RootElement;
        Assert.Equal("Event", ld.GetProperty("@type").GetString());
        Assert.Equal("https://schema.org/MixedEventAttendanceMode", ld.GetProperty("eventAttendanceMode").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0[12]:00$", ld.GetProperty("startDate").GetString());
        Assert.DoesNotContain("meet.example", page.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("#sign-in-to-register"));
        Assert.Equal("10 von 10 frei", page.QuerySelector("#event-seats")!.TextContent.Trim());
    }

    [Fact]
    public async Task The_office_creates_an_event_in_Berlin_time_and_a_member_registers_on_its_page()
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var title = "Exkursion " + Guid.NewGuid().ToString("N")[..6];
        var year = DateTime.UtcNow.Year + 1;

        using var created = await office.SubmitFormAsync("/geschaeftsstelle/veranstaltungen/neu", new Dictionary<string, string>
        {
            ["Input.Type"] = "Exkursion",
            ["Input.Title"] = title,
            ["Input.StartsAt"] = $"{year}-07-01T10:00",
            ["Input.EndsAt"] = $"02.07.{year} 16:30",
            ["Input.PlaceMode"] = "OnSite",
            ["Input.Audience"] = "Members",
            ["Input.Capacity"] = "12",
        }, "#event-form");

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = Guid.Parse(created.Headers.Location!.OriginalString.Split('/').Last());
        var ev = await factory.EventAsync(id);
        Assert.Equal(new DateTime(year, 7, 1, 8, 0, 0, DateTimeKind.Utc), ev.StartUtc); // summer time: UTC+2
        Assert.Equal(new DateTime(year, 7, 2, 14, 30, 0, DateTimeKind.Utc), ev.EndUtc);
        Assert.Equal(EventAudience.Members, ev.Audience);
        var edit = await office.GetDocumentAsync($"/geschaeftsstelle/veranstaltungen/{id}");
        Assert.Equal($"{year}-07-01T10:00", edit.QuerySelector("#Input_StartsAt")!.GetAttribute("value"));

        var member = await factory.CreateClientSignedInAsync(Roles.DistrictPartner);
        using var registered = await member.SubmitFormAsync($"/veranstaltungen/{id}", new Dictionary<string, string>(), "#register-form");
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        var page = await member.GetDocumentAsync($"/veranstaltungen/{id}");
        Assert.Equal("confirmed", page.QuerySelector("#my-registration-status")!.GetAttribute("data-status"));
        Assert.NotNull(page.QuerySelector("#registration-message"));

        var participants = await office.GetDocumentAsync($"/geschaeftsstelle/veranstaltungen/{id}/teilnehmende?status=confirmed");
        Assert.Equal($"Teilnehmende: {title}", participants.Title!.Split(" – ")[0].Split(" | ")[0]);
        Assert.Single(participants.QuerySelectorAll("#participants tbody tr"));
    }

    [Fact]
    public async Task The_office_form_refuses_an_end_before_the_start_and_a_skipped_hour_in_German()
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var before = await factory.EventQueryAsync(db => db.Set<Event>().CountAsync(Ct));

        using var response = await office.SubmitFormAsync("/geschaeftsstelle/veranstaltungen/neu", new Dictionary<string, string>
        {
            ["Input.Type"] = "Tagung",
            ["Input.Title"] = "Tagung",
            ["Input.StartsAt"] = "2030-03-31T10:00",
            ["Input.EndsAt"] = "2030-03-31T09:00",
            ["Input.PlaceMode"] = "OnSite",
            ["Input.Audience"] = "Public",
            ["Input.RegistrationOpensAt"] = "2030-03-31T02:30",
            ["Input.Capacity"] = "viele",
        }, "#event-form");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ParseAsync();
        var summary = page.QuerySelector("#fehler")!.TextContent;
        Assert.Contains("Umstellung auf Sommerzeit", summary, StringComparison.Ordinal);
        Assert.Contains("ganze Zahl", summary, StringComparison.Ordinal);
        Assert.Equal(before, await factory.EventQueryAsync(db => db.Set<Event>().CountAsync(Ct)));

        using var second = await office.SubmitFormAsync("/geschaeftsstelle/veranstaltungen/neu", new Dictionary<string, string>
        {
            ["Input.Type"] = "Tagung", ["Input.Title"] = "Tagung", ["Input.StartsAt"] = "2030-05-02T10:00", ["Input.EndsAt"] = "2030-05-02T09:00",
            ["Input.PlaceMode"] = "OnSite", ["Input.Audience"] = "Public",
        }, "#event-form");
        Assert.Contains("Das Ende muss nach dem Beginn liegen.", (await second.ParseAsync()).QuerySelector("#Input_EndsAt-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await factory.EventQueryAsync(db => db.Set<Event>().CountAsync(Ct)));
    }

    [Fact]
    public async Task The_office_form_refuses_fewer_seats_than_confirmed_and_changes_nothing()
    {
        var id = await factory.CreateEventAsync(capacity: 4);
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        foreach (var email in await EmailsAsync(await factory.CreateAccountsAsync(3)))
        {
            using var registered = await office.SubmitFormAsync($"/geschaeftsstelle/veranstaltungen/{id}/teilnehmende",
                new Dictionary<string, string> { ["Email"] = email }, "#register-person-form");
            Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        }

        using var response = await office.SubmitFormAsync($"/geschaeftsstelle/veranstaltungen/{id}",
            new Dictionary<string, string>
            {
                // The helper posts input elements only; the selects are sent as the browser would.
                ["Input.Capacity"] = "2", ["Input.Title"] = "Anderer Titel", ["Input.Type"] = "Netzwerktreffen", ["Input.PlaceMode"] = "OnSite",
                ["Input.Audience"] = "Public", ["Input.Status"] = "Published",
            }, "#event-form");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("bereits 3 Personen bestätigt", (await response.ParseAsync()).QuerySelector("#Input_Capacity-error")!.TextContent, StringComparison.Ordinal);
        var ev = await factory.EventAsync(id);
        Assert.Equal(4, ev.Capacity);
        Assert.Equal("Netzwerktreffen Test", ev.Title);
    }

    [Fact]
    public async Task The_office_confirms_a_pending_registration_on_the_participant_page()
    {
        var id = await factory.CreateEventAsync(capacity: 2, requiresConfirmation: true);
        var member = await factory.CreatePersonAsync([Roles.MemberStaff]);
        var api = factory.CreateBearerClient(await factory.AccessTokenAsync(member));
        using var pending = await api.PostAsync(new Uri($"/api/v1/events/{id}/registrations", UriKind.Relative), null, Ct);
        var office = await factory.CreateClientSignedInAsync(Roles.Office);

        using var confirmed = await office.PressButtonAsync($"/geschaeftsstelle/veranstaltungen/{id}/teilnehmende",
            "#participant-actions button[formaction*='handler=Confirm']");

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal(RegistrationStatus.Confirmed, Assert.Single(await factory.RegistrationsAsync(id)).Status);
        Assert.Equal(1, (await factory.EventAsync(id)).ConfirmedCount);
        Assert.Contains(await factory.AuditEntriesAsync(id.ToString()), e => e.Action == "event.registration.confirmed");
    }

    [Fact]
    public async Task A_topic_page_lists_upcoming_public_events_of_that_topic_only()
    {
        var office = factory.CreateBearerClient(await factory.AccessTokenAsync(await factory.CreatePersonAsync([Roles.Office], twoFactor: true)));
        var titles = new Dictionary<string, string>();
        foreach (var audience in Audiences)
        {
            var title = $"Themenveranstaltung {audience} {Guid.NewGuid():N}"[..40];
            using var created = await office.PostAsJsonAsync("/api/v1/events", EventTestSupport.EventBody(b =>
            {
                b["title"] = title;
                b["audience"] = audience;
                b["topics"] = TopicSlugs;
            }), Ct);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            titles[audience] = title;
        }

        var page = await factory.CreateBrowserLikeClient().GetDocumentAsync("/themen/verfuegungsfonds");

        Assert.Contains(titles["Public"], page.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(titles["Members"], page.Body.TextContent, StringComparison.Ordinal);
    }

    private Task<List<string>> EmailsAsync(List<Guid> ids) =>
        factory.EventQueryAsync(db => db.Users.Where(u => ids.Contains(u.Id)).Select(u => u.Email!).ToListAsync(Ct));
}
