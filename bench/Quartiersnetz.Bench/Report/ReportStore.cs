namespace Quartiersnetz.Bench.Report;

/// <summary>bench/results: writes a run's Markdown and JSON, and finds the previous run of the same scale and provider.</summary>
internal static class ReportStore
{
    /// <summary>
    /// The latest earlier report of the same scale and provider. File names start with the date, so they sort by
    /// time; the current run's own file (same name, from an earlier run today) counts as previous, as it is overwritten.
    /// </summary>
    public static BenchReport? FindPrevious(string folder, string scale, string provider, DateTimeOffset before)
    {
        if (!Directory.Exists(folder))
        {
            return null;
        }

        return Directory.GetFiles(folder, $"*-{scale}-{provider}.json")
            .Select(TryRead)
            .Where(r => r is not null && r.Scale == scale && r.Provider == provider && r.StartedAtUtc < before)
            .OrderBy(r => r!.StartedAtUtc)
            .LastOrDefault();
    }

    public static (string Markdown, string Json) Write(string folder, BenchReport report, BenchReport? previous)
    {
        Directory.CreateDirectory(folder);
        var markdown = Path.Combine(folder, report.BaseName + ".md");
        var json = Path.Combine(folder, report.BaseName + ".json");
        File.WriteAllText(markdown, MarkdownReport.Write(report, previous));
        File.WriteAllText(json, report.ToJson() + "\n");
        return (markdown, json);
    }

    private static BenchReport? TryRead(string path)
    {
        try
        {
            return BenchReport.FromJson(File.ReadAllText(path));
        }
        catch (System.Text.Json.JsonException)
        {
            // A hand-edited or older-format file is not a comparison base.
            return null;
        }
    }
}
