using System.Globalization;
using System.Text;

namespace Quartiersnetz.Bench.Report;

/// <summary>Writes a run as Markdown for people: machine, data, pages, targets, and deltas to the previous run.</summary>
internal static class MarkdownReport
{
    public static string Write(BenchReport report, BenchReport? previous)
    {
        var md = new StringBuilder();
        md.AppendLine(Inv($"# Benchmark {report.Date} – {report.Scale} – {report.Provider}"));
        md.AppendLine();
        md.AppendLine(Inv($"Started {report.StartedAtUtc:yyyy-MM-dd HH:mm} UTC. Written by `bench/run.sh` (`bench run`); how to read it: `bench/README.md`."));
        if (report.Scale != "national")
        {
            md.AppendLine();
            md.AppendLine("The targets are defined for the national scale on 2 cores; at this scale they are informative only.");
        }

        md.AppendLine();
        md.AppendLine("## Machine and run");
        md.AppendLine();
        var m = report.Machine;
        md.AppendLine(Inv($"- Machine: {m.Cores} cores ({m.CpuModel}), {m.MemoryMegabytes:N0} MB RAM, {m.OperatingSystem}"));
        md.AppendLine(Inv($"- .NET: runtime {m.DotnetRuntime}, SDK {m.DotnetSdk}; commit `{m.GitCommit}`"));
        md.AppendLine(Inv($"- Database: {report.Provider} {report.DatabaseVersion}"));
        var s = report.Settings;
        md.AppendLine(Inv($"- Load: {s.Driver}, {s.Connections} connections (a page marked “at N connections”: N), {s.WrkThreads} threads, {s.DurationSeconds} s per page after {s.WarmupSeconds} s warm-up (and {s.PageWarmupSeconds} s unmeasured load on the page itself); load generator and app share the machine's cores"));
        md.AppendLine(Inv($"- Data ({report.Scale}): ") + string.Join(", ", report.RowCounts.Select(r => Inv($"{r.Value:N0} {r.Key}"))));
        md.AppendLine(Inv($"- Cold start (process start → first 200 of `/`, data present): **{report.ColdStartMs:N0} ms**"));
        md.AppendLine(Inv($"- App process under load: peak RSS **{report.MaxRssMegabytes:N0} MB**{PrivateShare(report.MaxPrivateRssMegabytes)}, CPU {report.CpuPercentUnderLoad:N0} % of one core (mean over the measured pages)"));
        md.AppendLine();

        md.AppendLine("## Pages");
        md.AppendLine();
        md.AppendLine("| page | group | cache | req/s | × Fortunes | p50 ms | p95 ms | p99 ms | errors | queries/req | bytes | RSS MB | CPU % |");
        md.AppendLine("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var p in report.Pages)
        {
            if (!p.Measured)
            {
                md.AppendLine(Inv($"| {Label(p)} {(p.Path.Length > 0 ? $"`{p.Path}`" : "(no sample)")} | {p.Group} | {p.Cache ?? "–"} | – | – | – | – | – | – | {Q(p.QueriesPerRequest)} | {Bytes(p)} | – | – |"));
                continue;
            }

            md.AppendLine(Inv($"| {Label(p)} `{p.Path}` | {p.Group} | {p.Cache ?? "–"} | {p.RequestsPerSecond:N0} | {Ratio(p.RatioToFortunes)} | {p.P50Ms:0.0} | {p.P95Ms:0.0} | {p.P99Ms:0.0} | {p.Errors:N0} | {Q(p.QueriesPerRequest)} | {Bytes(p)} | {p.MaxRssMegabytes:N0} | {p.CpuPercent:N0} |"));
        }

        var notes = report.Pages.Where(p => p.Note is not null).ToList();
        if (notes.Count > 0)
        {
            md.AppendLine();
            foreach (var p in notes)
            {
                md.AppendLine(Inv($"- {p.Name}: {p.Note}"));
            }
        }

        md.AppendLine();
        md.AppendLine("Errors: responses 4xx/5xx plus socket errors and timeouts during the load (3xx count as success). " +
            "Queries/req: the app's `X-Db-Queries` header on a single request. Bytes: body of a single request without " +
            "compression (GeoJSON: `uncompressed / with Accept-Encoding: br`). Cache: `cached` when a repeated single request came " +
            "from the app's public output cache (it carried an `Age` header; anonymous visitors only, ADR 0004), `built` when the " +
            "page is built on every request (signed-in visitors, API tokens, pages without the cache).");
        md.AppendLine();

        if (report.Library is { } lib)
        {
            md.AppendLine("## Library, projects and the search index");
            md.AppendLine();
            md.AppendLine(Inv($"- Generated: {lib.Publications:N0} publications (all states) with {lib.PublicationFiles:N0} files and {lib.TextChars / 1e6:N1} million characters of extracted text, {lib.Projects:N0} projects (all review states); the whole generation took {lib.GenerationSeconds:N0} s."));
            md.AppendLine(Inv($"- Full search-index rebuild (`SearchIndexer.RebuildAllAsync`, every kind, {lib.SearchDocuments:N0} documents), run by the generator before the app starts so that the app does not index during the load: **{lib.IndexRebuildSeconds:N0} s**."));
            if (lib.PostingListsSeconds is { } postingSeconds)
            {
                md.AppendLine(Inv($"- PostgreSQL: stored id lists of the {lib.PostingLists:N0} terms in at least {Quartiersnetz.Platform.Search.SearchPostings.DefaultMinDocuments:N0} documents (`SearchPostings.MergeAsync`, which the app's background job runs after an index is built), built by the generator after the index: **{postingSeconds:N1} s**. A word search in which at least one term has a list reads the lists instead of the GIN index (other terms from the index, term by term)."));
            }

            md.AppendLine("- Anonymous pages may come from the public output cache (column *cache*); the `(member)` and `(member token)` rows are built on every request and are the honest figures of what a list or a search costs.");
            md.AppendLine();
        }

        if (report.Pdf is { } pdf)
        {
            md.AppendLine("## 100-page PDF in the background");
            md.AppendLine();
            md.AppendLine(Inv($"A {pdf.Pages}-page A4 PDF ({pdf.PdfBytes / 1024.0:N0} KB, {pdf.TextChars:N0} characters of text, written with PDFsharp) is stored like an upload in the generated database; timed is what the app's background work does with it, with its own code: `DocumentTextJob.ExtractPendingAsync` (PdfPig extraction, saving the text) and `SearchIndexer.ProcessPendingAsync` (the publication's document rebuilt with all its text). Round 1 includes the JIT; *warm* is the median of the others. Measured in the bench process against the database, before the app is started."));
            md.AppendLine();
            md.AppendLine("| round | extraction + save ms | re-index ms | total ms |");
            md.AppendLine("|---|---:|---:|---:|");
            for (var i = 0; i < pdf.Rounds.Count; i++)
            {
                var r = pdf.Rounds[i];
                md.AppendLine(Inv($"| {i + 1}{(r.Cold ? " (cold)" : "")} | {r.ExtractAndSaveMs:N0} | {r.ReindexMs:N0} | {r.TotalMs:N0} |"));
            }

            md.AppendLine();
        }

        if (report.SearchTimings.Count > 0)
        {
            md.AppendLine("## Search without cache (server-side)");
            md.AppendLine();
            md.AppendLine("`SearchService.SearchAsync` (analysis, typo candidates, full-text match, facet counts, hit page: what `/suche` and `/api/v1/search` call) in the bench process against the generated database, one query after the other with no cache and no other load from the harness, before the app is started: 100 calls per query after unmeasured passes over all queries until the JIT compiles nothing new (so that the code is optimised, as in a running server) and three unmeasured calls. Under wrk the repeated searches are answered from the output cache (visitors) or the per-audience data cache (members), so these rows are the cost of a search nobody asked before. The first search of a process also reads the in-memory facet table of every document (`SearchFacetTable`); it has its own row and is not held to the target.");
            md.AppendLine();
            md.AppendLine("| query | audience | hits | p50 ms | p95 ms | max ms |");
            md.AppendLine("|---|---|---:|---:|---:|---:|");
            foreach (var t in report.SearchTimings)
            {
                md.AppendLine(Inv($"| {t.Name} `{t.Query}` | {t.Audience} | {t.Hits:N0} | {t.P50Ms:0.0} | {t.P95Ms:0.0} | {t.MaxMs:0.0} |"));
            }

            md.AppendLine();
        }

        if (report.Burst is { } b)
        {
            md.AppendLine("## Registration burst");
            md.AppendLine();
            md.AppendLine(Inv($"{b.Members} members post `POST /api/v1/events/{{id}}/registrations` for one open event with {b.Capacity} seats at the same moment, each on its own connection with its own personal access token; afterwards the office's participant API is read back."));
            md.AppendLine();
            md.AppendLine("| duration ms | errors | confirmed | waiting list | registrations | people | seat counter | p50 ms | p95 ms | max ms | consistent |");
            md.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
            md.AppendLine(Inv($"| {b.DurationMs:N0} | {b.Errors} | {b.Confirmed} (expected {Math.Min(b.Capacity, b.Members)}) | {b.Waitlisted} (expected {Math.Max(0, b.Members - b.Capacity)}) | {b.Registrations} | {b.DistinctPeople} | {b.SeatCounter} | {b.P50Ms:0} | {b.P95Ms:0} | {b.MaxMs:0} | {(b.Consistent ? "yes" : "**no**")} |"));
            foreach (var problem in b.Problems)
            {
                md.AppendLine();
                md.AppendLine("- **" + problem + "**");
            }

            md.AppendLine();
        }

        md.AppendLine("## Targets");
        md.AppendLine();
        var missed = report.Targets.Count(t => t.Status == TargetStatus.Missed);
        var met = report.Targets.Count(t => t.Status == TargetStatus.Met);
        var open = report.Targets.Count(t => t.Status == TargetStatus.NotMeasured);
        md.AppendLine(Inv($"{met} met, **{missed} missed**, {open} not measured."));
        md.AppendLine();
        md.AppendLine("| target | subject | measured | verdict |");
        md.AppendLine("|---|---|---:|---|");
        foreach (var t in report.Targets)
        {
            var actual = t.Actual is { } a ? TargetEvaluator.Format(a) + " " + t.Unit : "–";
            md.AppendLine(Inv($"| {t.Target} | {t.Subject} | {actual} | {t.Verdict} |"));
        }

        md.AppendLine();
        md.AppendLine("## Not measured yet");
        md.AppendLine();
        foreach (var item in report.NotMeasured)
        {
            md.AppendLine("- " + item);
        }

        md.AppendLine();
        md.AppendLine("## Compared with the previous report");
        md.AppendLine();
        if (previous is null)
        {
            md.AppendLine(Inv($"No earlier report for {report.Scale}/{report.Provider} in bench/results."));
        }
        else
        {
            md.AppendLine(Inv($"Previous: {previous.BaseName} (commit `{previous.Machine.GitCommit}`, {previous.Machine.Cores} cores, {previous.Settings.Connections} connections, {previous.Settings.DurationSeconds} s). Cold start {Delta(report.ColdStartMs, previous.ColdStartMs, "ms")}, peak RSS {Delta(report.MaxRssMegabytes, previous.MaxRssMegabytes, "MB")}."));
            md.AppendLine();
            md.AppendLine("| page | req/s | Δ req/s | × Fortunes (before) | p95 ms | Δ p95 | p99 ms | Δ p99 | queries/req (before) |");
            md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var p in report.Pages.Where(p => p.Measured))
            {
                var before = previous.Pages.FirstOrDefault(q => q.Name == p.Name && q.Measured);
                if (before is null)
                {
                    md.AppendLine(Inv($"| {p.Name} | {p.RequestsPerSecond:N0} | new | {Ratio(p.RatioToFortunes)} | {p.P95Ms:0.0} | new | {p.P99Ms:0.0} | new | {Q(p.QueriesPerRequest)} |"));
                    continue;
                }

                md.AppendLine(Inv($"| {p.Name} | {p.RequestsPerSecond:N0} | {Percent(p.RequestsPerSecond, before.RequestsPerSecond)} | {Ratio(p.RatioToFortunes)} ({Ratio(before.RatioToFortunes)}) | {p.P95Ms:0.0} | {Percent(p.P95Ms, before.P95Ms)} | {p.P99Ms:0.0} | {Percent(p.P99Ms, before.P99Ms)} | {Q(p.QueriesPerRequest)} ({Q(before.QueriesPerRequest)}) |"));
            }
        }

        return md.ToString();
    }

