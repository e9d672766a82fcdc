using System.Diagnostics;
using System.Text;

namespace Quartiersnetz.Bench.Load;

/// <summary>The output of a finished child process.</summary>
internal sealed record ShellResult(int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;

    public string Describe() => $"exit code {ExitCode}: {StandardError.Trim()} {StandardOutput.Trim()}".Trim();
}

/// <summary>Runs short-lived tools (dotnet publish, initdb, pg_ctl, wrk, git) and collects their output.</summary>
internal static class Shell
{
    public static bool IsRoot => string.Equals(Environment.UserName, "root", StringComparison.Ordinal);

    public static async Task<ShellResult> RunAsync(string fileName, IEnumerable<string> arguments, CancellationToken cancellationToken, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = start };
        var output = new StringBuilder();
        var error = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(error, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C: no tool of ours may outlive the harness.
            Kill(process);
            throw;
        }

        // The asynchronous readers may still hold the last lines until the streams are closed.
        process.WaitForExit();
        lock (output)
        {
            lock (error)
            {
                return new ShellResult(process.ExitCode, output.ToString(), error.ToString());
            }
        }
    }

    /// <summary>
    /// Runs a shell command as the postgres user when we are root (initdb refuses to run as root), else as
    /// ourselves, like test.sh does.
    /// </summary>
    public static Task<ShellResult> RunAsPostgresAsync(string command, CancellationToken cancellationToken) => IsRoot
        ? RunAsync("su", ["postgres", "-s", "/bin/sh", "-c", command], cancellationToken)
        : RunAsync("/bin/sh", ["-c", command], cancellationToken);

    public static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    public static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private static void Append(StringBuilder target, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (target)
        {
            target.AppendLine(line);
        }
    }
}
