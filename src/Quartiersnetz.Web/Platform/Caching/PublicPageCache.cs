using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Email;
using Quartiersnetz.Platform.Errors;

namespace Quartiersnetz.Platform.Caching;

/// <summary>
/// Keeps the rendered public directory pages and public API answers for anonymous visitors in memory, so a visitor
/// gets a page that was already built instead of rebuilding lists over 25,000 people and 1,200 areas on every request.
/// Only pages that opt in (<see cref="PolicyName"/>) are kept, only for requests without any identity, and every saved
/// change to the database drops all of them (<see cref="PublicPageCacheEviction"/>). With several app nodes, another
/// node's copy lives at most <c>Caching:PublicPageSeconds</c> (default 60) after a change: see docs/adr/0004-public-page-cache.md.
/// </summary>
internal static class PublicPageCache
{
    public const string PolicyName = "public-page";

    /// <summary>
    /// For the search page and API: kept like the other public pages, and also dropped whenever the search index
    /// changes, because the indexer writes a change's documents a moment after the change itself was saved.
    /// </summary>
    public const string SearchPolicyName = "public-search";

    /// <summary>The tag of every kept answer; a change evicts the tag.</summary>
    public const string Tag = "public";

    /// <summary>The extra tag of kept search answers; a change of the search index evicts only these.</summary>
    public const string SearchTag = "search";

    public const int MaxSeconds = 3600;

    public static IServiceCollection AddPublicPageCache(this IServiceCollection services, IConfiguration configuration)
    {
        // An unusable value switches the cache off here; EnsureSettingValid then stops the start with a clear line.
        var seconds = ConfiguredSeconds(configuration) ?? 0;
        services.AddOutputCache(options =>
        {
            // Bounded so the cache cannot push the process over its memory budget; least recently used entries go first.
            options.SizeLimit = 32L * 1024 * 1024;
            options.MaximumBodySize = 4L * 1024 * 1024;
            options.AddPolicy(PolicyName, new AnonymousPagePolicy(TimeSpan.FromSeconds(seconds), [Tag]));
            options.AddPolicy(SearchPolicyName, new AnonymousPagePolicy(TimeSpan.FromSeconds(seconds), [Tag, SearchTag]));
        });
        DecorateStore(services);
        services.AddSingleton<PublicPageCacheEviction>();
        services.AddSingleton<PublicPageCacheGeneration>();
        services.AddSingleton<AudienceDataCache>();
        return services;
    }

    /// <summary>Stops the start with one line when <c>Caching:PublicPageSeconds</c> is not a number of seconds from 0 to 3600.</summary>
    public static void EnsureSettingValid(IConfiguration configuration)
    {
        if (ConfiguredSeconds(configuration) is null)
        {
            throw new StartupConfigurationException(
                $"Setting Caching:PublicPageSeconds must be a whole number of seconds from 0 (off) to {MaxSeconds}; it is '{configuration["Caching:PublicPageSeconds"]}'.");
        }
    }

