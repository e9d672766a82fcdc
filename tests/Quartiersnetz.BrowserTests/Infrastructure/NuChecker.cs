using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Quartiersnetz.BrowserTests.Infrastructure;

/// <summary>
/// The W3C Nu HTML checker (npm vnu-jar, run with the system Java) as a local HTTP service. One JVM
/// serves the whole run: starting it per page would cost seconds each time.
/// </summary>
public sealed class NuChecker : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);

    private readonly Process _process;
    private readonly Uri _endpoint;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromMinutes(1) };

    private NuChecker(Process process, int port)
    {
        _process = process;
        // The checker answers 400 to requests without a User-Agent.
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("Quartiersnetz.BrowserTests/1.0");
        _endpoint = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/?out=json");
    }

    public static async Task<NuChecker> StartAsync(CancellationToken cancellationToken)
    {
        var jar = RepositoryPaths.VnuJar;
        if (!File.Exists(jar))
        {
            throw new InvalidOperationException($"The Nu checker is missing at {jar}. Run `npm ci --ignore-scripts` in tests/tools (test.sh does).");
        }

        var port = FindFreePort();
        var start = new ProcessStartInfo("java")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     "-Xmx512m",
                     // Loopback only: the checker must not be reachable from outside this machine.
                     "-Dnu.validator.servlet.bind-address=127.0.0.1",
                     "-cp", jar, "nu.validator.servlet.Main", port.ToString(CultureInfo.InvariantCulture),
                 })
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var log = new ConcurrentQueue<string>();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLine(object sender, DataReceivedEventArgs e)
        {
            if (e.Data is null)
            {
                return;
            }

            log.Enqueue(e.Data);
            // The servlet prints this line once Jetty accepts requests; waiting for it avoids polling the port.
            if (e.Data.Contains("Checker service started", StringComparison.Ordinal))
            {
                started.TrySetResult();
            }
        }

        process.OutputDataReceived += OnLine;
        process.ErrorDataReceived += OnLine;
        process.Exited += (_, _) => started.TrySetException(new InvalidOperationException(
            "The Nu checker exited before it was ready:\n" + string.Join('\n', log.TakeLast(30))));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var checker = new NuChecker(process, port);
        try
        {
            await started.Task.WaitAsync(StartTimeout, cancellationToken);
        }
        catch
        {
            await checker.DisposeAsync();
            throw;
        }

        return checker;
    }

    /// <summary>Validates a whole document; returns one line per error (warnings and info do not count).</summary>
    public async Task<IReadOnlyList<string>> ValidateAsync(string html, CancellationToken cancellationToken)
    {
        using var content = new StringContent(html, Encoding.UTF8, "text/html");
        using var response = await _http.PostAsync(_endpoint, content, cancellationToken);
        response.EnsureSuccessStatusCode();
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var json = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);

        var errors = new List<string>();
        foreach (var message in json.RootElement.GetProperty("messages").EnumerateArray())
        {
            var type = message.GetProperty("type").GetString();
            // "non-document-error" means the checker could not read the input at all: that is a failure too.
            if (type is not ("error" or "non-document-error"))
            {
                continue;
            }

            var line = message.TryGetProperty("lastLine", out var l) ? l.GetInt32().ToString(CultureInfo.InvariantCulture) : "?";
            var column = message.TryGetProperty("firstColumn", out var c) ? c.GetInt32().ToString(CultureInfo.InvariantCulture) : "?";
            var extract = message.TryGetProperty("extract", out var x) ? " – near “" + x.GetString()?.ReplaceLineEndings(" ").Trim() + "”" : "";
            errors.Add($"Nu line {line}:{column}: {message.GetProperty("message").GetString()}{extract}");
        }

        return errors;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // The process never started or is already gone.
        }

        _process.Dispose();
    }

    private static int FindFreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
