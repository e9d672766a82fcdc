using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Bench.Report;
using Quartiersnetz.Platform.Search;

namespace Quartiersnetz.Bench.Indexing;

/// <summary>
/// The search's own time per query, server-side and without any cache: <see cref="SearchService.SearchAsync"/> (German
/// analysis, typo candidates, the full-text match, facet counts and the hit page) called in the bench process against the generated
/// database, one query after the other, before the app starts. Under wrk the same searches come from the output cache
/// (visitors) or the per-audience data cache (members) after the first request, so these are the figures of what a
/// search that nobody asked before costs. The audience cache is switched off (Caching:PublicPageSeconds = 0) for it.
/// The facet table (SearchFacetTable) is read once per process, at its first search: that search is reported on its own.
/// </summary>
internal static class SearchTiming
{
    private const int Warmup = 3;
    private const int MinWarmupPasses = 5;
    private const int MaxWarmupPasses = 40;
    /// <summary>
    /// Calls per query. With 20, the p95 was the second-slowest call, so one hiccup of the shared machine in twenty
    /// (another process, a collection) decided the verdict; with 100 it takes five.
    /// </summary>
    private const int Rounds = 100;
    private const int SimilarSamples = 10;

    /// <summary>The queries of <see cref="Load.PageCatalog.SearchQueries"/> as the search page hands them to the service.</summary>
    public static IReadOnlyList<(string Name, string Text, SearchRequest Request)> Queries { get; } =
    [
        ("common word", "Stadtteil", Request("Stadtteil")),
        ("compound part", "beteiligung", Request("beteiligung")),
        ("phrase", "\"Beteiligung von Kindern und Jugendlichen\"", Request("\"Beteiligung von Kindern und Jugendlichen\"")),
        ("typo", "Quartiersmanagment", Request("Quartiersmanagment")),
        ("with facets", "Spielplatz", Request("Spielplatz") with { Kinds = ["publication"], Types = ["Arbeitshilfe"], Years = [Load.PageCatalog.LibraryYear] }),
        ("rare compound", "Präventionskonferenz", Request("Präventionskonferenz")),
    ];

