using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Primitives;

namespace Quartiersnetz.Platform.Caching;

/// <summary>
/// Keeps computed answers that depend on the audience (member, office) and the request but not on the person who asks
/// — a search's hits and facet counts, the expert finder's ranking — for signed-in visitors, whose pages the output
/// cache never keeps (their pages carry their name and tokens). The rendering stays per request; only the expensive
/// reading is shared. Entries are dropped by the same tags and at the same moments as the public page cache
/// (<see cref="PublicPageCacheEviction"/>), and an answer is kept only when none of its tags was evicted while it was
/// built, so a member never sees a state older than a saved change. Lives as long as <c>Caching:PublicPageSeconds</c>
/// (0 switches it off too), bounded by entry count so it cannot push the process over its memory budget.
/// Requests that miss the same key while its answer is being built wait for that build instead of starting their own
/// (see <see cref="GetOrCreateAsync{T}"/>). See docs/adr/0004-public-page-cache.md.
/// </summary>
internal sealed class AudienceDataCache(PublicPageCacheGeneration generation, IConfiguration configuration) : IDisposable
{
    /// <summary>The tags of an entry that every saved change drops (see <see cref="PublicPageCacheEviction"/>).</summary>
    public static readonly IReadOnlyList<string> SavedChangeTags = [PublicPageCache.Tag];

    /// <summary>Entry sizes are rough "units" of about 1 KB each; the limit keeps the cache to some tens of MB.</summary>
    public const long SizeLimit = 40_000;

    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = SizeLimit });
    private readonly TimeSpan lifetime = TimeSpan.FromSeconds(PublicPageCache.ConfiguredSeconds(configuration) ?? 0);
    private readonly Lock tokensLock = new();
    private readonly Dictionary<string, CancellationTokenSource> tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Build> builds = new(StringComparer.Ordinal);

    public bool Enabled => lifetime > TimeSpan.Zero;

    /// <summary>
    /// The kept answer for <paramref name="key"/>, or a new one from <paramref name="create"/>, kept unless one of
    /// <paramref name="tags"/> was evicted meanwhile. <paramref name="size"/> estimates the answer's size in units (≈ 1 KB).
    /// <paramref name="keep"/> can refuse an answer, e.g. "not found", so that made-up addresses cannot crowd out real entries.
    /// </summary>
    public async Task<T> GetOrCreateAsync<T>(string key, IReadOnlyList<string> tags, Func<T, long> size, Func<Task<T>> create, Func<T, bool>? keep = null)
        where T : class
    {
        if (!Enabled)
        {
            return await create();
        }

        if (cache.TryGetValue(key, out T? kept) && kept is not null)
        {
            return kept;
        }

        var started = generation.Of(tags);

        // A miss under load is a crowd: when an entry expires, every request for it arrives before the first answer
        // is built (32 requests of the expert finder each ranked the same experts, 1.4 s instead of 40 ms). They wait
        // for the build that is running — but only one that began with no eviction since, so its answer is as fresh as
        // their own would be. A build that ends because its own request was cancelled leaves them to build themselves.
        if (builds.TryGetValue(key, out var running) && running.Generation == started)
        {
            try
            {
                return (T)await running.Result.Task;
            }
            catch (OperationCanceledException)
            {
            }
        }

        var expiry = tags.Select(Token).ToList();
        var build = new Build(started, new TaskCompletionSource<object>(TaskCreationOptions.RunContinuationsAsynchronously));
        var registered = builds.TryAdd(key, build) || builds.TryUpdate(key, build, running!);
        T value;
        try
        {
            value = await create();
            build.Result.SetResult(value);
        }
        catch (Exception ex)
        {
            if (ex is OperationCanceledException)
            {
                build.Result.SetCanceled(CancellationToken.None);
            }
            else
            {
                build.Result.SetException(ex);
                // Observed here, so a build nobody waited for does not report an unobserved task exception later.
                _ = build.Result.Task.Exception;
            }

            throw;
        }
        finally
        {
            if (registered)
            {
                builds.TryRemove(KeyValuePair.Create(key, build));
            }
        }

        if (generation.Of(tags) == started && (keep is null || keep(value)))
        {
            using var entry = cache.CreateEntry(key);
            entry.Value = value;
            entry.Size = Math.Max(1, size(value));
            entry.AbsoluteExpirationRelativeToNow = lifetime;
            foreach (var token in expiry)
            {
                entry.ExpirationTokens.Add(new CancellationChangeToken(token));
            }
        }

        return value;
    }

    /// <summary>An answer being built for a key, and the eviction count when its build began.</summary>
    private sealed record Build(long Generation, TaskCompletionSource<object> Result);

    /// <summary>Drops every kept answer carrying <paramref name="tag"/>; <see cref="PublicPageCacheEviction"/> calls it.</summary>
    public void Evict(string tag)
    {
        CancellationTokenSource? old;
        lock (tokensLock)
        {
            tokens.Remove(tag, out old);
        }

        // Not disposed: a request that took its token just before may still register on it; cancelled is enough.
        old?.Cancel();
    }

    public void Dispose()
    {
        cache.Dispose();
        lock (tokensLock)
        {
            foreach (var source in tokens.Values)
            {
                source.Dispose();
            }

            tokens.Clear();
        }
    }

    private CancellationToken Token(string tag)
    {
        lock (tokensLock)
        {
            if (!tokens.TryGetValue(tag, out var source))
            {
                source = new CancellationTokenSource();
                tokens[tag] = source;
            }

            return source.Token;
        }
    }
}
