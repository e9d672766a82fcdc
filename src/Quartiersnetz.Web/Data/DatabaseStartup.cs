using System.Data.Common;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Quartiersnetz.Data.Reference;
using Quartiersnetz.Platform.Errors;

namespace Quartiersnetz.Data;

/// <summary>Brings the database to the current schema and reference data before the app serves requests.</summary>
internal static class DatabaseStartup
{
    private static readonly TimeSpan MigrationCommandTimeout = TimeSpan.FromMinutes(30);

    public static async Task PrepareAsync(IServiceProvider services, ILogger logger, CancellationToken cancellationToken)
    {
        var settings = services.GetRequiredService<DatabaseSettings>();
        EnsureDataFolderIsWritable(settings);

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        // Start-up time is a measured target (bench/): the log says where it goes.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            // Most starts have nothing to apply; asking first skips Migrate's comparison of the whole model with the
            // snapshot, which costs seconds of a cold start.
            // (An empty database has no history table yet: asking it then would log a failed query.)
            var history = db.GetService<Microsoft.EntityFrameworkCore.Migrations.IHistoryRepository>();
            if (!await history.ExistsAsync(cancellationToken) || (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
            {
                // A migration may rewrite a large table (SearchVectorsTable computes 90,000 search vectors at national
                // scale, more than a minute); requests keep the provider's default of 30 s.
                var timeout = db.Database.GetCommandTimeout();
                db.Database.SetCommandTimeout(MigrationCommandTimeout);
                try
                {
                    await db.Database.MigrateAsync(cancellationToken);
                }
                finally
                {
                    db.Database.SetCommandTimeout(timeout);
                }
            }
        }
        catch (Exception ex) when (ex is DbException or SocketException or TimeoutException
            || ex.InnerException is SocketException or TimeoutException)
        {
            var key = settings.Provider == DatabaseProvider.Postgres ? "ConnectionStrings:Postgres" : "ConnectionStrings:Sqlite";
            throw new StartupConfigurationException(
                $"The {settings.Provider} database is not reachable with {key}: {ex.Message}", ex);
        }

        var migrated = clock.ElapsedMilliseconds;
        var changed = await scope.ServiceProvider.GetRequiredService<ReferenceDataSeeder>().SeedAsync(cancellationToken);
        var referenced = clock.ElapsedMilliseconds;
        if (changed > 0)
        {
            logger.LogInformation("Reference data imported: {Rows} municipality and district rows added or updated", changed);
        }

        foreach (var seed in scope.ServiceProvider.GetServices<IStartupSeed>())
        {
            await seed.SeedAsync(cancellationToken);
        }

        var seeded = clock.ElapsedMilliseconds;
        try
        {
            var analyzed = await PlannerStatistics.AnalyzeNeverAnalyzedAsync(db, cancellationToken);
            if (analyzed.Count > 0)
            {
                logger.LogInformation("Planner statistics gathered for {Count} tables that had none: {Tables}", analyzed.Count, string.Join(", ", analyzed));
            }
        }
        catch (Exception ex) when (ex is DbException or TimeoutException or InvalidOperationException)
        {
            // Statistics only speed queries up; a lock or a timeout (a restored database, all tables without any) must
            // not keep the app from starting. Autovacuum gathers them later.
            logger.LogWarning(ex, "Planner statistics could not be gathered at start-up");
        }

        logger.LogInformation(
            "Database prepared in {Total} ms: migrations {Migrations} ms, reference data {Reference} ms, seeds {Seeds} ms, statistics {Statistics} ms",
            clock.ElapsedMilliseconds, migrated, referenced - migrated, seeded - referenced, clock.ElapsedMilliseconds - seeded);
    }

    private static void EnsureDataFolderIsWritable(DatabaseSettings settings)
    {
        var folder = settings.SqliteDataFolder();
        if (folder is null)
        {
            return;
        }

        try
        {
            Directory.CreateDirectory(folder);
            var probe = Path.Combine(folder, $".write-test-{Guid.NewGuid():N}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StartupConfigurationException(
                $"The data folder '{folder}' from ConnectionStrings:Sqlite is not writable: {ex.Message}", ex);
        }
    }
}
