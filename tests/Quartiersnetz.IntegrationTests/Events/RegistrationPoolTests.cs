using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Events;
using Quartiersnetz.IntegrationTests.Infrastructure;

namespace Quartiersnetz.IntegrationTests.Events;

/// <summary>
/// Registrations that wait for an event's row lock wait in the app, not in the connection pool: while another writer
/// holds the lock, a crowd of registrations for that event must leave the other pages their connections (a burst of
/// 500 once filled the pool, and requests failed after the pool's timeout).
/// </summary>
public sealed class RegistrationPoolTests : IAsyncLifetime
{
    private const int Writers = 8;

    private QuartiersnetzFactory _factory = null!;

    public ValueTask InitializeAsync()
    {
        _factory = new QuartiersnetzFactory();
        if (_factory.Database.Provider == "Postgres")
        {
            // A pool of three with a short wait: without the gate the waiting writers take the other two connections
            // and the page below waits for one until the timeout.
            var builder = new NpgsqlConnectionStringBuilder(_factory.Database.ConnectionString) { MaxPoolSize = 3, ApplicationName = "pool-test", Timeout = 3 };
            _factory.WithSetting("ConnectionStrings:Postgres", builder.ConnectionString);
        }

        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Registrations_waiting_for_a_locked_event_leave_the_pool_to_other_requests()
    {
        var ct = TestContext.Current.CancellationToken;
        var eventId = await _factory.CreateEventAsync(capacity: 10);
        var other = await _factory.CreateEventAsync(title: "Andere Veranstaltung");
        var people = await _factory.CreateAccountsAsync(Writers);

        // Another writer (an office change, another node) holds the event's row lock, with one of the pool's connections.
        await using var holderScope = _factory.Services.CreateAsyncScope();
        var holder = holderScope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        var transaction = await holder.Database.BeginTransactionAsync(ct);
        Assert.NotNull(await EventRowLock.LockAndLoadAsync(holder, eventId, ct));

        var registrations = people.Select(personId => Task.Run(async () =>
        {
            await using var scope = _factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
            return await RegisterForEvent.HandleAsync(db, TimeProvider.System, new RegistrationActor(personId, IsOffice: false, IsMember: true), eventId, null, ct);
        }, ct)).ToList();
        await Task.Delay(TimeSpan.FromMilliseconds(500), ct);

        using var page = await _factory.CreateClient().GetAsync($"/veranstaltungen/{other}", ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);

        await transaction.RollbackAsync(ct);
        await transaction.DisposeAsync();
        var outcomes = await Task.WhenAll(registrations);
        Assert.All(outcomes, o => Assert.Equal("confirmed", o.Registration?.Status));
        Assert.Equal(Writers, (await _factory.EventAsync(eventId)).ConfirmedCount);
    }
}
