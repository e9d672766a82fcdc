using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Quartiersnetz.Platform.Benchmark;

/// <summary>The number of database commands one request has run so far.</summary>
internal sealed class QueryCountFeature
{
    private int count;

    public int Count => Volatile.Read(ref count);

    public void Increment() => Interlocked.Increment(ref count);
}

/// <summary>
/// Counts every command EF Core sends, into the current request's <see cref="QueryCountFeature"/>.
/// Always registered but inert: the feature is only set by <see cref="BenchmarkSupport"/> when the
/// benchmark switch is on (bench runs and the query-count test), so normal requests pay one lookup.
/// </summary>
internal sealed class QueryCountingInterceptor(IHttpContextAccessor accessor) : DbCommandInterceptor
{
    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Count();
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Count();
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Count();
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Count();
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Count();
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Count();
        return ValueTask.FromResult(result);
    }

    private void Count() => accessor.HttpContext?.Features.Get<QueryCountFeature>()?.Increment();
}
