using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Hosting;

namespace Quartiersnetz.Platform.Search;

/// <summary>Wakes the indexer of this node at once after a change was committed here.</summary>
internal sealed class SearchIndexSignal : IDisposable
{
    private readonly SemaphoreSlim signal = new(0, 1);

    public void Notify()
    {
        if (signal.CurrentCount == 0)
        {
            try
            {
                signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another change woke it already.
            }
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => signal.WaitAsync(timeout, cancellationToken);

    public void Dispose() => signal.Dispose();
}

/// <summary>
/// Records, inside the SaveChanges that stores a change, which search items it touches (a <see cref="SearchIndexPending"/>
/// row per kind and key, derived from the tracked entities through the registered sources), so the index update commits
/// or rolls back with the change and survives a restart. Changes made with ExecuteUpdate or raw SQL are not seen: the
/// rebuild command covers them.
/// </summary>
internal sealed class SearchChangeInterceptor(IEnumerable<ISearchSource> sources, SearchIndexSignal signal, TimeProvider clock)
    : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    private static readonly ConditionalWeakTable<DbContext, object> Pending = [];
    private static readonly object Marker = new();

    private readonly Dictionary<Type, ISearchSource[]> byType = sources
        .SelectMany(s => s.EntityTypes.Select(t => (Type: t, Source: s)))
        .GroupBy(x => x.Type)
        .ToDictionary(g => g.Key, g => g.Select(x => x.Source).ToArray());

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Record(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        AfterSave(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        AfterSave(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) => AfterCommit(eventData.Context);

    public Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        AfterCommit(eventData.Context);
        return Task.CompletedTask;
    }

    private void Record(DbContext? context)
    {
        if (context is null || byType.Count == 0)
        {
            return;
        }

        context.ChangeTracker.DetectChanges();
        var touched = new HashSet<(string Kind, string Key)>();
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)
                || !byType.TryGetValue(entry.Metadata.ClrType, out var interested))
            {
                continue;
            }

            foreach (var source in interested)
            {
                foreach (var key in source.KeysOf(entry.Entity))
                {
                    if (key.Length <= SearchDocument.KeyMaxLength)
                    {
                        touched.Add((source.Kind, key));
                    }
                }
            }
        }

        if (touched.Count == 0)
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var (kind, key) in touched)
        {
            context.Add(new SearchIndexPending { Kind = kind, Key = key, CreatedAtUtc = now });
        }

        Pending.AddOrUpdate(context, Marker);
    }

    private void AfterSave(DbContext? context)
    {
        if (context is not null && context.Database.CurrentTransaction is null && Pending.Remove(context))
        {
            signal.Notify();
        }
    }

    private void AfterCommit(DbContext? context)
    {
        if (context is not null && Pending.Remove(context))
        {
            signal.Notify();
        }
    }
}

/// <summary>
/// Works off <see cref="SearchIndexPending"/> on every node: at once when a change on this node was committed, otherwise
/// every two seconds (changes from other nodes). Two nodes working the same item write the same documents.
/// </summary>
internal sealed class SearchIndexWorker(
    IServiceScopeFactory scopes, SearchIndexSignal signal, SearchFacetTable facetTable, BackgroundStart start, ILogger<SearchIndexWorker> logger) : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        BackgroundWork.Enter(nameof(SearchIndexWorker));
        if (!await start.WaitAsync(stoppingToken))
        {
            return;
        }

        var warmed = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                int handled;
                do
                {
                    await using var scope = scopes.CreateAsyncScope();
                    handled = await scope.ServiceProvider.GetRequiredService<SearchIndexer>().ProcessPendingAsync(500, stoppingToken);
                }
                while (handled > 0 && !stoppingToken.IsCancellationRequested);

                // The facet table is read once here, after the first pass, so that the first visitor's search does not.
                if (!warmed)
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await facetTable.CoverAsync(scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>(), ReadOnlyMemory<long>.Empty, stoppingToken);
                    warmed = true;
                }

                await signal.WaitAsync(PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A failed batch must not stop indexing; it stays pending and is retried.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                logger.LogError(ex, "Updating the search index failed; retrying shortly.");
                await Task.Delay(PollInterval, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}

/// <summary>
/// Builds the index at start when it is empty (a new installation, or right after the migration that adds search), and
/// queues a rebuild when documents were written by an older indexer format (<see cref="SearchDocument.CurrentFormat"/>),
/// which the background indexer then works off while the old documents still answer.
/// </summary>
internal sealed class SearchIndexSeed(QuartiersnetzDbContext db, SearchIndexer indexer) : IStartupSeed
{
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (!await db.Set<SearchDocument>().AnyAsync(cancellationToken))
        {
            await indexer.RebuildAllAsync(cancellationToken);
        }
        else if (await db.Set<SearchDocument>().AnyAsync(d => d.Format < SearchDocument.CurrentFormat, cancellationToken)
            && !await db.Set<SearchIndexPending>().AnyAsync(p => p.Key == SearchIndexPending.AllKeys, cancellationToken))
        {
            await indexer.RequestRebuildAsync(cancellationToken);
        }
    }
}
