using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Events;
using Quartiersnetz.IntegrationTests.Infrastructure;

namespace Quartiersnetz.IntegrationTests.Events;

/// <summary>
/// The proof that an event is never overbooked: 200 people register at the same moment for 10 seats,
/// half of them through one app node and half through another (two app instances on one database, each with its
/// own connection pool and DbContexts). Exactly 10 are confirmed, 190 wait with distinct positions, nobody twice.
/// </summary>
public sealed class RegistrationConcurrencyTests : IAsyncLifetime
{
    private const int People = 200;
    private const int Seats = 10;

    private QuartiersnetzFactory _nodeA = null!;
    private QuartiersnetzFactory _nodeB = null!;

    public ValueTask InitializeAsync()
    {
        _nodeA = new QuartiersnetzFactory();
        // Each node gets a pool of its own (a different application name makes Npgsql keep separate pools) and a small
        // one: the PostgreSQL server of the tests is shared, and a small pool makes the requests queue as on a busy node.
        // Waiting for a connection may then take longer than Npgsql's default 15 s on a loaded two-core CI machine.
        Limit(_nodeA, "node-a");
        _nodeB = QuartiersnetzFactory.On(_nodeA.Database, _nodeA.Smtp);
        Limit(_nodeB, "node-b");
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _nodeB.DisposeAsync();
        await _nodeA.DisposeAsync();
    }

    [Fact]
    public async Task Two_hundred_simultaneous_registrations_for_ten_seats_confirm_exactly_ten()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        _ = _nodeB.Services; // both apps started (migrations applied by the first) before the race
        var eventId = await _nodeA.CreateEventAsync(capacity: Seats);
        var people = await _nodeA.CreateAccountsAsync(People);

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = people.Select((personId, i) => Task.Run(async () =>
        {
            var node = i % 2 == 0 ? _nodeA : _nodeB;
            await start.Task;
            await using var scope = node.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
            var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
            return await RegisterForEvent.HandleAsync(db, clock, new RegistrationActor(personId, IsOffice: false, IsMember: true), eventId, null, cancellationToken);
        }, cancellationToken)).ToList();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        start.SetResult();
        var outcomes = await Task.WhenAll(tasks);
        TestContext.Current.TestOutputHelper?.WriteLine($"{People} registrations on two nodes took {watch.ElapsedMilliseconds} ms.");

        Assert.All(outcomes, o => Assert.Equal(RegisterForEvent.Result.Done, o.Result));
        Assert.Equal(Seats, outcomes.Count(o => o.Registration!.Status == "confirmed"));
        Assert.Equal(People - Seats, outcomes.Count(o => o.Registration!.Status == "waitlisted"));

        var rows = await _nodeA.RegistrationsAsync(eventId);
        Assert.Equal(People, rows.Count);
        Assert.Equal(People, rows.Select(r => r.PersonId).Distinct().Count());
        Assert.Equal(Seats, rows.Count(r => r.Status == RegistrationStatus.Confirmed));
        var waiting = rows.Where(r => r.Status == RegistrationStatus.Waitlisted).ToList();
        Assert.Equal(People - Seats, waiting.Count);
        Assert.Equal(Enumerable.Range(1, People - Seats), waiting.Select(r => r.WaitlistNumber!.Value).Order());
        Assert.All(rows.Where(r => r.Status == RegistrationStatus.Confirmed), r => Assert.Null(r.WaitlistNumber));

        var ev = await _nodeA.EventAsync(eventId);
        Assert.Equal(Seats, ev.ConfirmedCount);
        Assert.Equal(People - Seats, ev.LastWaitlistNumber);

        // The positions the people were told are distinct too: 1 … 190.
        var positions = outcomes.Where(o => o.Registration!.Status == "waitlisted").Select(o => o.Registration!.WaitlistPosition!.Value).Order().ToList();
        Assert.Equal(People - Seats, positions.Distinct().Count());
        Assert.Equal(Enumerable.Range(1, People - Seats), positions);
    }

    [Fact]
    public async Task Simultaneous_cancellations_and_registrations_keep_the_count_and_move_up_in_order()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var eventId = await _nodeA.CreateEventAsync(capacity: 5);
        var people = await _nodeA.CreateAccountsAsync(30);
        // Arranged one after another: the first 5 confirmed, the next 15 waiting in order.
        foreach (var personId in people.Take(20))
        {
            await RegisterAsync(_nodeA, personId, eventId, cancellationToken);
        }

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelling = people.Take(5).Select((personId, i) => Task.Run(async () =>
        {
            await start.Task;
            await using var scope = (i % 2 == 0 ? _nodeA : _nodeB).Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
            return await RegisterForEvent.CancelAsync(db, TimeProvider.System, eventId, personId, byOffice: false, cancellationToken);
        }, cancellationToken));
        var registering = people.Skip(20).Select((personId, i) => Task.Run(async () =>
        {
            await start.Task;
            return await RegisterAsync(i % 2 == 0 ? _nodeB : _nodeA, personId, eventId, cancellationToken);
        }, cancellationToken));
        var all = cancelling.Concat(registering).ToList();
        start.SetResult();
        Assert.All(await Task.WhenAll(all), o => Assert.Equal(RegisterForEvent.Result.Done, o.Result));

        var rows = await _nodeA.RegistrationsAsync(eventId);
        var confirmed = rows.Where(r => r.Status == RegistrationStatus.Confirmed).Select(r => r.PersonId!.Value).ToHashSet();
        // The seats went to the next five on the waiting list, whatever the late registrations did.
        Assert.Equal(people.Skip(5).Take(5).ToHashSet(), confirmed);
        Assert.Equal(5, (await _nodeA.EventAsync(eventId)).ConfirmedCount);
        Assert.Equal(20, rows.Count(r => r.Status == RegistrationStatus.Waitlisted));
        Assert.Equal(5, rows.Count(r => r.Status == RegistrationStatus.Cancelled));
    }

    private static async Task<RegisterForEvent.Outcome> RegisterAsync(QuartiersnetzFactory node, Guid personId, Guid eventId, CancellationToken cancellationToken)
    {
        await using var scope = node.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        return await RegisterForEvent.HandleAsync(db, TimeProvider.System, new RegistrationActor(personId, false, true), eventId, null, cancellationToken);
    }

    private static void Limit(QuartiersnetzFactory node, string name)
    {
        if (node.Database.Provider == "Postgres")
        {
            var builder = new NpgsqlConnectionStringBuilder(node.Database.ConnectionString) { MaxPoolSize = 8, ApplicationName = name, Timeout = 120 };
            node.WithSetting("ConnectionStrings:Postgres", builder.ConnectionString);
        }
    }
}
