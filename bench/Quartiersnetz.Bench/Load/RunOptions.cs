using System.Globalization;

namespace Quartiersnetz.Bench.Load;

/// <summary>The options of <c>bench run</c>.</summary>
internal sealed record RunOptions(
    string Scale,
    IReadOnlyList<string> Providers,
    int DurationSeconds,
    int Connections,
    int WarmupSeconds,
    bool SkipPublish,
    int PageWarmupSeconds = RunOptions.DefaultPageWarmupSeconds)
{
    /// <summary>
    /// Parts of page names (case-blind) to measure, from --pages; empty measures every page. The Fortunes reference is
    /// always measured (the ratios need it). For a run about one feature when the machine's time is short.
    /// </summary>
    public IReadOnlyList<string> PageFilter { get; init; } = [];

    /// <summary>Whether the page is measured in this run (see <see cref="PageFilter"/>).</summary>
    public bool Measures(PageDefinition page) =>
        PageFilter.Count == 0 || page.Group == PageGroups.Reference
        || PageFilter.Any(f => page.Name.Contains(f, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Seconds of load on each page, unmeasured, right before its measured run. The JIT promotes a method to optimised
    /// code only after it has been called a few dozen times; without this the first seconds of a page that the general
    /// warm-up touched only 20 times were measured on unoptimised code (participant list: 333 req/s in the harness; by
    /// hand, same build, 210 req/s in a first 8 s run and 520 from the fourth run on).
    /// </summary>
    public const int DefaultPageWarmupSeconds = 3;

    public const string Usage =
        "usage: bench run [--scale small|national] [--provider sqlite|postgres|both] [--duration 10] [--connections 32] [--warmup 5] [--page-warmup 3] [--pages Library,Search,…] [--skip-publish]";

    public static readonly string[] Scales = ["small", "national"];

    /// <summary>Parses the arguments after "run"; returns null and an error message on bad input.</summary>
    public static RunOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        var scale = "small";
        var provider = "both";
        var duration = 10;
        var connections = 32;
        var warmup = 5;
        var pageWarmup = DefaultPageWarmupSeconds;
        var skipPublish = false;
        IReadOnlyList<string> pages = [];
        error = null;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name == "--skip-publish")
            {
                skipPublish = true;
                continue;
            }

            if (i + 1 >= args.Count)
            {
                error = $"{name} needs a value";
                return null;
            }

            var value = args[++i];
            switch (name)
            {
                case "--scale":
                    scale = value;
                    break;
                case "--provider":
                    provider = value;
                    break;
                case "--duration":
                    if (!TryPositive(value, out duration))
                    {
                        error = "--duration must be a whole number of seconds > 0";
                        return null;
                    }

                    break;
                case "--connections":
                    if (!TryPositive(value, out connections))
                    {
                        error = "--connections must be a whole number > 0";
                        return null;
                    }

                    break;
                case "--warmup":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out warmup))
                    {
                        error = "--warmup must be a whole number of seconds >= 0";
                        return null;
                    }

                    break;
                case "--page-warmup":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out pageWarmup))
                    {
                        error = "--page-warmup must be a whole number of seconds >= 0";
                        return null;
                    }

                    break;
                case "--pages":
                    pages = [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
                    break;
                default:
                    error = $"unknown option {name}";
                    return null;
            }
        }

        if (!Scales.Contains(scale, StringComparer.Ordinal))
        {
            error = "--scale must be small or national";
            return null;
        }

        IReadOnlyList<string>? providers = provider switch
        {
            "sqlite" => ["sqlite"],
            "postgres" => ["postgres"],
            "both" => ["sqlite", "postgres"],
            _ => null,
        };
        if (providers is null)
        {
            error = "--provider must be sqlite, postgres or both";
            return null;
        }

        return new RunOptions(scale, providers, duration, connections, warmup, skipPublish, pageWarmup) { PageFilter = pages };
    }

    private static bool TryPositive(string value, out int result) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out result) && result > 0;
}
