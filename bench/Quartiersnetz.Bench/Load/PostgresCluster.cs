using Npgsql;

namespace Quartiersnetz.Bench.Load;

/// <summary>
/// A throw-away PostgreSQL cluster in a temporary folder on a free local port, like test.sh starts one:
/// initdb and pg_ctl as the postgres user when we are root. Disposing stops it and deletes the folder.
/// </summary>
internal sealed class PostgresCluster : IAsyncDisposable
{
    private const string DatabaseName = "quartiersnetz_bench";
    private readonly string binaries;
    private readonly string folder;
    private bool started;

    private PostgresCluster(string binaries, string folder)
    {
        this.binaries = binaries;
        this.folder = folder;
    }

    public int Port { get; private set; }

    public string Version { get; private set; } = "";

    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database={DatabaseName}";

    public static async Task<PostgresCluster> StartAsync(CancellationToken cancellationToken)
    {
        var initdb = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin", "initdb"))
                .Where(File.Exists)
                .OrderBy(p => int.TryParse(Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(p))), out var v) ? v : 0)
                .LastOrDefault()
            : null;
        if (initdb is null)
        {
            throw new InvalidOperationException("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb); bench/run.sh installs it.");
        }

        var folder = Directory.CreateTempSubdirectory("qn-bench-postgres.").FullName;
        var cluster = new PostgresCluster(Path.GetDirectoryName(initdb)!, folder);
        try
        {
            await cluster.InitAndStartAsync(cancellationToken);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (started)
        {
            // Not cancellable: the cluster must stop even after Ctrl+C.
            var stop = await Shell.RunAsPostgresAsync(
                $"{Shell.Quote(Path.Combine(binaries, "pg_ctl"))} -D {Shell.Quote(Path.Combine(folder, "data"))} -m fast -w stop", CancellationToken.None);
            started = false;
            Console.WriteLine(stop.Succeeded ? $"PostgreSQL on port {Port} stopped." : $"PostgreSQL stop failed: {stop.Describe()}");
        }

        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }

    private async Task InitAndStartAsync(CancellationToken cancellationToken)
    {
        if (Shell.IsRoot)
        {
            (await Shell.RunAsync("chmod", ["755", folder], cancellationToken)).EnsureSucceeded("chmod");
            (await Shell.RunAsync("chown", ["postgres", folder], cancellationToken)).EnsureSucceeded("chown");
        }

        var data = Path.Combine(folder, "data");
        (await Shell.RunAsPostgresAsync(
            $"{Shell.Quote(Path.Combine(binaries, "initdb"))} -D {Shell.Quote(data)} -U postgres --auth=trust -E UTF8 --locale=C.UTF-8",
            cancellationToken)).EnsureSucceeded("initdb");

        for (var attempt = 1; attempt <= 10 && !started; attempt++)
        {
            Port = FreePort.Next();
            // A production-like cache instead of the default 128 MB (bench/README.md, step 2).
            var options = $"-p {Port} -k {folder} -c listen_addresses=127.0.0.1 -c shared_buffers=1GB";
            var result = await Shell.RunAsPostgresAsync(
                $"{Shell.Quote(Path.Combine(binaries, "pg_ctl"))} -D {Shell.Quote(data)} -l {Shell.Quote(Path.Combine(folder, "log"))} -o {Shell.Quote(options)} -w -t 30 start",
                cancellationToken);
            started = result.Succeeded;
            if (!started)
            {
                Console.Error.WriteLine($"PostgreSQL did not start on port {Port} (attempt {attempt}): {result.Describe()}");
            }
        }

        if (!started)
        {
            throw new InvalidOperationException("PostgreSQL did not start; see " + Path.Combine(folder, "log"));
        }

        await using var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres");
        await connection.OpenAsync(cancellationToken);
        Version = connection.PostgreSqlVersion.ToString();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {DatabaseName}", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
        Console.WriteLine($"PostgreSQL {Version} on 127.0.0.1:{Port} (data in {folder})");
    }
}

internal static class ShellResultExtensions
{
    public static void EnsureSucceeded(this ShellResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"{what} failed with {result.Describe()}");
        }
    }
}
