using Microsoft.Extensions.Configuration;
using Quartiersnetz.Platform.Caching;

namespace Quartiersnetz.UnitTests.Platform;

/// <summary>Requests that miss the same entry at once share one build — unless a saved change came between them.</summary>
public sealed class AudienceDataCacheTests : IDisposable
{
    private static readonly IReadOnlyList<string> Tags = AudienceDataCache.SavedChangeTags;

    private readonly PublicPageCacheGeneration generation = new();
    private readonly AudienceDataCache cache;
    private int builds;

    public AudienceDataCacheTests()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Caching:PublicPageSeconds"] = "60" }).Build();
        cache = new AudienceDataCache(generation, configuration);
    }

    public void Dispose() => cache.Dispose();

    [Fact]
    public async Task Requests_that_miss_the_same_entry_at_once_wait_for_one_build()
    {
        var gate = new TaskCompletionSource();
        var first = cache.GetOrCreateAsync("key", Tags, _ => 1, () => BuildAsync(gate.Task, "Antwort"));
        var others = Enumerable.Range(0, 5).Select(_ => cache.GetOrCreateAsync("key", Tags, _ => 1, () => BuildAsync(Task.CompletedTask, "zweite"))).ToList();

        gate.SetResult();

        Assert.Equal("Antwort", await first);
        Assert.All(await Task.WhenAll(others), answer => Assert.Equal("Antwort", answer));
        Assert.Equal(1, builds);
    }

    [Fact]
    public async Task A_request_after_a_saved_change_does_not_wait_for_a_build_that_began_before_it()
    {
        var gate = new TaskCompletionSource();
        var first = cache.GetOrCreateAsync("key", Tags, _ => 1, () => BuildAsync(gate.Task, "alt"));

        generation.Advance(PublicPageCache.Tag);
        cache.Evict(PublicPageCache.Tag);
        // Bounded: a request that wrongly waited for the old build would wait for the gate, which opens only after it.
        var after = await cache.GetOrCreateAsync("key", Tags, _ => 1, () => BuildAsync(Task.CompletedTask, "neu")).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        gate.SetResult();

        Assert.Equal("neu", after);
        Assert.Equal("alt", await first);
        Assert.Equal(2, builds);
        // The old build saw the change happen while it ran, so it was not kept: the next request reads the new state.
        Assert.Equal("neu", await cache.GetOrCreateAsync("key", Tags, _ => 1, () => BuildAsync(Task.CompletedTask, "dritte")));
    }

    [Fact]
    public async Task Waiting_requests_build_themselves_when_the_running_build_is_cancelled_with_its_request()
    {
        var gate = new TaskCompletionSource();
        var first = cache.GetOrCreateAsync<string>("key", Tags, _ => 1, async () =>
        {
            await gate.Task;
            throw new OperationCanceledException();
        });
        var waiting = cache.GetOrCreateAsync("key", Tags, _ => 1, () => BuildAsync(Task.CompletedTask, "eigene"));

        gate.SetResult();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        Assert.Equal("eigene", await waiting);
    }

    [Fact]
    public async Task A_failed_build_fails_its_waiters_too_and_is_not_kept()
    {
        var gate = new TaskCompletionSource();
        var first = cache.GetOrCreateAsync<string>("key", Tags, _ => 1, async () =>
        {
            await gate.Task;
            throw new InvalidOperationException("Datenbank weg");
        });
        var waiting = cache.GetOrCreateAsync("key", Tags, _ => 1, () => BuildAsync(Task.CompletedTask, "eigene"));

        gate.SetResult();

        await Assert.ThrowsAsync<InvalidOperationException>(() => first);
        await Assert.ThrowsAsync<InvalidOperationException>(() => waiting);
        Assert.Equal("später", await cache.GetOrCreateAsync("key", Tags, _ => 1, () => BuildAsync(Task.CompletedTask, "später")));
    }

    private async Task<string> BuildAsync(Task gate, string answer)
    {
        Interlocked.Increment(ref builds);
        await gate;
        return answer;
    }
}