    /// <summary><c>Caching:PublicPageSeconds</c> (default 60; 0 switches the cache off), or null when the value is not usable.</summary>
    public static int? ConfiguredSeconds(IConfiguration configuration)
    {
        var raw = configuration["Caching:PublicPageSeconds"];
        if (string.IsNullOrWhiteSpace(raw))
        {
            return 60;
        }

        return int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) && seconds is >= 0 and <= MaxSeconds
            ? seconds
            : null;
    }

    private static readonly object GenerationKey = new();
    private static readonly object SearchGenerationKey = new();

    /// <summary>Wraps the store AddOutputCache registered (its type is internal) in <see cref="GenerationCheckedOutputCacheStore"/>.</summary>
    private static void DecorateStore(IServiceCollection services)
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(IOutputCacheStore))
            ?? throw new InvalidOperationException("AddOutputCache registered no IOutputCacheStore.");
        services.Remove(registered);
        services.AddSingleton<IOutputCacheStore>(sp => new GenerationCheckedOutputCacheStore(
            registered.ImplementationInstance as IOutputCacheStore
                ?? registered.ImplementationFactory?.Invoke(sp) as IOutputCacheStore
                ?? (IOutputCacheStore)ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!),
            sp.GetRequiredService<IHttpContextAccessor>()));
    }

    /// <summary>
    /// Whether one of the tags this answer depends on was evicted since the request began: then it may have read the
    /// state before a change and must not be kept.
    /// </summary>
    public static bool EvictedSinceStart(HttpContext http)
    {
        var generation = http.RequestServices.GetRequiredService<PublicPageCacheGeneration>();
        return (http.Items[GenerationKey] is StartedGeneration started && generation.Of(started.Tags) != started.Value)
            || (http.Items[SearchGenerationKey] is long searchStarted && generation.Of([SearchTag]) != searchStarted);
    }

    /// <summary>Notes the evictions of <paramref name="tags"/> so far, before the answer reads anything.</summary>
    public static void RememberGeneration(HttpContext http, string[] tags) =>
        http.Items[GenerationKey] = new StartedGeneration(tags, http.RequestServices.GetRequiredService<PublicPageCacheGeneration>().Of(tags));

    private sealed record StartedGeneration(string[] Tags, long Value);

    /// <summary>
    /// For a part of a page that reads the search index (similar items on an item's page): the kept page also goes when
    /// the index changes, and is not kept when the index changed while the page was built. Call it before reading.
    /// </summary>
    public static void DependOnSearch(HttpContext http)
    {
        if (http.Features.Get<IOutputCacheFeature>() is { } feature && feature.Context.Tags.Add(SearchTag))
        {
            http.Items[SearchGenerationKey] = http.RequestServices.GetRequiredService<PublicPageCacheGeneration>().Of([SearchTag]);
        }
    }

    private sealed class AnonymousPagePolicy(TimeSpan duration, string[] tags) : IOutputCachePolicy
    {
        ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            var http = context.HttpContext;
            var request = http.Request;
            // Anyone who carries an identity may see more than the public, so they always get a freshly built page.
            // Authentication has run (cookie or bearer token, PlatformSetup): a token that did not authenticate gets
            // the visitors' answer anyway, so it gets the kept one — an invalid header must not make the server build
            // every answer afresh.
            var anonymous = (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
                && http.User.Identity?.IsAuthenticated != true;
            var enabled = duration > TimeSpan.Zero && anonymous;
            context.EnableOutputCaching = enabled;
            context.AllowCacheLookup = enabled;
            context.AllowCacheStorage = enabled;
            context.AllowLocking = true;
            context.ResponseExpirationTimeSpan = duration;
            context.Tags.UnionWith(tags);
            if (enabled)
            {
                RememberGeneration(http, tags);
            }

            context.CacheVaryByRules.QueryKeys = "*";
            // The map's GeoJSON is compressed by the endpoint itself, per Accept-Encoding.
            context.CacheVaryByRules.HeaderNames = HeaderNames.AcceptEncoding;
            return ValueTask.CompletedTask;
        }

        ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

        ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            var http = context.HttpContext;
            var response = http.Response;
            // An eviction while this answer was being built may have come after it read the data (the indexer commits
            // while a search runs): keeping it would serve the old state until the copy expires. Checked here so that
            // requests waiting for this one do not take it over, and again by the store (an eviction may still come).
            // A cookie, or a form's antiforgery token (which marks the answer no-store), belongs to one visitor only.
            if (EvictedSinceStart(http)
                || response.StatusCode != StatusCodes.Status200OK
                || !StringValues.IsNullOrEmpty(response.Headers.SetCookie)
                || response.Headers.CacheControl.Any(v => v?.Contains("no-store", StringComparison.OrdinalIgnoreCase) == true))
            {
                context.AllowCacheStorage = false;
            }

            return ValueTask.CompletedTask;
        }
    }
}

/// <summary>
/// The output cache store, storing an answer only when none of its tags was evicted since its request began. The check
/// and the store happen under the lock that evictions take too: the middleware stores an answer only after the policy's
/// last check (<c>ServeResponseAsync</c>), and an eviction falling between the two would otherwise find nothing to drop
/// and leave the old state kept until it expires (a rare CI failure: a renamed item not found for 15 seconds).
/// </summary>
internal sealed class GenerationCheckedOutputCacheStore(IOutputCacheStore inner, IHttpContextAccessor accessor) : IOutputCacheStore
{
    private readonly Lock gate = new();