    public static async Task<IReadOnlyList<SearchTimingResult>> MeasureAsync(GenerateCommand.Options options, CancellationToken cancellationToken)
    {
        await using var app = GenerateCommand.BuildApp(options, settings: new Dictionary<string, string?> { ["Caching:PublicPageSeconds"] = "0" });
        var results = new List<SearchTimingResult>();

        // The first search of a process reads the facet table of every document (SearchFacetTable); reported on its own.
        var first = Stopwatch.StartNew();
        var (_, firstText, firstRequest) = Queries[0];
        var firstTotal = await SearchOnceAsync(app.Services, firstText, firstRequest, SearchAudience.Public, cancellationToken);
        first.Stop();
        var firstMs = first.Elapsed.TotalMilliseconds;
        results.Add(new SearchTimingResult("first search of the process (reads the facet table)", firstText, nameof(SearchAudience.Public), firstTotal, firstMs, firstMs, firstMs, Target: false));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  search first of the process {firstMs,6:0.0} ms"));

        // A server answers most searches with code the JIT has already optimised. Tiered compilation counts a method's
        // calls only once no new method has been compiled for 100 ms, and compiles the optimised code after 30 of them
        // on a background thread; a fixed five passes left part of the code unoptimised, and the audience measured
        // first paid for it (p50 of the common word 31–34 ms for visitors against 22–23 ms for members right after,
        // equal with tiered compilation off). So passes go on, each followed by a pause, until one compiles nothing.
        var passes = 0;
        long compiled;
        do
        {
            compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
            foreach (var audience in new[] { SearchAudience.Public, SearchAudience.Members })
            {
                foreach (var (_, text, request) in Queries)
                {
                    await SearchOnceAsync(app.Services, text, request, audience, cancellationToken);
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(300), cancellationToken);
            passes++;
        }
        while (passes < MinWarmupPasses || (System.Runtime.JitInfo.GetCompiledMethodCount() != compiled && passes < MaxWarmupPasses));

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  search warm-up: {passes} passes until the JIT compiled nothing new"));
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        foreach (var audience in new[] { SearchAudience.Public, SearchAudience.Members })
        {
            foreach (var (name, text, request) in Queries)
            {
                var times = new List<double>(Rounds);
                long total = 0;
                for (var i = 0; i < Warmup + Rounds; i++)
                {
                    await using var scope = app.Services.CreateAsyncScope();
                    var search = scope.ServiceProvider.GetRequiredService<SearchService>();
                    var watch = Stopwatch.StartNew();
                    var result = await search.SearchAsync(SearchService.Parse(text), request, audience, cancellationToken);
                    watch.Stop();
                    total = result.Total;
                    if (i >= Warmup)
                    {
                        times.Add(watch.Elapsed.TotalMilliseconds);
                    }
                }

                times.Sort();
                var row = new SearchTimingResult(name, text, audience.ToString(), total, Percentile(times, 50), Percentile(times, 95), times[^1]);
                results.Add(row);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  search {audience,-8} {name,-14} {total,7:N0} hits  p50 {row.P50Ms,6:0.0} ms  p95 {row.P95Ms,6:0.0} ms  max {row.MaxMs,6:0.0} ms"));
            }
        }

        results.AddRange(await MeasureSimilarItemsAsync(app.Services, cancellationToken));
        return results;
    }

    private static async Task<long> SearchOnceAsync(IServiceProvider services, string text, SearchRequest request, SearchAudience audience, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var search = scope.ServiceProvider.GetRequiredService<SearchService>();
        return (await search.SearchAsync(SearchService.Parse(text), request, audience, cancellationToken)).Total;
    }

    /// <summary>
    /// "Ähnliche Inhalte" of publication and project pages (<see cref="SimilarItemsQuery"/>), uncached: for each kind the
    /// first published items by id, each asked once per round, so the figures cover items with many and few terms.
    /// </summary>
    private static async Task<IReadOnlyList<SearchTimingResult>> MeasureSimilarItemsAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var results = new List<SearchTimingResult>();
        foreach (var kind in new[] { "publication", "project", "event" })
        {
            List<string> keys;
            await using (var scope = services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<Quartiersnetz.Data.QuartiersnetzDbContext>();
                keys = await db.Set<SearchDocument>().AsNoTracking()
                    .Where(d => d.Kind == kind && d.MinAudience == SearchAudience.Public)
                    .OrderBy(d => d.Id).Select(d => d.Key).Take(SimilarSamples).ToListAsync(cancellationToken);
            }

            if (keys.Count == 0)
            {
                continue;
            }

            var times = new List<double>();
            var found = 0;
            for (var i = 0; i < Warmup + Rounds; i++)
            {
                await using var scope = services.CreateAsyncScope();
                var similar = scope.ServiceProvider.GetRequiredService<SimilarItemsQuery>();
                var watch = Stopwatch.StartNew();
                var items = await similar.FindAsync(new SearchItemRef(kind, keys[i % keys.Count]), SearchAudience.Public, null, cancellationToken);
                watch.Stop();
                found = Math.Max(found, items.Count);
                if (i >= Warmup)
                {
                    times.Add(watch.Elapsed.TotalMilliseconds);
                }
            }

            times.Sort();
            var row = new SearchTimingResult("similar items", kind, SearchAudience.Public.ToString(), found, Percentile(times, 50), Percentile(times, 95), times[^1]);
            results.Add(row);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  similar  {kind,-23} {found,7:N0} items p50 {row.P50Ms,6:0.0} ms  p95 {row.P95Ms,6:0.0} ms  max {row.MaxMs,6:0.0} ms"));
        }

        return results;
    }

    private static SearchRequest Request(string text) => new(text, [], [], [], [], [], 1, 20);

    private static double Percentile(List<double> sorted, int percent) =>
        sorted[Math.Clamp((int)Math.Ceiling(percent / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
}
