using System.Globalization;
using Quartiersnetz.Bench.Load;

namespace Quartiersnetz.Bench.Report;

/// <summary>
/// The targets of issue 8 (2 cores, national scale): each is checked against what was measured and reported as met or
/// missed with the gap. Nothing is rounded in the harness's favour.
/// </summary>
internal static class TargetEvaluator
{
    public const double PublicListRatio = 0.40;
    public const double PageP95Ms = 50;
    public const double PageP99Ms = 150;
    public const double SearchP95Ms = 30;
    public const double LibraryListP95Ms = 50;
    public const double PdfIndexingMs = 2000;
    public const double ParticipantListMs = 100;
    public const double RssMegabytes = 400;
    public const double ColdStartMs = 3000;
    public const int TargetConnections = 32;

    /// <summary>Ratio of a page's req/s to the Fortunes reference; null without a usable reference.</summary>
    public static double? Ratio(double requestsPerSecond, double? fortunesRequestsPerSecond) =>
        fortunesRequestsPerSecond is > 0 ? requestsPerSecond / fortunesRequestsPerSecond.Value : null;

    public static List<TargetResult> Evaluate(
        IReadOnlyList<PageResult> pages, double maxRssMegabytes, double coldStartMs, int connections, BurstResult? burst = null,
        PdfIndexingResult? pdf = null, IReadOnlyList<SearchTimingResult>? searchTimings = null)
    {
        var targets = new List<TargetResult>();
        var at = connections == TargetConnections ? "" : $" (measured at {connections} connections, the target says {TargetConnections})";
        foreach (var page in pages.Where(p => p.Group == PageGroups.PublicList))
        {
            targets.Add(page.Measured && page.RatioToFortunes is { } ratio
                ? AtLeast("Public list page ≥ 40 % of Fortunes req/s", page.Name, ratio * 100, PublicListRatio * 100, "%")
                : NotMeasured("Public list page ≥ 40 % of Fortunes req/s", page.Name, PublicListRatio * 100, "%", page.Note));
        }

        // A page loaded at its own number of connections (the office's load) has its own target, not these.
        foreach (var page in pages.Where(p => p.Group != PageGroups.Reference && p.Connections is null))
        {
            targets.Add(page.Measured
                ? AtMost("p95 < 50 ms" + at, page.Name, page.P95Ms, PageP95Ms, "ms")
                : NotMeasured("p95 < 50 ms" + at, page.Name, PageP95Ms, "ms", page.Note));
            targets.Add(page.Measured
                ? AtMost("p99 < 150 ms" + at, page.Name, page.P99Ms, PageP99Ms, "ms")
                : NotMeasured("p99 < 150 ms" + at, page.Name, PageP99Ms, "ms", page.Note));
        }

        foreach (var page in pages.Where(p => p.Group == PageGroups.Search))
        {
            targets.Add(page.Measured
                ? AtMost("search p95 < 30 ms", page.Name, page.P95Ms, SearchP95Ms, "ms")
                : NotMeasured("search p95 < 30 ms", page.Name, SearchP95Ms, "ms", page.Note));
        }

        // Issue 7: "library list pages p95 < 50 ms" (the library's and the Praxisdatenbank's lists, visitors and members).
        foreach (var page in pages.Where(p => p.Group == PageGroups.LibraryList))
        {
            targets.Add(page.Measured
                ? AtMost("library list p95 < 50 ms", page.Name, page.P95Ms, LibraryListP95Ms, "ms")
                : NotMeasured("library list p95 < 50 ms", page.Name, LibraryListP95Ms, "ms", page.Note));
        }

        // Issue 7: "search p95 < 30 ms server-side": each query's own time without caches (Indexing/SearchTiming.cs).
        foreach (var t in (searchTimings ?? []).Where(t => t.Target))
        {
            targets.Add(AtMost("search p95 < 30 ms (server-side, no cache)", $"{t.Name} ({t.Audience})", t.P95Ms, SearchP95Ms, "ms"));
        }

        // Issue 7: "indexing a 100-page PDF < 2 s in the background": the text job and the re-index, warm (median of the rounds after the first).
        targets.Add(pdf is null
            ? NotMeasured("100-page PDF extracted and indexed < 2 s", "DocumentTextJob + SearchIndexer", PdfIndexingMs, "ms", "not run")
            : AtMost("100-page PDF extracted and indexed < 2 s", "DocumentTextJob + SearchIndexer (warm median)", pdf.Warm.TotalMs, PdfIndexingMs, "ms"));

        // Issue 5 says "< 100 ms" for the office's participant list: its p95 at the office's own load (ADR 0008). The same
        // page at the run's 32 connections is an office page under the every-page targets above.
        var participants = pages.FirstOrDefault(p => p.Group == PageGroups.ParticipantList);
        var participantTarget = $"participant list of 1,000 registrations p95 < 100 ms at {participants?.Connections ?? PageCatalog.OfficeConnections} connections";
        targets.Add(participants is { Measured: true }
            ? AtMost(participantTarget, participants.Name, participants.P95Ms, ParticipantListMs, "ms")
            : NotMeasured(participantTarget, participants?.Name ?? "event participant list", ParticipantListMs, "ms",
                participants?.Note ?? "not in this run"));
        targets.Add(burst is null
            ? NotMeasured("registration burst without errors, capacity exactly filled", "registration burst", 0, "errors", "not run")
            : new TargetResult("registration burst without errors, capacity exactly filled",
                $"{burst.Members} members, {burst.Capacity} seats", burst.Errors, 0, "errors",
                burst.Consistent ? TargetStatus.Met : TargetStatus.Missed,
                burst.Consistent
                    ? $"met ({burst.Confirmed} confirmed, {burst.Waitlisted} waiting, each person once, in {Format(burst.DurationMs)} ms)"
                    : "MISSED: " + string.Join("; ", burst.Problems)));
        targets.Add(AtMost("RSS under load < 400 MB", "app process (peak VmRSS)", maxRssMegabytes, RssMegabytes, "MB"));
        targets.Add(AtMost("cold start < 3 s", "process start → first 200 of /", coldStartMs, ColdStartMs, "ms"));
        return targets;
    }

    /// <summary>Actual must stay below the limit (latency, memory, time).</summary>
    public static TargetResult AtMost(string target, string subject, double actual, double limit, string unit)
    {
        var met = actual < limit;
        var verdict = met
            ? $"met ({Format(limit - actual)} {unit} to spare)"
            : $"MISSED by {Format(actual - limit)} {unit} ({Format((actual - limit) / limit * 100)} % over)";
        return new TargetResult(target, subject, actual, limit, unit, met ? TargetStatus.Met : TargetStatus.Missed, verdict);
    }

    /// <summary>Actual must reach the limit (throughput ratio).</summary>
    public static TargetResult AtLeast(string target, string subject, double actual, double limit, string unit)
    {
        var met = actual >= limit;
        var verdict = met
            ? $"met ({Format(actual - limit)} {unit} above)"
            : $"MISSED by {Format(limit - actual)} {unit} ({Format((limit - actual) / limit * 100)} % short)";
        return new TargetResult(target, subject, actual, limit, unit, met ? TargetStatus.Met : TargetStatus.Missed, verdict);
    }

    private static TargetResult NotMeasured(string target, string subject, double limit, string unit, string? why) =>
        new(target, subject, null, limit, unit, TargetStatus.NotMeasured, "not measured" + (why is null ? "" : ": " + why));

    public static string Format(double value) => value.ToString(Math.Abs(value) >= 100 ? "0" : "0.0", CultureInfo.InvariantCulture);
}