    public ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken) => inner.GetAsync(key, cancellationToken);

    public ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (accessor.HttpContext is { } http && PublicPageCache.EvictedSinceStart(http))
            {
                return ValueTask.CompletedTask;
            }

            // The in-memory store completes synchronously, so waiting inside the lock costs nothing.
            inner.SetAsync(key, value, tags, validFor, cancellationToken).AsTask().GetAwaiter().GetResult();
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            inner.EvictByTagAsync(tag, cancellationToken).AsTask().GetAwaiter().GetResult();
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// Marks an entity no public page shows, so saving it keeps the public page cache. Newsletter subscriptions, for one:
/// anyone may subscribe, and a subscription must not throw away every cached page.
/// </summary>
internal interface INotShownOnPublicPages;

/// <summary>
/// Drops every kept public answer when a change is saved (and again when its transaction commits, so a page built
/// between the save and the commit cannot outlive the change). Rows that never show on a public page (mails waiting,
/// audit entries, data protection keys, the search index) do not count: the search indexer drops the kept search
/// answers itself when it has changed the index (<see cref="EvictSearch"/>).
/// </summary>
internal sealed class PublicPageCacheEviction(IServiceProvider services) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    private static readonly ConditionalWeakTable<DbContext, object> Pending = [];
    private static readonly object Marker = new();

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Mark(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Mark(eventData.Context);
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

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => AfterCommit(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        AfterCommit(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    /// <summary>Drops every kept answer now; for changes made outside SaveChanges.</summary>
    public void EvictAll() => Evict(PublicPageCache.Tag);

    /// <summary>Drops the kept search answers; the indexer calls it after each committed change of the index.</summary>
    public void EvictSearch() => Evict(PublicPageCache.SearchTag);

    private void Evict(string tag)
    {
        // First the generation, then the copies: an answer begun before this point is not kept (see the policy).
        services.GetService<PublicPageCacheGeneration>()?.Advance(tag);
        services.GetService<AudienceDataCache>()?.Evict(tag);
        if (services.GetService<IOutputCacheStore>() is { } store)
        {
            // The in-memory store evicts synchronously; the task is already complete.
            store.EvictByTagAsync(tag, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        }
    }

    private static void Mark(DbContext? context)
    {
        if (context is not null && context.ChangeTracker.Entries().Any(e =>
                e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
                // Bookkeeping rows never change what a public page shows; the indexer evicts the search answers itself.
                // Features mark their own private rows (INotShownOnPublicPages).
                && e.Entity is not (OutboxMessage or AuditEntry or DataProtectionKey or INotShownOnPublicPages
                    or Search.SearchDocument or Search.SearchDocumentTopic or Search.SearchDocumentTerm or Search.SearchTerm or Search.SearchIndexPending)))
        {
            Pending.AddOrUpdate(context, Marker);
        }
    }

    private void AfterSave(DbContext? context)
    {
        if (context is null || !Pending.TryGetValue(context, out _))
        {
            return;
        }

        EvictAll();
        if (context.Database.CurrentTransaction is null)
        {
            Pending.Remove(context);
        }
    }

    private static void Forget(DbContext? context)
    {
        if (context is not null)
        {
            Pending.Remove(context);
        }
    }

    private void AfterCommit(DbContext? context)
    {
        if (context is not null && Pending.Remove(context))
        {
            EvictAll();
        }
    }
}

/// <summary>
/// Counts evictions per tag. An answer is kept only when none of its tags was evicted while it was built; otherwise a
/// request that read the data just before a change committed could store the old state after the change had dropped
/// the copies. Counted per tag, so the indexer's frequent search evictions do not keep the other pages from being kept.
/// </summary>
internal sealed class PublicPageCacheGeneration
{
    private long publicEvictions;
    private long searchEvictions;

    /// <summary>The sum of the evictions of the given tags so far; it grows with every eviction of any of them.</summary>
    public long Of(IEnumerable<string> tags) => tags.Sum(tag => tag switch
    {
        PublicPageCache.Tag => Interlocked.Read(ref publicEvictions),
        PublicPageCache.SearchTag => Interlocked.Read(ref searchEvictions),
        _ => 0,
    });

    public void Advance(string tag)
    {
        if (tag == PublicPageCache.SearchTag)
        {
            Interlocked.Increment(ref searchEvictions);
        }
        else
        {
            Interlocked.Increment(ref publicEvictions);
        }
    }
}
