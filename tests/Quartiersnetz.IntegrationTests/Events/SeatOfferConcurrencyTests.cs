using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Events;
using Quartiersnetz.IntegrationTests.Infrastructure;

namespace Quartiersnetz.IntegrationTests.Events;

/// <summary>
/// Offers, declines, accepts, cancellations, new registrations and waiting-list moves racing on two app nodes for an
/// event with offers and companions: the seats taken never exceed the capacity, the held seats equal the open offers,
/// and the counter matches the rows (the row lock serialises all of them; see <see cref="EventRowLock"/>).
/// </summary>
public sealed class SeatOfferConcurrencyTests : IAsyncLifetime
{
    private const int Seats = 6;

    private QuartiersnetzFactory _nodeA = null!;
    private QuartiersnetzFactory _nodeB = null!;

    public ValueTask InitializeAsync()
    {
        _nodeA = new QuartiersnetzFactory().WithSetting("Events:OfferPollInterval", "01:00:00");
        _nodeB = QuartiersnetzFactory.On(_nodeA.Database, _nodeA.Smtp).WithSetting("Events:OfferPollInterval", "01:00:00");
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _nodeB.DisposeAsync();
        await _nodeA.DisposeAsync();
    }

    [Fact]
    public async Task Racing_offer_operations_never_overbook_and_keep_the_counters_true()
    {
        var ct = TestContext.Current.CancellationToken;
        _ = _nodeB.Services;
        var eventId = await _nodeA.CreateEventAsync(capacity: Seats);
        await _nodeA.EventQueryAsync(async db =>
        {
            var ev = await db.Set<Event>().SingleAsync(e => e.Id == eventId, ct);
            ev.OfferHours = 24;
            ev.CompanionsAllowed = 2;
            return await db.SaveChangesAsync(ct);
        });
        var people = await _nodeA.CreateAccountsAsync(60);
        // Arranged in order: 6 seats taken by single people, 24 waiting (every third with a companion).
        for (var i = 0; i < 30; i++)
        {
            var outcome = await RunAsync(_nodeA, (db, clock, _) =>
                RegisterForEvent.HandleAsync(db, clock, new RegistrationActor(people[i], false, true), eventId, null, i >= Seats && i % 3 == 0 ? 1 : 0, ct));
            Assert.Equal(RegisterForEvent.Result.Done, outcome.Result);
        }

        var waitingIds = (await _nodeA.RegistrationsAsync(eventId)).Where(r => r.Status == RegistrationStatus.Waitlisted).Select(r => r.Id).ToList();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var work = new List<Task<RegisterForEvent.Outcome>>();
        for (var i = 0; i < 6; i++)
        {
            var person = people[i];
            work.Add(Race(i, (db, clock, _) => RegisterForEvent.CancelAsync(db, clock, eventId, person, byOffice: true, ct)));
        }

        for (var i = 30; i < 60; i++)
        {
            var person = people[i];
            work.Add(Race(i, (db, clock, _) => RegisterForEvent.HandleAsync(db, clock, new RegistrationActor(person, false, true), eventId, null, i % 2, ct)));
        }

        for (var i = 6; i < 20; i++)
        {
            var person = people[i];
            // Whoever holds an offer by then answers it; the others get a refusal, which is fine.
            work.Add(Race(i, (db, clock, _) => i % 2 == 0
                ? EventOffers.AcceptAsync(db, clock, eventId, person, ct)
                : EventOffers.DeclineAsync(db, clock, eventId, person, ct)));
        }

        for (var i = 0; i < 8; i++)
        {
            var registration = waitingIds[waitingIds.Count - 1 - i];
            work.Add(Race(i, (db, clock, services) => OfficeWaitlist.MoveAsync(
                db, services.GetRequiredService<Quartiersnetz.Platform.Audit.AuditLog>(), new Quartiersnetz.Platform.Audit.AuditActor(null, "Test"), clock, eventId, registration, 1, ct)));
        }

        start.SetResult();
        var outcomes = await Task.WhenAll(work);
        Assert.DoesNotContain(outcomes, o => o.Result == RegisterForEvent.Result.NotFound && o.Refusal is not null);

        var rows = await _nodeA.RegistrationsAsync(eventId);
        var ev = await _nodeA.EventAsync(eventId);
        var confirmedSeats = rows.Where(r => r.Status == RegistrationStatus.Confirmed).Sum(r => 1 + r.Companions);
        var offeredSeats = rows.Where(r => r.Status == RegistrationStatus.Offered).Sum(r => 1 + r.Companions);
        Assert.Equal(confirmedSeats + offeredSeats, ev.ConfirmedCount);
        Assert.Equal(offeredSeats, ev.HeldSeats);
        Assert.True(ev.ConfirmedCount <= Seats, $"{ev.ConfirmedCount} seats taken of {Seats}.");
        Assert.Equal(60, rows.Select(r => r.PersonId).Distinct().Count());
        var numbers = rows.Where(r => r.Status == RegistrationStatus.Waitlisted).Select(r => r.WaitlistNumber!.Value).ToList();
        Assert.Equal(numbers.Count, numbers.Distinct().Count());

        Task<RegisterForEvent.Outcome> Race(int i, Func<QuartiersnetzDbContext, TimeProvider, IServiceProvider, Task<RegisterForEvent.Outcome>> action) => Task.Run(async () =>
        {
            await start.Task;
            return await RunAsync(i % 2 == 0 ? _nodeA : _nodeB, action);
        }, ct);
    }

    private static async Task<RegisterForEvent.Outcome> RunAsync(
        QuartiersnetzFactory node, Func<QuartiersnetzDbContext, TimeProvider, IServiceProvider, Task<RegisterForEvent.Outcome>> action)
    {
        await using var scope = node.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        return await action(db, scope.ServiceProvider.GetRequiredService<TimeProvider>(), scope.ServiceProvider);
    }
}
