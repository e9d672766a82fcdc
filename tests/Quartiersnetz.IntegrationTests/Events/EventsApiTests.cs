using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Events;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.IntegrationTests.ApiAccess;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.IntegrationTests.Events;

/// <summary>Events and registrations through /api/v1/events, as scripts use them.</summary>
public sealed class EventsApiTests(QuartiersnetzFactory factory) : IClassFixture<QuartiersnetzFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_office_creates_and_changes_an_event_with_topics_and_it_is_listed_and_audited()
    {
        var office = await OfficeApiAsync();
        var topic = await factory.EventQueryAsync(db => db.Set<Topic>().Where(t => t.Status == TopicStatus.Active && t.ParentId == null).Select(t => t.Slug).FirstAsync(Ct));
        var title = "Werkstatt " + Guid.NewGuid().ToString("N")[..6];

        using var created = await office.PostAsJsonAsync("/api/v1/events", EventTestSupport.EventBody(b =>
        {
            b["title"] = title;
            b["type"] = "Werkstatt";
            b["topics"] = new[] { topic };
            b["onlineLink"] = "https://meet.example/raum";
            b["placeMode"] = "Hybrid";
        }), Ct);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var json = await created.JsonAsync();
        var id = json.GetProperty("id").GetGuid();
        Assert.Equal($"/api/v1/events/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal("Werkstatt", json.GetProperty("type").GetString());
        Assert.Equal(topic, json.GetProperty("topics")[0].GetProperty("slug").GetString());
        Assert.Equal("https://meet.example/raum", json.GetProperty("onlineLink").GetString());

        var anonymous = factory.CreateClient();
        var listed = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/events?type=Werkstatt&topic={topic}&pageSize=100", Ct);
        var item = listed.GetProperty("items").EnumerateArray().Single(e => e.GetProperty("id").GetGuid() == id);
        Assert.Equal(20, item.GetProperty("freeSeats").GetInt32());
        var publicDetails = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/events/{id}", Ct);
        Assert.Equal(JsonValueKind.Null, publicDetails.GetProperty("onlineLink").ValueKind);

        using var updated = await office.PutAsJsonAsync($"/api/v1/events/{id}", EventTestSupport.EventBody(b =>
        {
            b["title"] = title + " (verschoben)";
            b["type"] = "Werkstatt";
            b["capacity"] = 30;
        }), Ct);

        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var after = await updated.JsonAsync();
        Assert.Equal(30, after.GetProperty("capacity").GetInt32());
        Assert.Equal(1, after.GetProperty("sequence").GetInt32());
        Assert.Equal(0, after.GetProperty("topics").GetArrayLength());
        Assert.Equal(["event.created", "event.updated"], (await factory.AuditEntriesAsync(id.ToString())).Select(e => e.Action));
    }

    [Fact]
    public async Task A_member_is_confirmed_the_next_waits_and_moves_up_when_the_first_cancels()
    {
        var eventId = await factory.CreateEventAsync(capacity: 1, onlineLink: "https://meet.example/geheim");
        var (first, firstApi) = await MemberApiAsync();
        var (second, secondApi) = await MemberApiAsync();

        using var a = await firstApi.PostAsync(new Uri($"/api/v1/events/{eventId}/registrations", UriKind.Relative), null, Ct);
        using var b = await secondApi.PostAsync(new Uri($"/api/v1/events/{eventId}/registrations", UriKind.Relative), null, Ct);

        Assert.Equal(HttpStatusCode.Created, a.StatusCode);
        Assert.Equal("confirmed", (await a.JsonAsync()).GetProperty("status").GetString());
        var waiting = await b.JsonAsync();
        Assert.Equal("waitlisted", waiting.GetProperty("status").GetString());
        Assert.Equal(1, waiting.GetProperty("waitlistPosition").GetInt32());
        Assert.Equal(second.Id, waiting.GetProperty("personId").GetGuid());
        // The online link only for the confirmed participant.
        Assert.Equal("https://meet.example/geheim", (await firstApi.GetFromJsonAsync<JsonElement>($"/api/v1/events/{eventId}", Ct)).GetProperty("onlineLink").GetString());
        Assert.Equal(JsonValueKind.Null, (await secondApi.GetFromJsonAsync<JsonElement>($"/api/v1/events/{eventId}", Ct)).GetProperty("onlineLink").ValueKind);

        using var cancelled = await firstApi.DeleteAsync(new Uri($"/api/v1/events/{eventId}/registrations/me", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal("cancelled", (await cancelled.JsonAsync()).GetProperty("status").GetString());
        var rows = await factory.RegistrationsAsync(eventId);
        Assert.Equal(RegistrationStatus.Confirmed, rows.Single(r => r.PersonId == second.Id).Status);
        Assert.Equal(RegistrationStatus.Cancelled, rows.Single(r => r.PersonId == first.Id).Status);
        Assert.Equal(1, (await factory.EventAsync(eventId)).ConfirmedCount);

        // Registering again after cancelling works (the row is reused) and lands on the waiting list.
        using var again = await firstApi.PostAsync(new Uri($"/api/v1/events/{eventId}/registrations", UriKind.Relative), null, Ct);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal("waitlisted", (await again.JsonAsync()).GetProperty("status").GetString());
        Assert.Equal(2, (await factory.RegistrationsAsync(eventId)).Count);
    }

    [Fact]
    public async Task The_office_registers_a_person_confirms_pending_ones_and_lists_participants()
    {
        var eventId = await factory.CreateEventAsync(capacity: 5, requiresConfirmation: true);
        var office = await OfficeApiAsync();
        var (member, memberApi) = await MemberApiAsync();
        var other = await factory.CreatePersonAsync([Roles.Expert]);

        using var pending = await memberApi.PostAsync(new Uri($"/api/v1/events/{eventId}/registrations", UriKind.Relative), null, Ct);
        using var onBehalf = await office.PostAsJsonAsync($"/api/v1/events/{eventId}/registrations", new { personId = other.Id }, Ct);

        Assert.Equal("pending", (await pending.JsonAsync()).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Created, onBehalf.StatusCode);
        var registered = await onBehalf.JsonAsync();
        Assert.Equal("confirmed", registered.GetProperty("status").GetString());
        Assert.Equal(other.Id, registered.GetProperty("personId").GetGuid());

        var list = await office.GetFromJsonAsync<JsonElement>($"/api/v1/events/{eventId}/registrations", Ct);
        Assert.Equal(2, list.GetProperty("totalCount").GetInt32());
        Assert.Equal(["confirmed", "pending"], list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("status").GetString()));
        Assert.Equal(member.DisplayName, list.GetProperty("items")[1].GetProperty("displayName").GetString());
        var onlyPending = await office.GetFromJsonAsync<JsonElement>($"/api/v1/events/{eventId}/registrations?status=pending", Ct);
        Assert.Equal(1, onlyPending.GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task Registration_after_closing_is_refused_and_nothing_is_stored()
    {
        var eventId = await factory.CreateEventAsync(registrationClosesUtc: DateTime.UtcNow.AddMinutes(-5));
        var (_, api) = await MemberApiAsync();

        using var response = await api.PostAsync(new Uri($"/api/v1/events/{eventId}/registrations", UriKind.Relative), null, Ct);

        var problem = await response.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("Die Anmeldung ist seit", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(await factory.RegistrationsAsync(eventId));
    }

    [Fact]
    public async Task Registering_twice_is_refused_and_the_person_stays_registered_once()
    {
        var eventId = await factory.CreateEventAsync();
        var (_, api) = await MemberApiAsync();
        using var first = await api.PostAsync(new Uri($"/api/v1/events/{eventId}/registrations", UriKind.Relative), null, Ct);

        using var second = await api.PostAsync(new Uri($"/api/v1/events/{eventId}/registrations", UriKind.Relative), null, Ct);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var problem = await second.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("bereits angemeldet", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Single(await factory.RegistrationsAsync(eventId));
        Assert.Equal(1, (await factory.EventAsync(eventId)).ConfirmedCount);
    }

    [Fact]
    public async Task A_members_only_event_is_hidden_from_the_public_and_refuses_non_members()
    {
        var eventId = await factory.CreateEventAsync(audience: EventAudience.Members, title: "Mitgliedertreffen intern");
        var anonymous = factory.CreateClient();
        var noRole = await factory.CreatePersonAsync([]);
        var noRoleApi = factory.CreateBearerClient(await factory.AccessTokenAsync(noRole));

        using var hidden = await anonymous.GetAsync(new Uri($"/api/v1/events/{eventId}", UriKind.Relative), Ct);
        var list = await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/events?pageSize=100", Ct);
        using var anonymousRegistration = await anonymous.PostAsync(new Uri($"/api/v1/events/{eventId}/registrations", UriKind.Relative), null, Ct);
        using var nonMemberRegistration = await noRoleApi.PostAsync(new Uri($"/api/v1/events/{eventId}/registrations", UriKind.Relative), null, Ct);

        await hidden.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), e => e.GetProperty("id").GetGuid() == eventId);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousRegistration.StatusCode);
        var problem = await nonMemberRegistration.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("nur für Mitglieder", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(await factory.RegistrationsAsync(eventId));

        var (_, memberApi) = await MemberApiAsync();
        var memberList = await memberApi.GetFromJsonAsync<JsonElement>("/api/v1/events?pageSize=100", Ct);
        Assert.Contains(memberList.GetProperty("items").EnumerateArray(), e => e.GetProperty("id").GetGuid() == eventId);
    }

    [Fact]
    public async Task A_forged_person_id_from_a_non_office_token_is_forbidden_and_nothing_is_stored()
    {
        var eventId = await factory.CreateEventAsync();
        var (_, api) = await MemberApiAsync();
        var victim = await factory.CreatePersonAsync([Roles.MemberStaff]);

        using var response = await api.PostAsJsonAsync($"/api/v1/events/{eventId}/registrations", new { personId = victim.Id }, Ct);

        var problem = await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("Nur die Geschäftsstelle", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(await factory.RegistrationsAsync(eventId));
    }

    [Fact]
    public async Task An_end_before_the_start_is_refused_and_no_event_is_stored()
    {
        var office = await OfficeApiAsync();
        var before = await factory.EventQueryAsync(db => db.Set<Event>().CountAsync(Ct));
        var start = DateTimeOffset.UtcNow.AddDays(3);

        using var response = await office.PostAsJsonAsync("/api/v1/events", EventTestSupport.EventBody(b =>
        {
            b["startsAt"] = start;
            b["endsAt"] = start.AddHours(-2);
        }), Ct);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Das Ende muss nach dem Beginn liegen.", problem.GetProperty("errors").GetProperty("endsAt")[0].GetString());
        Assert.Equal(before, await factory.EventQueryAsync(db => db.Set<Event>().CountAsync(Ct)));
    }

    [Fact]
    public async Task Missing_and_malformed_fields_are_named_in_the_problem()
    {
        var office = await OfficeApiAsync();

        using var response = await office.PostAsJsonAsync("/api/v1/events", EventTestSupport.EventBody(b =>
        {
            b.Remove("title");
            b["capacity"] = 0;
            b["onlineLink"] = "javascript:alert(1)";
        }), Ct);

        var errors = (await response.AssertProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.Equal("Bitte geben Sie den Titel ein.", errors.GetProperty("title")[0].GetString());
        Assert.StartsWith("Die Zahl der Plätze muss zwischen 1", errors.GetProperty("capacity")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_capacity_below_the_confirmed_seats_is_refused_with_the_number_and_nothing_changes()
    {
        var office = await OfficeApiAsync();
        using var created = await office.PostAsJsonAsync("/api/v1/events", EventTestSupport.EventBody(b => b["capacity"] = 5), Ct);
        var eventId = (await created.JsonAsync()).GetProperty("id").GetGuid();
        foreach (var personId in await factory.CreateAccountsAsync(3))
        {
            using var registered = await office.PostAsJsonAsync($"/api/v1/events/{eventId}/registrations", new { personId }, Ct);
            Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        }

        using var response = await office.PutAsJsonAsync($"/api/v1/events/{eventId}", EventTestSupport.EventBody(b =>
        {
            b["capacity"] = 2;
            b["title"] = "Neuer Titel";
        }), Ct);

        // 409: the office must choose what happens (capacityReduction); see EventWaitlistToolsTests.
        var problem = await response.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("bereits 3 Personen bestätigt", problem.GetProperty("errors").GetProperty("capacity")[0].GetString(), StringComparison.Ordinal);
        var ev = await factory.EventAsync(eventId);
        Assert.Equal(5, ev.Capacity);
        Assert.Equal("Fortbildung Quartiersmanagement", ev.Title);
        Assert.Equal(0, ev.Sequence);
    }

    [Fact]
    public async Task More_seats_move_people_up_from_the_waiting_list()
    {
        var office = await OfficeApiAsync();
        using var created = await office.PostAsJsonAsync("/api/v1/events", EventTestSupport.EventBody(b => b["capacity"] = 1), Ct);
        var eventId = (await created.JsonAsync()).GetProperty("id").GetGuid();
        foreach (var personId in await factory.CreateAccountsAsync(3))
        {
            using var registered = await office.PostAsJsonAsync($"/api/v1/events/{eventId}/registrations", new { personId }, Ct);
        }

        using var response = await office.PutAsJsonAsync($"/api/v1/events/{eventId}", EventTestSupport.EventBody(b => b["capacity"] = 2), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = await factory.RegistrationsAsync(eventId);
        Assert.Equal(2, rows.Count(r => r.Status == RegistrationStatus.Confirmed));
        Assert.Equal(2, rows.Single(r => r.Status == RegistrationStatus.Waitlisted).WaitlistNumber);
    }

    [Fact]
    public async Task Cancelling_after_the_deadline_is_refused()
    {
        var eventId = await factory.CreateEventAsync(cancellationDeadlineUtc: DateTime.UtcNow.AddSeconds(2));
        var (_, api) = await MemberApiAsync();
        using var registered = await api.PostAsync(new Uri($"/api/v1/events/{eventId}/registrations", UriKind.Relative), null, Ct);
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        await Task.Delay(TimeSpan.FromSeconds(2.5), Ct);

        using var response = await api.DeleteAsync(new Uri($"/api/v1/events/{eventId}/registrations/me", UriKind.Relative), Ct);

        var problem = await response.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("nur bis", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(RegistrationStatus.Confirmed, Assert.Single(await factory.RegistrationsAsync(eventId)).Status);
    }

    [Fact]
    public async Task An_unknown_event_answers_not_found_everywhere()
    {
        var office = await OfficeApiAsync();
        var (_, member) = await MemberApiAsync();
        var unknown = Guid.NewGuid();

        using var get = await member.GetAsync(new Uri($"/api/v1/events/{unknown}", UriKind.Relative), Ct);
        using var register = await member.PostAsync(new Uri($"/api/v1/events/{unknown}/registrations", UriKind.Relative), null, Ct);
        using var cancel = await member.DeleteAsync(new Uri($"/api/v1/events/{unknown}/registrations/me", UriKind.Relative), Ct);
        using var update = await office.PutAsJsonAsync($"/api/v1/events/{unknown}", EventTestSupport.EventBody(), Ct);
        using var participants = await office.GetAsync(new Uri($"/api/v1/events/{unknown}/registrations", UriKind.Relative), Ct);

        foreach (var response in new[] { get, register, cancel, update, participants })
        {
            var problem = await response.AssertProblemAsync(HttpStatusCode.NotFound);
            Assert.Contains("keine Veranstaltung", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Bad_list_parameters_are_named()
    {
        using var response = await factory.CreateClient().GetAsync(new Uri("/api/v1/events?type=Party&from=gestern&pageSize=1000", UriKind.Relative), Ct);

        var errors = (await response.AssertProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("type", out _));
        Assert.True(errors.TryGetProperty("from", out _));
        Assert.True(errors.TryGetProperty("pageSize", out _));
    }

    [Fact]
    public async Task Every_event_endpoint_is_in_the_OpenAPI_document()
    {
        var document = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json", Ct);
        var paths = document.GetProperty("paths");

        Assert.True(paths.GetProperty("/api/v1/events").TryGetProperty("get", out _));
        Assert.True(paths.GetProperty("/api/v1/events").TryGetProperty("post", out _));
        Assert.True(paths.GetProperty("/api/v1/events/{id}").TryGetProperty("put", out _));
        Assert.True(paths.GetProperty("/api/v1/events/{id}/registrations").TryGetProperty("post", out _));
        Assert.True(paths.GetProperty("/api/v1/events/{id}/registrations").TryGetProperty("get", out _));
        Assert.True(paths.GetProperty("/api/v1/events/{id}/registrations/me").TryGetProperty("delete", out _));
    }

    private async Task<HttpClient> OfficeApiAsync() =>
        factory.CreateBearerClient(await factory.AccessTokenAsync(await factory.CreatePersonAsync([Roles.Office], twoFactor: true)));

    private async Task<(TestPerson Person, HttpClient Api)> MemberApiAsync()
    {
        var person = await factory.CreatePersonAsync([Roles.MemberStaff]);
        return (person, factory.CreateBearerClient(await factory.AccessTokenAsync(person)));
    }
}
