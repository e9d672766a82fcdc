using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartiersnetz.Bench.Generation;
using Quartiersnetz.Data;
using Quartiersnetz.Features;
using Quartiersnetz.Platform;
using Quartiersnetz.Platform.Errors;
using Quartiersnetz.Platform.Search;

namespace Quartiersnetz.Bench;

/// <summary>
/// bench generate --scale small|national --provider sqlite|postgres --connection "&lt;cs&gt;" [--seed 42]:
/// brings an empty (or existing) database to the current schema and reference data through the app's own start-up
/// code (<see cref="DatabaseStartup.PrepareAsync"/>), then adds the generated data set (<see cref="DataGenerator"/>).
/// </summary>
internal static class GenerateCommand
{
    public const string Usage =
        "usage: bench generate --scale small|national --provider sqlite|postgres --connection \"<connection string>\" [--seed 42]";

    public const int DefaultSeed = 42;

    internal sealed record Options(GeneratorScale Scale, DatabaseProvider Provider, string ConnectionString, int Seed);

    /// <summary>What <c>bench run</c> reports of the generation: the data set's summary and the full index rebuild.</summary>
    internal sealed record Figures(GeneratorSummary Summary, TimeSpan IndexRebuild, long SearchDocuments, TimeSpan? PostingLists = null, int PostingListCount = 0);

    public static Task<int> RunAsync(string[] args) => RunAsync(args, null);

    public static async Task<int> RunAsync(string[] args, Action<Figures>? figures)
    {
        if (Parse(args) is not { } options)
        {
            return 1;
        }

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };

        var watch = Stopwatch.StartNew();
        try
        {
            await using var app = BuildApp(options);
            Console.Error.WriteLine($"generate: preparing the {options.Provider} database (migrations, reference data) …");
            await DatabaseStartup.PrepareAsync(app.Services, app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Quartiersnetz.Bench"), cancel.Token);

            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
            var bar = new ProgressBar(watch);
            var summary = await DataGenerator.GenerateAsync(db, options.Scale, options.Seed, bar, cancel.Token);
            bar.Finish();

            // The generated rows queued search-index updates as the app's own writes do. Left for the app, its indexer
            // would work them off during the measurement; an installation's index is up to date, so build it here.
            Console.Error.WriteLine("generate: building the search index …");
            var indexWatch = Stopwatch.StartNew();
            await db.Set<SearchIndexPending>().ExecuteDeleteAsync(cancel.Token);
            await scope.ServiceProvider.GetRequiredService<SearchIndexer>().RebuildAllAsync(cancel.Token);
            var indexElapsed = indexWatch.Elapsed;
            var documents = await db.Set<SearchDocument>().LongCountAsync(cancel.Token);
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"generate: search index built in {indexElapsed.TotalSeconds:0.0} s ({documents:N0} documents)"));
            // A bulk load leaves PostgreSQL's statistics from whenever autovacuum happened to look during it; an installation
            // that grew over years has current ones. ANALYZE gives the measurement that state (SQLite keeps none unless asked).
            if (db.Database.IsNpgsql())
            {
                Console.Error.WriteLine("generate: gathering planner statistics (ANALYZE) …");
                await db.Database.ExecuteSqlRawAsync("ANALYZE", cancel.Token);
            }

