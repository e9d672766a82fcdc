using Microsoft.Data.Sqlite;
using Npgsql;

namespace Quartiersnetz.Platform.Errors;

/// <summary>
/// Failures that mean "the database cannot take this request now", not a fault of the request or the code: no pooled
/// PostgreSQL connection became free within the pool's <c>Timeout</c>, the server could not be reached in time or has
/// no connection slot left, a command timed out under load, or SQLite stayed busy with another writer past its timeout.
/// They answer 503 with <c>Retry-After</c> (pages and ProblemDetails) instead of 500 "Interner Fehler", so that a
/// person, an API client or a load balancer knows that trying again shortly is the right thing to do.
/// </summary>
internal static class Overload
{
    /// <summary>A few seconds: the pool's and SQLite's waits are of that order, and a crowd that caused them thins out.</summary>
    public const int RetryAfterSeconds = 5;

    public static bool IsOverload(Exception? exception)
    {
        // EF wraps the provider's exception (DbUpdateException, the execution strategy's InvalidOperationException).
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                // Npgsql reports an exhausted pool, a connect timeout and a command timeout with a TimeoutException inside.
                case NpgsqlException { InnerException: TimeoutException }:
                // too_many_connections, cannot_connect_now (the server is starting or shutting down)
                case PostgresException { SqlState: PostgresErrorCodes.TooManyConnections or PostgresErrorCodes.CannotConnectNow }:
                // SQLITE_BUSY: another connection kept the database past the busy timeout. (SQLITE_LOCKED, 6, is a
                // conflict within one connection or shared cache: a fault, not load.)
                case SqliteException { SqliteErrorCode: 5 }:
                    return true;
            }
        }

        return false;
    }

    /// <summary>Marks the response as temporary unavailability.</summary>
    public static void SetRetryAfter(HttpResponse response) =>
        response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
