using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Quartiersnetz.Data;
using Quartiersnetz.IntegrationTests.ApiAccess;
using Quartiersnetz.IntegrationTests.Events;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.IntegrationTests.Foundation;

/// <summary>
/// When the database cannot take a request in time (PostgreSQL: no pooled connection free within the pool's timeout;
/// SQLite: another writer holds the database past the busy timeout) the answer is 503 with Retry-After in German, for
/// pages and as ProblemDetails, not 500 "Interner Fehler" — and nothing is stored.
/// </summary>
public sealed class OverloadTests : IAsyncLifetime
{
    private QuartiersnetzFactory _factory = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private bool IsPostgres => _factory.Database.Provider == "Postgres";

    public ValueTask InitializeAsync()
    {
        // No background jobs: with a one-second timeout, a job's write at the wrong moment fails the test's own setup.
        _factory = new QuartiersnetzFactory().WithSetting("BackgroundJobs:StartDelaySeconds", "3600");
        if (IsPostgres)
        {
            // One connection, given up after three seconds: the test holds it, so every request waits for the pool.
            // (Three seconds rather than one leave the setup's own commands room on a slow machine.)
            var builder = new NpgsqlConnectionStringBuilder(_factory.Database.ConnectionString) { MaxPoolSize = 1, ApplicationName = "overload-test", Timeout = 3 };
            _factory.WithSetting("ConnectionStrings:Postgres", builder.ConnectionString);
        }
        else
        {
            // SQLite retries a locked database until the command timeout (default 30 s); one second keeps the test short.
            var builder = new SqliteConnectionStringBuilder(_factory.Database.ConnectionString) { DefaultTimeout = 1 };
            _factory.WithSetting("ConnectionStrings:Sqlite", builder.ConnectionString);
        }

        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task A_registration_the_database_cannot_take_in_time_answers_503_with_Retry_After_and_stores_nothing()
    {
        var eventId = await _factory.CreateEventAsync(capacity: 10);
        var api = _factory.CreateBearerClient(await _factory.AccessTokenAsync(await _factory.CreatePersonAsync([Roles.MemberStaff])));

        await using (await HoldDatabaseAsync())
        {
            using var response = await api.PostAsync(new Uri($"/api/v1/events/{eventId}/registrations", UriKind.Relative), null, Ct);

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("5", Assert.Single(response.Headers.GetValues("Retry-After")));
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
            Assert.Equal(503, problem.RootElement.GetProperty("status").GetInt32());
            Assert.Equal("Vorübergehend überlastet", problem.RootElement.GetProperty("title").GetString());
            Assert.Contains("überlastet", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.Empty(await _factory.RegistrationsAsync(eventId));
        // Once the database is free again, the same request goes through.
        using var again = await api.PostAsync(new Uri($"/api/v1/events/{eventId}/registrations", UriKind.Relative), null, Ct);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
    }

    [Fact]
    public async Task A_page_the_database_cannot_serve_in_time_shows_the_German_503_page_with_Retry_After()
    {
        var eventId = await _factory.CreateEventAsync(capacity: 10);
        var member = await _factory.CreateClientSignedInAsync(Roles.MemberStaff);
        // The layout's navigation is kept for a minute; dropped, the error page would read it from the database it
        // reports as overloaded.
        _factory.Services.GetRequiredService<Quartiersnetz.Features.EditorialPages.PageTreeCache>().Changed();

        await using (await HoldDatabaseAsync())
        {
            // PostgreSQL: any page that reads waits for the pool. SQLite lets readers through a writer, so there the
            // page's registration form, a write, meets the lock.
            using var response = IsPostgres
                ? await member.GetAsync(new Uri("/meine-veranstaltungen", UriKind.Relative), Ct)
                : await member.SubmitFormAsync($"/veranstaltungen/{eventId}", new Dictionary<string, string>(), "#register-form");

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("5", Assert.Single(response.Headers.GetValues("Retry-After")));
            var error = await response.ParseAsync();
            Assert.Equal("Die Seite ist gerade überlastet", error.QuerySelector("h1")?.TextContent);
            Assert.Contains("Fehlercode: 503", error.Body!.TextContent, StringComparison.Ordinal);
        }

        Assert.Empty(await _factory.RegistrationsAsync(eventId));
    }

    /// <summary>PostgreSQL: takes the pool's only connection. SQLite: holds the write lock in a transaction of its own.</summary>
    private async Task<IAsyncDisposable> HoldDatabaseAsync()
    {
        if (IsPostgres)
        {
            var scope = _factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
            var transaction = await db.Database.BeginTransactionAsync(Ct);
            return new Held(async () =>
            {
                await transaction.DisposeAsync();
                await scope.DisposeAsync();
            });
        }

        var connection = new SqliteConnection(_factory.Database.ConnectionString);
        await connection.OpenAsync(Ct);
        // Not deferred: BEGIN IMMEDIATE takes the write lock at once. Through the API, so that disposing rolls it back
        // before the connection goes back to the pool.
        var writer = (SqliteTransaction)await connection.BeginTransactionAsync(Ct);
        return new Held(async () =>
        {
            await writer.DisposeAsync();
            await connection.DisposeAsync();
        });
    }

    private sealed class Held(Func<Task> release) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await release();
    }
}
