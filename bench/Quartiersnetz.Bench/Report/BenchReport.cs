using System.Text.Json;
using System.Text.Json.Serialization;

namespace Quartiersnetz.Bench.Report;

/// <summary>The machine a run was measured on.</summary>
internal sealed record MachineInfo(int Cores, string CpuModel, long MemoryMegabytes, string OperatingSystem, string DotnetRuntime, string DotnetSdk, string GitCommit);

/// <summary>How the load was driven.</summary>
internal sealed record RunSettings(int Connections, int DurationSeconds, int WarmupSeconds, int WrkThreads, string Driver, int PageWarmupSeconds = 0);

/// <summary>One measured page (or the mix). Latencies in milliseconds; null where not measured.</summary>
internal sealed record PageResult(
    string Name,
    string Group,
    string Path,
    string Audience,
    int ProbeStatus,
    int? QueriesPerRequest,
    long? ResponseBytes,
    long? BrotliBytes,
    long Requests,
    double RequestsPerSecond,
    double? RatioToFortunes,
    double P50Ms,
    double P90Ms,
    double P95Ms,
    double P99Ms,
    double MaxMs,
    long Errors,
    double MaxRssMegabytes,
    double CpuPercent,
    string? Note)
{
    /// <summary>Peak private memory (RssAnon) while measured; 0 in reports before it was recorded.</summary>
    public double MaxPrivateRssMegabytes { get; init; }

    /// <summary>The page's own number of connections when it was not loaded at the run's (<see cref="RunSettings.Connections"/>).</summary>
    public int? Connections { get; init; }

    /// <summary>
    /// Whether the answers came from the app's output cache ("cached": a repeated single request carried an Age header)
    /// or were built per request ("built"); null for the mix and older reports.
    /// </summary>
    public string? Cache { get; init; }

    /// <summary>True when the page answered its probe and load was driven against it.</summary>
    [JsonIgnore]
    public bool Measured => Requests > 0;
}

internal enum TargetStatus
{
    Met,
    Missed,
    NotMeasured,
}

/// <summary>One target of issue 8 for one subject (a page or the process), with what was measured.</summary>
internal sealed record TargetResult(string Target, string Subject, double? Actual, double Limit, string Unit, TargetStatus Status, string Verdict);

/// <summary>
/// The registration burst: <see cref="Members"/> accounts registering at once for an event with <see cref="Capacity"/>
/// seats. Latencies are those of the single POSTs (ms); <see cref="DurationMs"/> from the first send to the last answer.
/// The counts are read back through the office's participant API afterwards.
/// </summary>
internal sealed record BurstResult(
    int Members,
    int Capacity,
    double DurationMs,
    int Errors,
    int Confirmed,
    int Waitlisted,
    int Registrations,
    int DistinctPeople,
    int SeatCounter,
    double P50Ms,
    double P95Ms,
    double MaxMs,
    bool Consistent,
    IReadOnlyList<string> Problems);

/// <summary>One round of the 100-page PDF: the text job (extraction + saving), the re-index of the publication, both together (ms).</summary>
internal sealed record PdfRound(bool Cold, double ExtractAndSaveMs, double ReindexMs, double TotalMs, int TextChars, int IndexEntries);

/// <summary>
/// Issue 7's "indexing a 100-page PDF &lt; 2 s in the background" (Indexing/PdfIndexing.cs): <see cref="Cold"/> is the
/// first round (JIT included), <see cref="Warm"/> the median of the others.
/// </summary>
internal sealed record PdfIndexingResult(int Pages, long PdfBytes, int TextChars, PdfRound Cold, PdfRound Warm, IReadOnlyList<PdfRound> Rounds);

/// <summary>One query's own time in <c>SearchService.SearchAsync</c>, in-process and uncached (Indexing/SearchTiming.cs), ms.</summary>
/// <param name="Target">False for a row that is reported but not held to the search target (the first search of a process).</param>
internal sealed record SearchTimingResult(string Name, string Query, string Audience, long Hits, double P50Ms, double P95Ms, double MaxMs, bool Target = true);

/// <summary>The library and the Praxisdatenbank in the data set, and how long the app's full search-index rebuild took.</summary>
internal sealed record LibraryFigures(
    int Publications, int PublicationFiles, long TextChars, int Projects, long SearchDocuments, double IndexRebuildSeconds, double GenerationSeconds,
    double? PostingListsSeconds = null, int PostingLists = 0);

/// <summary>Everything one run of one provider at one scale found; written as JSON and Markdown.</summary>
internal sealed record BenchReport(
    string Date,
    DateTimeOffset StartedAtUtc,
    string Scale,
    string Provider,
    string DatabaseVersion,
    MachineInfo Machine,
    RunSettings Settings,
    IReadOnlyDictionary<string, long> RowCounts,
    double ColdStartMs,
    double MaxRssMegabytes,
    double CpuPercentUnderLoad,
    IReadOnlyList<PageResult> Pages,
    IReadOnlyList<TargetResult> Targets,
    IReadOnlyList<string> NotMeasured)
{
    /// <summary>
    /// Peak private memory (RssAnon) of the app under load; 0 in reports before it was recorded. The rest of
    /// <see cref="MaxRssMegabytes"/> is mapped files: the runtime's libraries and, on SQLite, the memory-mapped database.
    /// </summary>
    public double MaxPrivateRssMegabytes { get; init; }

    /// <summary>The registration burst; null when it was not run (reports before events, or the run failed before it).</summary>
    public BurstResult? Burst { get; init; }

    /// <summary>Publications, projects and the index rebuild; null in reports before the library was generated.</summary>
    public LibraryFigures? Library { get; init; }

    /// <summary>The 100-page PDF measurement; null when it was not run.</summary>
    public PdfIndexingResult? Pdf { get; init; }

    /// <summary>The search's server-side time per query without caches; empty when it was not run.</summary>
    public IReadOnlyList<SearchTimingResult> SearchTimings { get; init; } = [];

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The run's --pages filter; empty for a full run.</summary>
    public IReadOnlyList<string> PageFilter { get; init; } = [];

    /// <summary>
    /// bench/results/&lt;date&gt;-&lt;scale&gt;-&lt;provider&gt; without extension; a partial run (--pages) adds
    /// "-partial-&lt;HHmm&gt;" (UTC start), so that it never overwrites the day's full report and is no comparison base.
    /// </summary>
    public string BaseName => PageFilter.Count == 0
        ? $"{Date}-{Scale}-{Provider}"
        : $"{Date}-{Scale}-{Provider}-partial-{StartedAtUtc.UtcDateTime.ToString("HHmm", System.Globalization.CultureInfo.InvariantCulture)}";

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static BenchReport? FromJson(string json) => JsonSerializer.Deserialize<BenchReport>(json, Json);
}
