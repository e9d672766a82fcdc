using Microsoft.Data.Sqlite;

namespace Quartiersnetz.Bench.Load;

/// <summary>A fresh, empty database for one run: a new SQLite file, or a throw-away PostgreSQL cluster.</summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    private readonly PostgresCluster? cluster;

    private BenchDatabase(string connectionString, string version, PostgresCluster? cluster)
    {
        ConnectionString = connectionString;
        Version = version;
        this.cluster = cluster;
    }

    public string ConnectionString { get; }

    public string Version { get; }

    public static async Task<BenchDatabase> CreateAsync(string provider, string scale, string artifacts, CancellationToken cancellationToken)
    {
        if (provider == "postgres")
        {
            var postgres = await PostgresCluster.StartAsync(cancellationToken);
            return new BenchDatabase(postgres.ConnectionString, postgres.Version, postgres);
        }

        var file = Path.Combine(artifacts, $"{scale}-sqlite.db");
        foreach (var path in new[] { file, file + "-wal", file + "-shm" })
        {
            File.Delete(path);
        }

        SqliteConnection.ClearAllPools();
        return new BenchDatabase($"Data Source={file}", SqliteVersion(), null);
    }

    public async ValueTask DisposeAsync()
    {
        if (cluster is not null)
        {
            await cluster.DisposeAsync();
        }
    }

    private static string SqliteVersion()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        return connection.ServerVersion;
    }
}
