using System.Globalization;

namespace Quartiersnetz.Bench.Load;

/// <summary>
/// Peak memory and CPU time of one process over a measured interval. <see cref="MaxRssMegabytes"/> is VmRSS: everything
/// resident, files mapped into the process included (the runtime's libraries, SQLite's memory-mapped database);
/// <see cref="MaxPrivateMegabytes"/> is RssAnon, the memory the process allocated itself.
/// </summary>
internal sealed record ProcessFigures(double MaxRssMegabytes, double CpuPercent, double CpuSeconds, double WallSeconds, double MaxPrivateMegabytes = 0);

/// <summary>
/// Samples a process from /proc while a page is under load: the highest VmRSS seen, and utime+stime over wall
/// time (100 % = one core busy the whole time).
/// </summary>
internal sealed class ProcessSampler : IAsyncDisposable
{
    /// <summary>USER_HZ: the kernel reports utime/stime in these ticks; 100 on every Linux architecture .NET runs on.</summary>
    private const double TicksPerSecond = 100;

    private readonly int pid;
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;
    private readonly long startTicks;
    private readonly DateTime startedAt = DateTime.UtcNow;
    private long maxRssKilobytes;
    private long maxPrivateKilobytes;

    private ProcessSampler(int pid)
    {
        this.pid = pid;
        startTicks = ReadCpuTicks(pid);
        Sample();
        loop = SampleAsync();
    }

    public static ProcessSampler Start(int pid) => new(pid);

    /// <summary>VmRSS in kB from the text of /proc/&lt;pid&gt;/status; 0 when absent.</summary>
    public static long ParseVmRssKilobytes(string status) => ParseStatusKilobytes(status, "VmRSS");

    /// <summary>A kB field ("VmRSS", "RssAnon") from the text of /proc/&lt;pid&gt;/status; 0 when absent.</summary>
    public static long ParseStatusKilobytes(string status, string field)
    {
        foreach (var line in status.Split('\n'))
        {
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
            {
                var parts = line[(field.Length + 1)..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
                return long.Parse(parts[0], CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }

    /// <summary>utime + stime (fields 14 and 15) from the text of /proc/&lt;pid&gt;/stat.</summary>
    public static long ParseCpuTicks(string stat)
    {
        // The command name (field 2) is in parentheses and may itself contain spaces or parentheses.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // fields[0] is field 3 (state), so field n is fields[n - 3].
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }

    public static double CpuPercent(long ticks, double wallSeconds) =>
        wallSeconds <= 0 ? 0 : ticks / TicksPerSecond / wallSeconds * 100;

    public async Task<ProcessFigures> StopAsync()
    {
        await stop.CancelAsync();
        await loop;
        var wall = (DateTime.UtcNow - startedAt).TotalSeconds;
        var ticks = ReadCpuTicks(pid) - startTicks;
        return new ProcessFigures(maxRssKilobytes / 1024.0, CpuPercent(ticks, wall), ticks / TicksPerSecond, wall, maxPrivateKilobytes / 1024.0);
    }

    public async ValueTask DisposeAsync()
    {
        if (!stop.IsCancellationRequested)
        {
            await stop.CancelAsync();
            await loop;
        }

        stop.Dispose();
    }

    private void Sample()
    {
        string status;
        try
        {
            status = File.ReadAllText($"/proc/{pid}/status");
        }
        catch (IOException)
        {
            return;
        }

        maxRssKilobytes = Math.Max(maxRssKilobytes, ParseVmRssKilobytes(status));
        maxPrivateKilobytes = Math.Max(maxPrivateKilobytes, ParseStatusKilobytes(status, "RssAnon"));
    }

    private static long ReadCpuTicks(int pid)
    {
        try
        {
            return ParseCpuTicks(File.ReadAllText($"/proc/{pid}/stat"));
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private async Task SampleAsync()
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(100, stop.Token);
                Sample();
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        Sample();
    }
}
