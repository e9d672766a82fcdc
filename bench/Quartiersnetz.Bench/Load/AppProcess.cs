using System.Diagnostics;

namespace Quartiersnetz.Bench.Load;

/// <summary>
/// The published application as a child process (<c>dotnet Quartiersnetz.Web.dll</c>) in Production mode with the
/// benchmark switch on. Its console log goes to a file; disposing stops it (SIGTERM, then kill).
/// </summary>
internal sealed class AppProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StreamWriter log;

    private AppProcess(Process process, StreamWriter log, Uri baseAddress, string logPath)
    {
        this.process = process;
        this.log = log;
        BaseAddress = baseAddress;
        LogPath = logPath;
    }

    public Uri BaseAddress { get; }

    public string LogPath { get; }

    public int Pid => process.Id;

    /// <summary>Time from process start to the first 200 of <c>/</c>.</summary>
    public TimeSpan StartupTime { get; private set; }

    public static async Task<AppProcess> StartAsync(
        string appFolder, string workFolder, string provider, string connectionString, string logPath, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(workFolder);
        var port = FreePort.Next();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo("dotnet")
        {
            // The content root is the working directory: appsettings.json and wwwroot live beside the dll.
            WorkingDirectory = appFolder,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(appFolder, "Quartiersnetz.Web.dll"));
        var environment = start.Environment;
        environment["ASPNETCORE_URLS"] = baseAddress.ToString().TrimEnd('/');
        // appsettings.json names a "Urls" of its own, which outranks ASPNETCORE_URLS; a plain variable outranks the file.
        environment["Urls"] = baseAddress.ToString().TrimEnd('/');
        environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        environment["DOTNET_ENVIRONMENT"] = "Production";
        environment["Database__Provider"] = provider == "postgres" ? "Postgres" : "Sqlite";
        environment[provider == "postgres" ? "ConnectionStrings__Postgres" : "ConnectionStrings__Sqlite"] = connectionString;
        environment["Benchmark__Enabled"] = "true";
        environment["DemoData__Enabled"] = "false";
        // The slow tail of the mixes gets names in the app log (artifacts/bench/app-<provider>.log, "Slow request: …").
        environment["Diagnostics__SlowRequestMilliseconds"] = "500";
        // No SMTP host: mails land as files in the work folder; nothing is sent during a run anyway.
        environment["Email__Smtp__Host"] = "";
        environment["Email__PickupDirectory"] = Path.Combine(workFolder, "mail");
        environment["Files__Path"] = Path.Combine(workFolder, "files");
        // The generator creates the office account; should it not, the bootstrap account must not block the start.
        environment["Bootstrap__AdminEmail"] = BenchCredentials.OfficeEmail;
        environment["Bootstrap__AdminPassword"] = BenchCredentials.OfficePassword;
        environment["Map__TileUrl"] = "";

        var writer = new StreamWriter(logPath, append: true) { AutoFlush = true };
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Write(writer, e.Data);
        process.ErrorDataReceived += (_, e) => Write(writer, e.Data);
        var stopwatch = Stopwatch.StartNew();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var app = new AppProcess(process, writer, baseAddress, logPath);
        try
        {
            await app.WaitUntilHomeAnswersAsync(stopwatch, cancellationToken);
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            // SIGTERM lets ASP.NET Core shut down cleanly (connections closed, SQLite checkpointed).
            await Shell.RunAsync("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], CancellationToken.None);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Shell.Kill(process);
            }
        }

        process.WaitForExit();
        process.Dispose();
        lock (log)
        {
            log.Dispose();
        }
    }

    private static void Write(StreamWriter writer, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (writer)
        {
            if (writer.BaseStream.CanWrite)
            {
                writer.WriteLine(line);
            }
        }
    }

    private async Task WaitUntilHomeAnswersAsync(Stopwatch stopwatch, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = TimeSpan.FromMinutes(5);
        while (stopwatch.Elapsed < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with code {process.ExitCode} during start; see {LogPath}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri("/", UriKind.Relative), cancellationToken);
                if (response.StatusCode == System.Net.HttpStatusCode.OK)
                {
                    StartupTime = stopwatch.Elapsed;
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(10, cancellationToken);
        }

        throw new TimeoutException($"The app did not answer / with 200 within {deadline}; see {LogPath}");
    }
}
