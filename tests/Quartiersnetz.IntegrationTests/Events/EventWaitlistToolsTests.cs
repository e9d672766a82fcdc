using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Events;
using Quartiersnetz.IntegrationTests.ApiAccess;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.IntegrationTests.Events;

/// <summary>The office's waiting-list operations, companions and lowering the capacity, through the API.</summary>
public sealed class EventWaitlistToolsTests(QuartiersnetzFactory factory) : IClassFixture<QuartiersnetzFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_office_moves_a_person_up_the_waiting_list_and_removes_one_audited()
    {
        var (office, eventId, people) = await FullEventAsync(capacity: 1, waiting: 3);

        using var moved = await office.PutAsJsonAsync($"/api/v1/events/{eventId}/waitlist/{people[3].Registration}", new { position = 1 }, Ct);

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal(1, (await moved.JsonAsync()).GetProperty("waitlistPosition").GetInt32());
        var order = await office.GetFromJsonAsync<JsonElement>($"/api/v1/events/{eventId}/waitlist", Ct);
        Assert.Equal([people[3].Person, people[1].Person, people[2].Person], order.EnumerateArray().Select(e => e.GetProperty("personId").GetGuid()));
        Assert.Equal([1, 2, 3], order.EnumerateArray().Select(e => e.GetProperty("position").GetInt32()));

        using var removed = await office.DeleteAsync(new Uri($"/api/v1/events/{eventId}/waitlist/{people[1].Registration}", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Equal("cancelled", (await removed.JsonAsync()).GetProperty("status").GetString());
        // The person who was moved first gets the next free seat.
        await CancelAsOfficeAsync(eventId, people[0].Person);
        var rows = await factory.RegistrationsAsync(eventId);
        Assert.Equal(RegistrationStatus.Confirmed, rows.Single(r => r.PersonId == people[3].Person).Status);
        Assert.Equal(RegistrationStatus.Waitlisted, rows.Single(r => r.PersonId == people[2].Person).Status);
        var actions = (await factory.AuditEntriesAsync(eventId.ToString())).Select(e => e.Action).ToList();
        Assert.Contains("event.waitlist.moved", actions);
        Assert.Contains("event.waitlist.removed", actions);
    }

    [Fact]
    public async Task Reordering_to_an_invalid_position_is_refused_and_the_order_stays()
    {
        var (office, eventId, people) = await FullEventAsync(capacity: 1, waiting: 2);

        foreach (var position in new[] { 0, 3, -1 })
        {
            using var response = await office.PutAsJsonAsync($"/api/v1/events/{eventId}/waitlist/{people[2].Registration}", new { position }, Ct);
            var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
            Assert.Contains("zwischen 1 und 2", problem.GetProperty("errors").GetProperty("position")[0].GetString(), StringComparison.Ordinal);
        }

        using var missing = await office.PutAsJsonAsync($"/api/v1/events/{eventId}/waitlist/{people[2].Registration}", new { }, Ct);
        await missing.AssertProblemAsync(HttpStatusCode.BadRequest);
        // A confirmed registration is not on the waiting list.
        using var confirmed = await office.PutAsJsonAsync($"/api/v1/events/{eventId}/waitlist/{people[0].Registration}", new { position = 1 }, Ct);
        await confirmed.AssertProblemAsync(HttpStatusCode.NotFound);

        var order = await office.GetFromJsonAsync<JsonElement>($"/api/v1/events/{eventId}/waitlist", Ct);
        Assert.Equal([people[1].Person, people[2].Person], order.EnumerateArray().Select(e => e.GetProperty("personId").GetGuid()));
        Assert.DoesNotContain(await factory.AuditEntriesAsync(eventId.ToString()), e => e.Action == "event.waitlist.moved");
    }

    [Fact]
    public async Task A_registration_with_companions_takes_their_seats_and_too_many_are_refused()
    {
        var office = await OfficeApiAsync();
        var eventId = await CreateViaApiAsync(office, capacity: 4, companionsAllowed: 2);
        var (member, api) = await MemberApiAsync();

        using var tooMany = await api.PostAsJsonAsync($"/api/v1/events/{eventId}/registrations", new { companions = 3 }, Ct);
        var problem = await tooMany.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("höchstens 2 Begleitpersonen", problem.GetProperty("errors").GetProperty("companions")[0].GetString(), StringComparison.Ordinal);
        using var negative = await api.PostAsJsonAsync($"/api/v1/events/{eventId}/registrations", new { companions = -1 }, Ct);
        await negative.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Empty(await factory.RegistrationsAsync(eventId));

        using var ok = await api.PostAsJsonAsync($"/api/v1/events/{eventId}/registrations", new { companions = 2 }, Ct);

        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        var json = await ok.JsonAsync();
        Assert.Equal("confirmed", json.GetProperty("status").GetString());
        Assert.Equal(2, json.GetProperty("companions").GetInt32());
        Assert.Equal(3, (await factory.EventAsync(eventId)).ConfirmedCount);
        Assert.Equal(1, (await api.GetFromJsonAsync<JsonElement>($"/api/v1/events/{eventId}", Ct)).GetProperty("freeSeats").GetInt32());

        // One seat left: a party of two waits, a single person behind it does not jump the queue.
        var ids = await factory.CreateAccountsAsync(2);
        using var party = await office.PostAsJsonAsync($"/api/v1/events/{eventId}/registrations", new { personId = ids[0], companions = 1 }, Ct);
        using var single = await office.PostAsJsonAsync($"/api/v1/events/{eventId}/registrations", new { personId = ids[1] }, Ct);
        Assert.Equal("waitlisted", (await party.JsonAsync()).GetProperty("status").GetString());
        Assert.Equal("waitlisted", (await single.JsonAsync()).GetProperty("status").GetString());

        // An event without companions refuses any.
        var plain = await CreateViaApiAsync(office, capacity: 4, companionsAllowed: 0);
        using var none = await api.PostAsJsonAsync($"/api/v1/events/{plain}/registrations", new { companions = 1 }, Ct);
        var noneProblem = await none.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("keine Begleitpersonen", noneProblem.GetProperty("errors").GetProperty("companions")[0].GetString(), StringComparison.Ordinal);
        _ = member;
    }

    [Fact]
    public async Task The_move_up_keeps_strict_order_when_the_first_in_line_needs_more_seats_than_are_free()
    {
        var office = await OfficeApiAsync();
        var eventId = await CreateViaApiAsync(office, capacity: 2, companionsAllowed: 3);
        var ids = await factory.CreateAccountsAsync(4);
        await RegisterAsync(office, eventId, ids[0]);
        await RegisterAsync(office, eventId, ids[1]);
        await RegisterAsync(office, eventId, ids[2], companions: 1); // needs 2 seats, first in line
        await RegisterAsync(office, eventId, ids[3]);                // needs 1 seat

        await CancelAsOfficeAsync(eventId, ids[0]);

        // One seat free, the party of two stays first and the single person does not overtake it.
        var rows = await factory.RegistrationsAsync(eventId);
        Assert.Equal(RegistrationStatus.Waitlisted, rows.Single(r => r.PersonId == ids[2]).Status);
        Assert.Equal(RegistrationStatus.Waitlisted, rows.Single(r => r.PersonId == ids[3]).Status);
        Assert.Equal(1, (await factory.EventAsync(eventId)).ConfirmedCount);

        await CancelAsOfficeAsync(eventId, ids[1]);

        rows = await factory.RegistrationsAsync(eventId);
        Assert.Equal(RegistrationStatus.Confirmed, rows.Single(r => r.PersonId == ids[2]).Status);
        Assert.Equal(RegistrationStatus.Waitlisted, rows.Single(r => r.PersonId == ids[3]).Status);
        Assert.Equal(2, (await factory.EventAsync(eventId)).ConfirmedCount);
    }

    [Fact]
    public async Task Lowering_the_capacity_below_the_confirmed_asks_and_keeping_everyone_sets_the_capacity_to_the_confirmed()
    {
        var (office, eventId, _) = await FullEventAsync(capacity: 4, waiting: 0, confirmed: 4);

        using var asked = await office.PutAsJsonAsync($"/api/v1/events/{eventId}", Body(b => b["capacity"] = 2), Ct);

        var problem = await asked.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("bereits 4 Personen bestätigt", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("KeepEveryone", problem.GetProperty("errors").GetProperty("capacityReduction")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(["KeepEveryone", "MoveLastToWaitlist"], problem.GetProperty("options").EnumerateArray().Select(o => o.GetString()));
        Assert.Equal(4, (await factory.EventAsync(eventId)).Capacity);

        using var kept = await office.PutAsJsonAsync($"/api/v1/events/{eventId}", Body(b =>
        {
            b["capacity"] = 2;
            b["capacityReduction"] = "KeepEveryone";
        }), Ct);

        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
        var ev = await factory.EventAsync(eventId);
        Assert.Equal(4, ev.Capacity);
        Assert.Equal(4, ev.ConfirmedCount);
        Assert.All(await factory.RegistrationsAsync(eventId), r => Assert.Equal(RegistrationStatus.Confirmed, r.Status));
    }

    [Fact]
    public async Task Lowering_the_capacity_with_move_to_waitlist_puts_the_last_registered_at_the_head_of_the_waiting_list_and_mails_them()
    {
        var (office, eventId, people) = await FullEventAsync(capacity: 3, waiting: 1, confirmed: 3);

        using var response = await office.PutAsJsonAsync($"/api/v1/events/{eventId}", Body(b =>
        {
            b["capacity"] = 1;
            b["capacityReduction"] = "MoveLastToWaitlist";
        }), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ev = await factory.EventAsync(eventId);
        Assert.Equal(1, ev.Capacity);
        Assert.Equal(1, ev.ConfirmedCount);
        var order = await office.GetFromJsonAsync<JsonElement>($"/api/v1/events/{eventId}/waitlist", Ct);
        // The two last-registered, in their registration order, then who waited before.
        Assert.Equal([people[1].Person, people[2].Person, people[3].Person], order.EnumerateArray().Select(e => e.GetProperty("personId").GetGuid()));
        var audit = (await factory.AuditEntriesAsync(eventId.ToString())).Last();
        Assert.Equal("event.updated", audit.Action);

        await RunNoticesAsync();
        var email = await factory.EventQueryAsync(db => db.Users.Where(u => u.Id == people[2].Person).Select(u => u.Email!).SingleAsync(Ct));
        var mail = await factory.Mailbox.WaitForMailAsync(email, m => m.TextBody.Contains("ganz vorn", StringComparison.Ordinal));
        Assert.Contains("ganz vorn auf der Warteliste", mail.TextBody.Replace("\r\n", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Waitlist_operations_are_for_the_office_only()
    {
        var (_, eventId, people) = await FullEventAsync(capacity: 1, waiting: 1);
        var (_, member) = await MemberApiAsync();

        using var move = await member.PutAsJsonAsync($"/api/v1/events/{eventId}/waitlist/{people[1].Registration}", new { position = 1 }, Ct);
        using var list = await member.GetAsync(new Uri($"/api/v1/events/{eventId}/waitlist", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, move.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
    }

    internal static Dictionary<string, object?> Body(Action<Dictionary<string, object?>> change) => EventTestSupport.EventBody(change);

    private async Task RunNoticesAsync()
    {
        await using var scope = factory.CreateScope();
        await Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<EventNotices>(scope.ServiceProvider).RunAsync(Ct);
    }

    /// <summary>An event over the API (capacity, companions) with <paramref name="confirmed"/> confirmed and <paramref name="waiting"/> waiting people, in order.</summary>
    private async Task<(HttpClient Office, Guid EventId, List<(Guid Person, Guid Registration)> People)> FullEventAsync(int capacity, int waiting, int? confirmed = null)
    {
        var office = await OfficeApiAsync();
        var eventId = await CreateViaApiAsync(office, capacity);
        var people = new List<(Guid, Guid)>();
        foreach (var personId in await factory.CreateAccountsAsync((confirmed ?? capacity) + waiting))
        {
            people.Add((personId, await RegisterAsync(office, eventId, personId)));
        }

        return (office, eventId, people);
    }

    private static async Task<Guid> RegisterAsync(HttpClient office, Guid eventId, Guid personId, int companions = 0)
    {
        using var response = await office.PostAsJsonAsync($"/api/v1/events/{eventId}/registrations", new { personId, companions }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("id").GetGuid();
    }

    private async Task CancelAsOfficeAsync(Guid eventId, Guid personId)
    {
        await using var scope = factory.CreateScope();
        var db = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<QuartiersnetzDbContext>(scope.ServiceProvider);
        var outcome = await RegisterForEvent.CancelAsync(db, TimeProvider.System, eventId, personId, byOffice: true, Ct);
        Assert.Equal(RegisterForEvent.Result.Done, outcome.Result);
    }

    internal static async Task<Guid> CreateViaApiAsync(HttpClient office, int capacity, int companionsAllowed = 0, int? offerHours = null)
    {
        using var created = await office.PostAsJsonAsync("/api/v1/events", EventTestSupport.EventBody(b =>
        {
            b["capacity"] = capacity;
            b["companionsAllowed"] = companionsAllowed;
            b["offerHours"] = offerHours;
        }), Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.JsonAsync()).GetProperty("id").GetGuid();
    }

    private async Task<HttpClient> OfficeApiAsync() =>
        factory.CreateBearerClient(await factory.AccessTokenAsync(await factory.CreatePersonAsync([Roles.Office], twoFactor: true)));

    private async Task<(TestPerson Person, HttpClient Api)> MemberApiAsync()
    {
        var person = await factory.CreatePersonAsync([Roles.MemberStaff]);
        return (person, factory.CreateBearerClient(await factory.AccessTokenAsync(person)));
    }
}
