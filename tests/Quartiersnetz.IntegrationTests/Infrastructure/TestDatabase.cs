using Npgsql;

namespace Quartiersnetz.IntegrationTests.Infrastructure;

/// <summary>
/// A fresh, real database for one test class: an SQLite file in a temp folder, or a new database on
/// the PostgreSQL server named by QN_TEST_POSTGRES (test.sh starts a throw-away cluster and sets it).
/// QN_TEST_PROVIDER=Postgres selects PostgreSQL; the default is SQLite.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _folder;
    private readonly string? _postgresAdmin;
    private readonly string? _databaseName;

    private TestDatabase(string provider, string connectionString, string? folder, string? postgresAdmin, string? databaseName)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _folder = folder;
        _postgresAdmin = postgresAdmin;
        _databaseName = databaseName;
    }

    public static string SelectedProvider =>
        string.Equals(Environment.GetEnvironmentVariable("QN_TEST_PROVIDER"), "Postgres", StringComparison.OrdinalIgnoreCase)
            ? "Postgres"
            : "Sqlite";

    public string Provider { get; }

    public string ConnectionString { get; }

    public static TestDatabase Create()
    {
        if (SelectedProvider == "Sqlite")
        {
            var folder = Path.Combine(Path.GetTempPath(), "qn-tests", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            return new TestDatabase("Sqlite", $"Data Source={Path.Combine(folder, "quartiersnetz.db")}", folder, null, null);
        }

        var admin = Environment.GetEnvironmentVariable("QN_TEST_POSTGRES")
            ?? throw new InvalidOperationException(
                "QN_TEST_PROVIDER=Postgres needs QN_TEST_POSTGRES, a connection string to a server where the user may create databases.");
        var name = "qn_test_" + Guid.NewGuid().ToString("N")[..16];
        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = true };
        // The app creates the database itself through its migrations (EF creates it when missing).
        return new TestDatabase("Postgres", builder.ConnectionString, null, admin, name);
    }

    /// <summary>Settings that point the app at this database.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Settings()
    {
        yield return new("Database:Provider", Provider);
        yield return new($"ConnectionStrings:{Provider}", ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        if (_folder is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                // A file still open by a finishing request; the temp folder is cleaned by the OS.
            }
        }

        if (_postgresAdmin is not null && _databaseName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            // A background service of the app may still be connecting while the database goes; dropping it then fails
            // now and then. Try again briefly; a database left over in the throw-away test cluster harms no test.
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await using var connection = new NpgsqlConnection(_postgresAdmin);
                    await connection.OpenAsync();
                    await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_databaseName}\" WITH (FORCE)", connection);
                    await command.ExecuteNonQueryAsync();
                    return;
                }
                catch (NpgsqlException ex) when (attempt < 5)
                {
                    await Console.Error.WriteLineAsync($"Dropping test database {_databaseName} failed (attempt {attempt}): {ex.Message}");
                    await Task.Delay(TimeSpan.FromMilliseconds(500 * attempt));
                }
                catch (NpgsqlException ex)
                {
                    await Console.Error.WriteLineAsync($"Test database {_databaseName} left behind: {ex.Message}");
                    return;
                }
            }
        }
    }
}
