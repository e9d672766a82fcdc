using System.Diagnostics;
using System.Text.Json;

namespace Quartiersnetz.IntegrationTests.Events;

/// <summary>
/// Parses iCalendar text with the npm package ical.js (tests/tools, installed by test.sh with npm ci) through
/// node, so every feed is read by a real RFC 5545 parser and not only by our own expectations.
/// </summary>
internal static class ICalendarParser
{
    private static readonly Lazy<string> Tools = new(() =>
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Quartiersnetz.slnx")))
            {
                return Path.Combine(directory.FullName, "tests", "tools");
            }
        }

        throw new InvalidOperationException("No Quartiersnetz.slnx above the test binaries.");
    });

    /// <summary>What ical.js read: version, prodid, method, timezones, events (uid, sequence, status, dtstamp, tzid, startUtc …).</summary>
    public static async Task<JsonElement> ParseAsync(string ics)
    {
        var tools = Tools.Value;
        if (!Directory.Exists(Path.Combine(tools, "node_modules", "ical.js")))
        {
            throw new InvalidOperationException($"ical.js is missing in {tools}. Run `npm ci --ignore-scripts` there (test.sh does).");
        }

        var file = Path.Combine(Path.GetTempPath(), $"qn-{Guid.NewGuid():N}.ics");
        await File.WriteAllTextAsync(file, ics, TestContext.Current.CancellationToken);
        try
        {
            var start = new ProcessStartInfo("node") { WorkingDirectory = tools, RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(Path.Combine(tools, "parse-ical.mjs"));
            start.ArgumentList.Add(file);
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
            Assert.True(process.ExitCode == 0, $"ical.js could not parse the calendar: {await error}\n{ics}");
            return JsonDocument.Parse(await output).RootElement.Clone();
        }
        finally
        {
            File.Delete(file);
        }
    }
}
