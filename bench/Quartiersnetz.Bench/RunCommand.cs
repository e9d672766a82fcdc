using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using Quartiersnetz.Bench.Load;
using Quartiersnetz.Bench.Report;

namespace Quartiersnetz.Bench;

/// <summary>Publishes, starts, loads and measures the application and writes the report (bench/README.md).</summary>
internal static class RunCommand
{
    private const int WarmupRequestsPerPage = 20;

    private static readonly string[] NotMeasuredYet =
    [
"Registration burst under other load: the burst runs alone, after the pages and the mix (it changes data and empties the public page cache).",
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var options = RunOptions.Parse(args, out var error);
        if (options is null)
        {
            Console.Error.WriteLine(error);
            Console.Error.WriteLine(RunOptions.Usage);
            return 2;
        }

        using var cancellation = new CancellationTokenSource();
        // Ctrl+C and SIGTERM cancel the run; the finally blocks still stop the app and PostgreSQL.
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);
        void Cancel(PosixSignalContext context)
        {
            context.Cancel = true;
            Console.Error.WriteLine("Cancelling: stopping the app and the database …");
            cancellation.Cancel();
        }

        try
        {
            var root = RepositoryRoot();
            var artifacts = Path.Combine(root, "artifacts", "bench");
            var appFolder = Path.Combine(artifacts, "app");
            Directory.CreateDirectory(artifacts);
            if (!options.SkipPublish || !File.Exists(Path.Combine(appFolder, "Quartiersnetz.Web.dll")))
            {
                await PublishAsync(root, appFolder, cancellation.Token);
            }

            var machine = await Machine.DescribeAsync(root, cancellation.Token);
            foreach (var provider in options.Providers)
            {
                var report = await RunProviderAsync(options, provider, artifacts, appFolder, machine, cancellation.Token);
                var results = Path.Combine(root, "bench", "results");
                var previous = ReportStore.FindPrevious(results, report.Scale, report.Provider, report.StartedAtUtc);
                var (markdown, json) = ReportStore.Write(results, report, previous);
                Console.WriteLine($"Report: {Path.GetRelativePath(root, markdown)} and {Path.GetFileName(json)}");
                Console.WriteLine($"Targets: {report.Targets.Count(t => t.Status == TargetStatus.Met)} met, "
                    + $"{report.Targets.Count(t => t.Status == TargetStatus.Missed)} missed, "
                    + $"{report.Targets.Count(t => t.Status == TargetStatus.NotMeasured)} not measured (details in the report).");
            }

            return 0;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            Console.Error.WriteLine("Cancelled.");
            return 130;
        }
        catch (Exception ex)
        {
            // Whatever went wrong, the finally blocks have stopped the app and the database by now; one clear line.
            Console.Error.WriteLine($"bench run failed: {ex.GetType().Name}: {ex.Message}");
            if (ex is not InvalidOperationException)
            {
                // Our own failures explain themselves; anything else needs the place it came from.
                Console.Error.WriteLine(ex.StackTrace);
            }
            return 1;
        }
    }

    private static async Task<BenchReport> RunProviderAsync(
        RunOptions options, string provider, string artifacts, string appFolder, MachineInfo machine, CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.UtcNow;
        Console.WriteLine($"== {provider}, scale {options.Scale}");
        await using var database = await BenchDatabase.CreateAsync(provider, options.Scale, artifacts, cancellationToken);

        var generation = Stopwatch.StartNew();
        GenerateCommand.Figures? figures = null;
        var generateArgs = new[] { "--scale", options.Scale, "--provider", provider, "--connection", database.ConnectionString, "--seed", "42" };
        var generated = await GenerateCommand.RunAsync(generateArgs, f => figures = f);
        if (generated != 0)
        {
            throw new InvalidOperationException($"The data generator failed (exit code {generated}).");
        }

        Console.WriteLine($"Data generated in {generation.Elapsed.TotalSeconds:0} s.");
        var library = figures is { } g
            ? new LibraryFigures(g.Summary.Publications, g.Summary.PublicationFiles, g.Summary.TextChars, g.Summary.Projects, g.SearchDocuments,
                g.IndexRebuild.TotalSeconds, generation.Elapsed.TotalSeconds, g.PostingLists?.TotalSeconds, g.PostingListCount)
            : null;

        // Issue 7's 100-page PDF, on the generated database (the index it joins has the scale's size), before the app runs.
        Console.WriteLine("Indexing a 100-page PDF …");
        var pdfFiles = Path.Combine(artifacts, $"pdf-{provider}");
        PdfIndexingResult pdf;
        try
        {
            pdf = await Indexing.PdfIndexing.MeasureAsync(GenerateCommand.Parse(generateArgs)!, pdfFiles, cancellationToken);
        }
        finally
        {
            if (Directory.Exists(pdfFiles))
            {
                Directory.Delete(pdfFiles, recursive: true);
            }
        }

        Console.WriteLine("Timing the search without cache …");
        var searchTimings = await Indexing.SearchTiming.MeasureAsync(GenerateCommand.Parse(generateArgs)!, cancellationToken);

        var work = Path.Combine(artifacts, $"work-{provider}");
        var log = Path.Combine(artifacts, $"app-{provider}.log");
        File.Delete(log);

        // The first start applies whatever the generator left (nothing, normally) and fills the OS file cache;
        // the cold start is measured on the second, like a restart of a running installation.
        await using (var first = await AppProcess.StartAsync(appFolder, work, provider, database.ConnectionString, log, cancellationToken))
        {
            Console.WriteLine($"First start: {first.StartupTime.TotalMilliseconds:N0} ms");
        }

        await using var app = await AppProcess.StartAsync(appFolder, work, provider, database.ConnectionString, log, cancellationToken);
        var coldStart = app.StartupTime.TotalMilliseconds;
        Console.WriteLine($"Cold start: {coldStart:N0} ms (app at {app.BaseAddress}, pid {app.Pid}, log {log})");

        var officeSession = new CookieSession(
            ct => Sessions.SignInAsync(app.BaseAddress, BenchCredentials.OfficeEmail, BenchCredentials.OfficePassword, BenchCredentials.OfficeAuthenticatorKey, ct),
            TimeProvider.System);
        var memberSession = new CookieSession(
            ct => Sessions.SignInAsync(app.BaseAddress, BenchCredentials.MemberEmail, BenchCredentials.MemberPassword, null, ct),
            TimeProvider.System);
        var officeCookie = await officeSession.CookieAsync(cancellationToken);
        var memberCookie = await memberSession.CookieAsync(cancellationToken);
        var memberToken = await Sessions.AccessTokenAsync(app.BaseAddress, BenchCredentials.MemberEmail, BenchCredentials.MemberPassword, cancellationToken);
        var samples = await SampleDiscovery.DiscoverAsync(app.BaseAddress, memberCookie, cancellationToken);
        var headers = new Dictionary<Audience, IReadOnlyDictionary<string, string>>
        {
            [Audience.Anonymous] = new Dictionary<string, string>(),
            [Audience.MemberCookie] = new Dictionary<string, string> { ["Cookie"] = memberCookie },
            [Audience.OfficeCookie] = new Dictionary<string, string> { ["Cookie"] = officeCookie },
            [Audience.MemberToken] = new Dictionary<string, string> { ["Authorization"] = "Bearer " + memberToken },
        };
        var rows = await SampleDiscovery.CountRowsAsync(app.BaseAddress, officeCookie, cancellationToken);

        var mix = PageCatalog.Expand(PageCatalog.PublicMix(samples));
        await WarmUpAsync(app, samples, headers, mix, options, cancellationToken);

        var measured = new List<(PageResult Page, double Rps)>();
        double? fortunes = null;
        foreach (var page in PageCatalog.Pages.Where(options.Measures))
        {
            // Fresh cookies for each page (see CookieSession); the bearer token lives longer than the run.
            headers[Audience.MemberCookie] = new Dictionary<string, string> { ["Cookie"] = await memberSession.CookieAsync(cancellationToken) };
            headers[Audience.OfficeCookie] = new Dictionary<string, string> { ["Cookie"] = await officeSession.CookieAsync(cancellationToken) };
            var result = await MeasurePageAsync(app, page, page.Path(samples), headers[page.Audience], options, cancellationToken);
            if (page.Group == PageGroups.Reference && result.Measured)
            {
                fortunes = result.RequestsPerSecond;
            }

            measured.Add((result, result.RequestsPerSecond));
        }

        var mixResult = await MeasureMixAsync(app, mix, options, cancellationToken);
        headers[Audience.MemberCookie] = new Dictionary<string, string> { ["Cookie"] = await memberSession.CookieAsync(cancellationToken) };
        headers[Audience.OfficeCookie] = new Dictionary<string, string> { ["Cookie"] = await officeSession.CookieAsync(cancellationToken) };
        var networkResult = await MeasureNetworkMixAsync(app, PageCatalog.NetworkMix(samples), headers, options, cancellationToken);
        var burst = await RunBurstAsync(app, await officeSession.CookieAsync(cancellationToken), options, cancellationToken);
        var pages = measured.Select(m => m.Page)
            .Append(mixResult)
            .Append(networkResult)
            .Select(p => p.Measured ? p with { RatioToFortunes = TargetEvaluator.Ratio(p.RequestsPerSecond, fortunes) } : p)
            .ToList();
        var loaded = pages.Where(p => p.Measured).ToList();
        var maxRss = loaded.Count > 0 ? loaded.Max(p => p.MaxRssMegabytes) : 0;
        var cpu = loaded.Count > 0 ? loaded.Average(p => p.CpuPercent) : 0;
        return new BenchReport(
            startedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            startedAt,
            options.Scale,
            provider,
            database.Version,
            machine,
            new RunSettings(options.Connections, options.DurationSeconds, options.WarmupSeconds, Math.Max(1, Math.Min(Environment.ProcessorCount, options.Connections)), "wrk 4 (Lua done() summary)", options.PageWarmupSeconds),
            rows,
            coldStart,
            maxRss,
            cpu,
            pages,
            TargetEvaluator.Evaluate(pages, maxRss, coldStart, options.Connections, burst, pdf, searchTimings),
            options.PageFilter.Count == 0 ? NotMeasuredYet :
            [
                .. NotMeasuredYet,
                $"This run measured only the pages whose names contain {string.Join(", ", options.PageFilter.Select(f => $"\"{f}\""))} (--pages), and the reference: "
                    + $"{PageCatalog.Pages.Count(p => !options.Measures(p))} other pages were left out; their latest figures are in the earlier reports.",
            ])
        {
            MaxPrivateRssMegabytes = loaded.Count > 0 ? loaded.Max(p => p.MaxPrivateRssMegabytes) : 0,
            PageFilter = options.PageFilter,
            Burst = burst,
            Library = library,
            Pdf = pdf,
            SearchTimings = searchTimings,
        };
    }

    /// <summary>Last, because it changes data: the burst accounts register at once for the empty event (see <see cref="RegistrationBurst"/>).</summary>
    private static async Task<BurstResult> RunBurstAsync(AppProcess app, string officeCookie, RunOptions options, CancellationToken cancellationToken)
    {
        var scale = Generation.GeneratorScale.Parse(options.Scale)!.EventCounts;
        Console.Write($"  {"Registration burst",-28} {scale.BurstMembers + " members, " + scale.BurstCapacity + " seats",-50} ");
        var burst = await RegistrationBurst.RunAsync(app.BaseAddress, officeCookie, scale.BurstMembers, scale.BurstCapacity, cancellationToken);
        Console.WriteLine($"{burst.DurationMs,8:N0} ms  errors {burst.Errors}  confirmed {burst.Confirmed}  waiting {burst.Waitlisted}  {(burst.Consistent ? "consistent" : "INCONSISTENT: " + string.Join("; ", burst.Problems))}");
        return burst;
    }

    /// <summary>JIT, EF Core's compiled-query caches, connection pools and the database's pages, before anything is timed.</summary>
    private static async Task WarmUpAsync(
        AppProcess app, SampleIds samples, Dictionary<Audience, IReadOnlyDictionary<string, string>> headers,
        IReadOnlyList<string> mix, RunOptions options, CancellationToken cancellationToken)
    {
        Console.WriteLine("Warming up …");
        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        foreach (var page in PageCatalog.Pages.Where(options.Measures))
        {
            if (page.Path(samples) is not { } path)
            {
                continue;
            }

            for (var i = 0; i < WarmupRequestsPerPage; i++)
            {
                using var request = Request(path, headers[page.Audience]);
                using var response = await client.SendAsync(request, cancellationToken);
            }
        }

        if (options.WarmupSeconds > 0)
        {
            await WrkDriver.RunAsync(app.BaseAddress, mix, headers[Audience.Anonymous], options.Connections, options.WarmupSeconds, cancellationToken);
        }
    }

    private static async Task<PageResult> MeasurePageAsync(
        AppProcess app, PageDefinition page, string? path, IReadOnlyDictionary<string, string> headers, RunOptions options, CancellationToken cancellationToken)
    {
        if (path is null)
        {
            Console.WriteLine($"  {page.Name,-28} not measured: no sample id in the data set");
            return NotMeasured(page, "", null, null, null, 0, "the data set has nothing to show on this page (no sample id)");
        }

        var connections = page.Connections ?? options.Connections;

        if (options.PageWarmupSeconds > 0)
        {
            // Before the single request too, so its query count is the warm page's (caches filled, sign-in checked).
            await WrkDriver.RunAsync(app.BaseAddress, [path], headers, connections, options.PageWarmupSeconds, cancellationToken);
        }

        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };
        using var request = Request(path, headers);
        using var response = await client.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var status = (int)response.StatusCode;
        int? queries = response.Headers.TryGetValues("X-Db-Queries", out var values)
            && int.TryParse(values.FirstOrDefault(), CultureInfo.InvariantCulture, out var q) ? q : null;
        long? brotli = null;
        if (page.MeasureBrotli)
        {
            using var compressedRequest = Request(path, headers);
            compressedRequest.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));
            using var compressed = await client.SendAsync(compressedRequest, cancellationToken);
            // HttpClient does not decompress unless told to, so this is what travels over the wire.
            brotli = (await compressed.Content.ReadAsByteArrayAsync(cancellationToken)).LongLength;
        }

        // The output cache marks what it serves with an Age header; a second request finds what the first one stored.
        var cache = response.Headers.Age is not null ? "cached" : null;
        if (cache is null && status is >= 200 and < 300)
        {
            using var again = Request(path, headers);
            using var repeated = await client.SendAsync(again, cancellationToken);
            cache = repeated.Headers.Age is not null ? "cached" : "built";
        }

        if (status is < 200 or >= 300)
        {
            Console.WriteLine($"  {page.Name,-28} {path,-50} not loaded: single request answered {status}");
            // A redirect here means a sign-in that did not hold, an error page means a broken page: no load on it.
            return NotMeasured(page, path, status, queries, body.LongLength, brotli,
                $"single request answered {status}{(response.Headers.Location is { } l ? " → " + l : "")}; not loaded");
        }

        Console.Write($"  {page.Name,-28} {path,-50} ");
        await using var sampler = ProcessSampler.Start(app.Pid);
        LoadFigures load;
        try
        {
            load = await WrkDriver.RunAsync(app.BaseAddress, [path], headers, connections, options.DurationSeconds, cancellationToken);
        }
        catch (InvalidOperationException ex)
        {
            // One page the load generator could not drive must not cost the figures of all the others.
            Console.WriteLine("wrk failed: " + ex.Message.Split('\n')[0]);
            return NotMeasured(page, path, status, queries, body.LongLength, brotli, "wrk failed: " + ex.Message.Split('\n')[0].Trim());
        }

        var process = await sampler.StopAsync();
        Console.WriteLine($"{load.RequestsPerSecond,8:N0} req/s  p95 {load.P95Ms,6:0.0} ms  p99 {load.P99Ms,6:0.0} ms  errors {load.Errors}  queries {queries}");
        string? note = brotli is { } br && br >= body.LongLength ? "the app does not compress this response (Accept-Encoding: br changes nothing)" : null;
        if (load.Requests == 0)
        {
            // Not a gap in the harness: every request took longer than the run (or failed); the targets list it as not measured with this reason.
            note = $"no request completed within the {options.DurationSeconds} s run ({load.Errors} errors): each took longer, or the run is too short";
        }
        return new PageResult(page.Name, page.Group, path, page.Audience.ToString(), status, queries, body.LongLength, brotli,
            load.Requests, load.RequestsPerSecond, null, load.P50Ms, load.P90Ms, load.P95Ms, load.P99Ms, load.MaxMs, load.Errors,
            process.MaxRssMegabytes, process.CpuPercent, note) { Cache = cache, MaxPrivateRssMegabytes = process.MaxPrivateMegabytes, Connections = page.Connections };
    }

    private static async Task<PageResult> MeasureMixAsync(AppProcess app, IReadOnlyList<string> mix, RunOptions options, CancellationToken cancellationToken)
    {
        Console.Write($"  {"Public mix",-28} {mix.Distinct().Count() + " paths, weighted",-50} ");
        await using var sampler = ProcessSampler.Start(app.Pid);
        var load = await WrkDriver.RunAsync(app.BaseAddress, mix, new Dictionary<string, string>(), options.Connections, options.DurationSeconds, cancellationToken);
        var process = await sampler.StopAsync();
        Console.WriteLine($"{load.RequestsPerSecond,8:N0} req/s  p95 {load.P95Ms,6:0.0} ms  p99 {load.P99Ms,6:0.0} ms  errors {load.Errors}");
        return new PageResult("Public mix", PageGroups.Mix, $"{mix.Distinct().Count()} public paths, weighted (bench/Quartiersnetz.Bench/Load/PageCatalog.cs)",
            nameof(Audience.Anonymous), 200, null, null, null, load.Requests, load.RequestsPerSecond, null,
            load.P50Ms, load.P90Ms, load.P95Ms, load.P99Ms, load.MaxMs, load.Errors, process.MaxRssMegabytes, process.CpuPercent,
            $"anonymous visitors: {load.Bytes / Math.Max(1, load.Requests):N0} bytes per response on average") { MaxPrivateRssMegabytes = process.MaxPrivateMegabytes };
    }

    private static async Task<PageResult> MeasureNetworkMixAsync(
        AppProcess app, IReadOnlyList<(string Path, Audience Audience)> mix, Dictionary<Audience, IReadOnlyDictionary<string, string>> headers,
        RunOptions options, CancellationToken cancellationToken)
    {
        var shares = string.Join(", ", mix.GroupBy(m => m.Audience).OrderBy(g => g.Key).Select(g => $"{g.Key} {100.0 * g.Count() / mix.Count:0} %"));
        Console.Write($"  {"Network mix",-28} {mix.Distinct().Count() + " requests, " + shares,-50} ");
        await using var sampler = ProcessSampler.Start(app.Pid);
        var load = await WrkDriver.RunAsync(
            app.BaseAddress, [.. mix.Select(m => (m.Path, headers[m.Audience]))], new Dictionary<string, string>(), options.Connections, options.DurationSeconds, cancellationToken);
        var process = await sampler.StopAsync();
        Console.WriteLine($"{load.RequestsPerSecond,8:N0} req/s  p95 {load.P95Ms,6:0.0} ms  p99 {load.P99Ms,6:0.0} ms  errors {load.Errors}");
        return new PageResult("Network mix", PageGroups.Mix, $"{mix.Distinct().Count()} paths of visitors, members and the office, weighted (bench/Quartiersnetz.Bench/Load/PageCatalog.cs)",
            "mixed", 200, null, null, null, load.Requests, load.RequestsPerSecond, null,
            load.P50Ms, load.P90Ms, load.P95Ms, load.P99Ms, load.MaxMs, load.Errors, process.MaxRssMegabytes, process.CpuPercent,
            $"{shares} of the requests; {load.Bytes / Math.Max(1, load.Requests):N0} bytes per response on average") { MaxPrivateRssMegabytes = process.MaxPrivateMegabytes };
    }

    private static PageResult NotMeasured(PageDefinition page, string path, int? status, int? queries, long? bytes, long? brotli, string note) =>
        new(page.Name, page.Group, path, page.Audience.ToString(), status ?? 0, queries, bytes, brotli, 0, 0, null, 0, 0, 0, 0, 0, 0, 0, 0, note);

    private static HttpRequestMessage Request(string path, IReadOnlyDictionary<string, string> headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }

    private static async Task PublishAsync(string root, string appFolder, CancellationToken cancellationToken)
    {
        Console.WriteLine($"Publishing the app (Release) to {Path.GetRelativePath(root, appFolder)} …");
        if (Directory.Exists(appFolder))
        {
            Directory.Delete(appFolder, recursive: true);
        }

        var result = await Shell.RunAsync("dotnet",
            ["publish", Path.Combine("src", "Quartiersnetz.Web", "Quartiersnetz.Web.csproj"), "-c", "Release", "-o", appFolder, "--nologo"],
            cancellationToken, root);
        result.EnsureSucceeded("dotnet publish");
    }

    private static string RepositoryRoot()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "Quartiersnetz.slnx")))
                {
                    return folder.FullName;
                }
            }
        }

        throw new InvalidOperationException("Run bench from inside the Quartiersnetz checkout (no Quartiersnetz.slnx found).");
    }
}
