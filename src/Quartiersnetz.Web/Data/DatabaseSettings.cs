using Microsoft.Data.Sqlite;
using Npgsql;
using Quartiersnetz.Platform.Errors;

namespace Quartiersnetz.Data;

internal enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>The validated database configuration: which provider, which connection string.</summary>
internal sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    /// <summary>How much of an SQLite database is read through a memory map (<see cref="SqliteMemoryMap"/>); 0 = none.</summary>
    public long SqliteMmapBytes
    {
        get => _memoryMap?.Bytes ?? 0;
        init => _memoryMap = value > 0 ? new SqliteMemoryMap(value) : null;
    }

    // One instance for every context: EF caches its internal services per set of interceptors.
    private readonly SqliteMemoryMap? _memoryMap = new(SqliteMemoryMap.DefaultMegabytes * 1024L * 1024L);

    public const string SqliteMigrationsAssembly = "Quartiersnetz.Migrations.Sqlite";
    public const string PostgresMigrationsAssembly = "Quartiersnetz.Migrations.Postgres";

    /// <summary>Reads and checks the settings; a wrong value names the key that is wrong.</summary>
    public static DatabaseSettings FromConfiguration(IConfiguration configuration)
    {
        var providerName = configuration["Database:Provider"];
        if (string.IsNullOrWhiteSpace(providerName))
        {
            throw new StartupConfigurationException(
                "Setting Database:Provider is missing; set it to 'Sqlite' or 'Postgres'.");
        }

        if (!Enum.TryParse<DatabaseProvider>(providerName.Trim(), ignoreCase: true, out var provider)
            || !Enum.IsDefined(provider))
        {
            throw new StartupConfigurationException(
                $"Setting Database:Provider has the unknown value '{providerName}'; use 'Sqlite' or 'Postgres'.");
        }

        var key = provider == DatabaseProvider.Sqlite ? "ConnectionStrings:Sqlite" : "ConnectionStrings:Postgres";
        var connectionString = configuration[key];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new StartupConfigurationException($"Setting {key} is missing for Database:Provider={provider}.");
        }

        try
        {
            // Parse now so that a malformed string fails here with the key named, not deep inside EF.
            _ = provider == DatabaseProvider.Sqlite
                ? new SqliteConnectionStringBuilder(connectionString).ConnectionString
                : new NpgsqlConnectionStringBuilder(connectionString).ConnectionString;
        }
        catch (ArgumentException ex)
        {
            throw new StartupConfigurationException($"Setting {key} is not a valid connection string: {ex.Message}", ex);
        }

        var mmapSetting = configuration[SqliteMemoryMap.SettingKey];
        var mmapMegabytes = SqliteMemoryMap.DefaultMegabytes;
        if (mmapSetting is not null && (!int.TryParse(mmapSetting, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out mmapMegabytes)
                || mmapMegabytes > 1_000_000))
        {
            throw new StartupConfigurationException($"Setting {SqliteMemoryMap.SettingKey} must be 0 (off) or a number of megabytes.");
        }

        return new DatabaseSettings(provider, provider == DatabaseProvider.Postgres ? WithPostgresDefaults(connectionString) : connectionString)
        {
            SqliteMmapBytes = mmapMegabytes * 1024L * 1024L,
        };
    }

    /// <summary>Connections per app node when the connection string does not say: several nodes stay below PostgreSQL's default of 100.</summary>
    public const int DefaultPostgresPoolSize = 40;

    /// <summary>Statements Npgsql prepares per connection when the connection string does not say (see <see cref="WithPostgresDefaults"/>).</summary>
    public const int DefaultPostgresAutoPrepare = 256;

    /// <summary>
    /// Defaults for what the connection string leaves open; an explicit value in it wins.
    /// <list type="bullet">
    /// <item>Pool size: Npgsql's own default (100) equals PostgreSQL's default max_connections, so one busy node — e.g. a
    /// burst of registrations that wait for an event's row lock, each holding a connection — makes the server refuse
    /// new clients and requests fail. Below the server's limit, requests queue in the pool instead.</item>
    /// <item>Automatic preparation: without it PostgreSQL plans every statement anew, 0.3–3 ms for the joins of the
    /// participant list, on every request. With statements prepared after their second use the participant list went
    /// from 435 to 545 requests/s at 32 connections (national data set). EF Core names its columns, so a migration
    /// that adds a column does not break a prepared statement's result shape.</item>
    /// <item>No reset on close: by default Npgsql resets a connection's session state (RESET ALL, CLOSE ALL, UNLISTEN …)
    /// before its next use, about 0.13 ms of server CPU for every statement EF runs on a fresh lease of the pool. The app
    /// leaves no session state behind — its only SET is SET LOCAL inside a transaction, and an open transaction is rolled
    /// back on return either way — so the reset only costs (PostgreSQL CPU per request of a member's event page 1.4 → 0.9 ms).</item>
    /// </list>
    /// </summary>
    public static string WithPostgresDefaults(string connectionString)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!given.ContainsKey("Maximum Pool Size") && !given.ContainsKey("MaxPoolSize"))
        {
            builder.MaxPoolSize = DefaultPostgresPoolSize;
        }

        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = DefaultPostgresAutoPrepare;
            builder.AutoPrepareMinUsages = 2;
        }

        if (!given.ContainsKey("No Reset On Close") && !given.ContainsKey("NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
    }

    public void Apply(DbContextOptionsBuilder options)
    {
        switch (Provider)
        {
            case DatabaseProvider.Sqlite:
                options.UseSqlite(ConnectionString, o => o.MigrationsAssembly(SqliteMigrationsAssembly));
                if (_memoryMap is not null)
                {
                    options.AddInterceptors(_memoryMap);
                }

                break;
            case DatabaseProvider.Postgres:
                options.UseNpgsql(ConnectionString, o => o.MigrationsAssembly(PostgresMigrationsAssembly));
                break;
            default:
                throw new InvalidOperationException($"Unhandled provider {Provider}.");
        }

        options.ReplaceService<Microsoft.EntityFrameworkCore.Migrations.IMigrationsAssembly, ProviderMigrationsAssembly>();
    }

    /// <summary>The folder an SQLite database file lives in, or null for in-memory and PostgreSQL.</summary>
    public string? SqliteDataFolder()
    {
        if (Provider != DatabaseProvider.Sqlite)
        {
            return null;
        }

        var dataSource = new SqliteConnectionStringBuilder(ConnectionString).DataSource;
        if (string.IsNullOrEmpty(dataSource) || dataSource == ":memory:")
        {
            return null;
        }

        return Path.GetDirectoryName(Path.GetFullPath(dataSource));
    }
}
