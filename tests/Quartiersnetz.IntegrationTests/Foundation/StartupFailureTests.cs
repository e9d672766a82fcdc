using System.Diagnostics;

namespace Quartiersnetz.IntegrationTests.Foundation;

/// <summary>
/// Starts the real built application as its own process with a wrong setting and checks that it stops
/// with exit code 1 and one clear line naming the setting, without a stack trace.
/// </summary>
public sealed class StartupFailureTests
{
    [Theory]
    [InlineData("Database__Provider=Oracle", "Database:Provider")]
    [InlineData("Database__Provider=", "Database:Provider")]
    [InlineData("Database__Provider=Postgres|ConnectionStrings__Postgres=", "ConnectionStrings:Postgres")]
    [InlineData("Database__Provider=Postgres|ConnectionStrings__Postgres=Host=127.0.0.1;Port=1;Database=qn;Timeout=3", "ConnectionStrings:Postgres")]
    [InlineData("ConnectionStrings__Sqlite=Data Source=/proc/quartiersnetz/qn.db", "ConnectionStrings:Sqlite")]
    [InlineData("ConnectionStrings__Sqlite=Data Source=x.db;Unbekannt=1", "ConnectionStrings:Sqlite")]
    [InlineData("Database__SqliteMmapMegabytes=-1", "Database:SqliteMmapMegabytes")]
    [InlineData("Database__SqliteMmapMegabytes=viel", "Database:SqliteMmapMegabytes")]
    [InlineData("Email__Smtp__Port=smtp", "Email:Smtp:Port")]
    [InlineData("Email__Smtp__Port=70000", "Email:Smtp:Port")]
    [InlineData("Email__Smtp__Security=Tls", "Email:Smtp:Security")]
    [InlineData("Email__MaxAttempts=0", "Email:MaxAttempts")]
    [InlineData("Email__PollInterval=5s", "Email:PollInterval")]
    [InlineData("Email__RetryBaseDelay=-00:00:30", "Email:RetryBaseDelay")]
    [InlineData("Email__LockDuration=lang", "Email:LockDuration")]
    [InlineData("Email__FromAddress=keine Adresse", "Email:FromAddress")]
    [InlineData("Email__Smtp__Password=geheim", "Email:Smtp:UserName")]
    [InlineData("Email__PickupDirectory=/proc/quartiersnetz/mail", "Email:PickupDirectory")]
    [InlineData("Map__TileUrl=tile.openstreetmap.org/{z}/{x}/{y}.png", "Map:TileUrl")]
    [InlineData("Map__TileUrl=ftp://tiles.example/{z}/{x}/{y}.png", "Map:TileUrl")]
    [InlineData("Caching__PublicPageSeconds=eine Minute", "Caching:PublicPageSeconds")]
    [InlineData("Caching__PublicPageSeconds=-1", "Caching:PublicPageSeconds")]
    public async Task A_wrong_setting_stops_the_start_with_one_line_naming_it(string environment, string namedSetting)
    {
        var (exitCode, output) = await RunAppAsync(environment.Split('|'));

        Assert.Equal(1, exitCode);
        var critical = output.Split('\n').Where(l => l.Contains("Quartiersnetz cannot start", StringComparison.Ordinal)).ToList();
        Assert.Single(critical);
        Assert.Contains(namedSetting, critical[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output)> RunAppAsync(IEnumerable<string> environment)
    {
        var appFolder = Path.GetDirectoryName(typeof(Program).Assembly.Location)!;
        var work = Directory.CreateTempSubdirectory("qn-start-");
        var start = new ProcessStartInfo("dotnet", [Path.Combine(appFolder, "Quartiersnetz.Web.dll"), "--contentRoot", appFolder, "--urls", "http://127.0.0.1:0"])
        {
            WorkingDirectory = work.FullName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__Sqlite"] = $"Data Source={Path.Combine(work.FullName, "qn.db")}";
        foreach (var pair in environment)
        {
            var split = pair.IndexOf('=', StringComparison.Ordinal);
            start.Environment[pair[..split]] = pair[(split + 1)..];
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        finally
        {
            work.Delete(recursive: true);
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
