using System.Runtime.InteropServices;
using Quartiersnetz.Bench.Report;

namespace Quartiersnetz.Bench.Load;

/// <summary>Describes the machine and checkout for the report.</summary>
internal static class Machine
{
    public static async Task<MachineInfo> DescribeAsync(string repositoryRoot, CancellationToken cancellationToken)
    {
        var sdk = await Shell.RunAsync("dotnet", ["--version"], cancellationToken, repositoryRoot);
        var commit = await Shell.RunAsync("git", ["rev-parse", "--short", "HEAD"], cancellationToken, repositoryRoot);
        var dirty = await Shell.RunAsync("git", ["status", "--porcelain", "--untracked-files=no"], cancellationToken, repositoryRoot);
        return new MachineInfo(
            Environment.ProcessorCount,
            ReadField("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString(),
            long.TryParse(ReadField("/proc/meminfo", "MemTotal")?.Split(' ')[0], out var kb) ? kb / 1024 : 0,
            ReadField("/etc/os-release", "PRETTY_NAME", '=')?.Trim('"') ?? RuntimeInformation.OSDescription,
            RuntimeInformation.FrameworkDescription,
            sdk.StandardOutput.Trim(),
            commit.StandardOutput.Trim() + (dirty.StandardOutput.Trim().Length > 0 ? " (with uncommitted changes)" : ""));
    }

    private static string? ReadField(string path, string name, char separator = ':')
    {
        if (!File.Exists(path))
        {
            return null;
        }

        return File.ReadLines(path)
            .Where(l => l.StartsWith(name, StringComparison.Ordinal) && l.Contains(separator, StringComparison.Ordinal))
            .Select(l => l[(l.IndexOf(separator, StringComparison.Ordinal) + 1)..].Trim())
            .FirstOrDefault();
    }
}