    /// <summary>Relative change, signed: "+12 %", "−3 %".</summary>
    public static string Percent(double now, double before)
    {
        if (before == 0)
        {
            return "–";
        }

        var change = (now - before) / before * 100;
        return (change >= 0 ? "+" : "−") + Math.Abs(change).ToString("0", CultureInfo.InvariantCulture) + " %";
    }

    private static string Delta(double now, double before, string unit) =>
        Inv($"{now:N0} {unit} (before {before:N0} {unit}, {Percent(now, before)})");

    /// <summary>The private part of the peak RSS, when recorded: the rest is mapped files (libraries, SQLite's memory-mapped database).</summary>
    private static string PrivateShare(double privateMegabytes) => privateMegabytes <= 0 ? ""
        : Inv($" (private memory {privateMegabytes:N0} MB; the rest are mapped files: the runtime's libraries and, on SQLite, the database read through its memory map)");

    private static string Ratio(double? ratio) => ratio is { } r ? r.ToString("0.00", CultureInfo.InvariantCulture) : "–";

    private static string Q(int? queries) => queries?.ToString(CultureInfo.InvariantCulture) ?? "–";

    /// <summary>The page's name, with its own number of connections when it was not loaded at the run's.</summary>
    private static string Label(PageResult p) => p.Connections is { } connections ? Inv($"{p.Name} (at {connections} connections)") : p.Name;

    private static string Bytes(PageResult p) => p.ResponseBytes is not { } bytes
        ? "–"
        : p.BrotliBytes is { } br ? Inv($"{bytes:N0} / {br:N0}") : Inv($"{bytes:N0}");

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