            // PostgreSQL: the stored lists of frequent terms (SearchPostings), which the app's background job builds soon
            // after an index is built; built here for the same reason as the index.
            TimeSpan? postingsElapsed = null;
            var postingLists = 0;
            if (db.Database.IsNpgsql())
            {
                Console.Error.WriteLine("generate: building the lists of frequent search terms …");
                var postingsWatch = Stopwatch.StartNew();
                postingLists = await SearchPostings.MergeAsync(db, SearchPostings.DefaultMinDocuments, waitForOtherNode: true, cancel.Token) ?? 0;
                postingsElapsed = postingsWatch.Elapsed;
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"generate: {postingLists:N0} lists built in {postingsElapsed.Value.TotalSeconds:0.0} s"));
            }

            figures?.Invoke(new Figures(summary, indexElapsed, documents, postingsElapsed, postingLists));
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"generate: scale {options.Scale.Name}, seed {options.Seed}: {summary.SyntheticMunicipalities:N0} synthetic municipalities, "
                + $"{summary.Topics:N0} topics, {summary.Organisations:N0} organisations, {summary.People:N0} people, "
                + $"{summary.Memberships:N0} memberships, {summary.ProgrammeAreas:N0} programme areas, "
                + $"{summary.Events:N0} events ({summary.Series:N0} series), {summary.Registrations:N0} registrations "
                + $"(events {summary.EventsElapsed.TotalSeconds:0.0} s, invariant check {summary.CheckElapsed.TotalSeconds:0.0} s), "
                + $"{summary.Publications:N0} publications with {summary.PublicationFiles:N0} files ({summary.TextChars / 1e6:0.0} M characters of text), "
                + $"{summary.Projects:N0} projects (library {summary.LibraryElapsed.TotalSeconds:0.0} s); "
                + $"generation {summary.Elapsed.TotalSeconds:0.0} s, total {watch.Elapsed.TotalSeconds:0.0} s"));
            return 0;
        }
        catch (StartupConfigurationException ex)
        {
            Console.Error.WriteLine($"generate: {ex.Message}");
            return 1;
        }
        catch (InvalidOperationException ex) when (ex.Message.Contains("already holds generated data", StringComparison.Ordinal))
        {
            Console.Error.WriteLine($"generate: {ex.Message}");
            return 1;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine();
            Console.Error.WriteLine("generate: cancelled; the database holds a partial data set.");
            return 1;
        }
    }

    /// <summary>The options, or null after printing what is wrong.</summary>
    internal static Options? Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] is not ("--scale" or "--provider" or "--connection" or "--seed"))
            {
                return Fail($"unknown argument '{args[i]}'.");
            }

            if (i + 1 >= args.Length || string.IsNullOrWhiteSpace(args[i + 1]))
            {
                return Fail($"{args[i]} needs a value.");
            }

            values[args[i]] = args[++i];
        }

        if (GeneratorScale.Parse(values.GetValueOrDefault("--scale")) is not { } scale)
        {
            return Fail(values.TryGetValue("--scale", out var s) ? $"unknown scale '{s}'; use small or national." : "--scale is missing.");
        }

        DatabaseProvider provider;
        switch (values.GetValueOrDefault("--provider")?.ToLowerInvariant())
        {
            case "sqlite":
                provider = DatabaseProvider.Sqlite;
                break;
            case "postgres" or "postgresql":
                provider = DatabaseProvider.Postgres;
                break;
            case null:
                return Fail("--provider is missing.");
            default:
                return Fail($"unknown provider '{values["--provider"]}'; use sqlite or postgres.");
        }

        if (!values.TryGetValue("--connection", out var connection))
        {
            return Fail("--connection is missing.");
        }

        var seed = DefaultSeed;
        if (values.TryGetValue("--seed", out var seedText) && !int.TryParse(seedText, NumberStyles.Integer, CultureInfo.InvariantCulture, out seed))
        {
            return Fail($"--seed '{seedText}' is not a whole number.");
        }

        return new Options(scale, provider, connection, seed);

        static Options? Fail(string message)
        {
            Console.Error.WriteLine($"generate: {message}");
            Console.Error.WriteLine(Usage);
            return null;
        }
    }

    /// <summary>
    /// The app's own service registrations (the same list as Program.cs), built but never started: no web server, no
    /// background mail sender. Only what PrepareAsync and the DbContext need is resolved from it.
    /// </summary>
    internal static WebApplication BuildApp(Options options, string? filesPath = null, IDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = Environments.Production,
            ApplicationName = typeof(QuartiersnetzDbContext).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = options.Provider.ToString(),
            [$"ConnectionStrings:{options.Provider}"] = options.ConnectionString,
        });
        if (filesPath is not null)
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Files:Path"] = filesPath });
        }

        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.AddPlatform();
        builder.Services.AddFeatures();

        // The app logs JSON at Information (every SQL command); the console tool shows warnings and errors only, on stderr.
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.AddFilter(level => level >= LogLevel.Warning);
        // EF logs a failed connection when it probes for a PostgreSQL database before creating it, and warns about a
        // migration's PRAGMA; PrepareAsync turns real connection failures into one clear message anyway.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Connection", LogLevel.None);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Migrations", LogLevel.Error);
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        return builder.Build();
    }

    /// <summary>One line on stderr, redrawn with \r: step, rows done of the step's total, elapsed time.</summary>
    private sealed class ProgressBar(Stopwatch watch) : IProgress<GeneratorProgress>
    {
        private const int Width = 24;
        private TimeSpan _lastDrawn = TimeSpan.MinValue;
        private string _lastStep = "";
        private int _lastLength;

        public void Report(GeneratorProgress value)
        {
            var now = watch.Elapsed;
            if (value.Step == _lastStep && value.Done < value.Total && now - _lastDrawn < TimeSpan.FromMilliseconds(200))
            {
                return;
            }

            _lastStep = value.Step;
            _lastDrawn = now;
            var filled = (int)Math.Round(Width * Math.Clamp(value.Done / (double)value.Total, 0, 1));
            var line = string.Create(CultureInfo.InvariantCulture,
                $"[{value.StepNumber}/{value.StepCount}] {value.Step,-16} [{new string('#', filled)}{new string('.', Width - filled)}] "
                + $"{value.Done,7:N0}/{value.Total:N0}  {now:hh\\:mm\\:ss}");
            Console.Error.Write("\r" + line.PadRight(_lastLength));
            _lastLength = line.Length;
        }

        public void Finish()
        {
            if (_lastLength > 0)
            {
                Console.Error.WriteLine();
            }
        }
    }
}
