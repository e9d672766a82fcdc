using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Data;
using Quartiersnetz.IntegrationTests.Infrastructure;

namespace Quartiersnetz.IntegrationTests.Foundation;

/// <summary>SQLite reads its file through a memory map on every connection EF opens (<see cref="SqliteMemoryMap"/>); PostgreSQL has no such setting.</summary>
public sealed class SqliteMemoryMapTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_connection_is_mapped_as_configured_and_zero_switches_it_off()
    {
        await using var byDefault = new QuartiersnetzFactory();
        await using var configured = new QuartiersnetzFactory().WithSetting(SqliteMemoryMap.SettingKey, "64");
        await using var off = new QuartiersnetzFactory().WithSetting(SqliteMemoryMap.SettingKey, "0");
        if (TestDatabase.SelectedProvider != "Sqlite")
        {
            await using var scope = byDefault.CreateScope();
            Assert.True(scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>().Database.IsNpgsql());
            return;
        }

        Assert.Equal(SqliteMemoryMap.DefaultMegabytes * 1024L * 1024L, await MappedBytesAsync(byDefault));
        Assert.Equal(64L * 1024 * 1024, await MappedBytesAsync(configured));
        Assert.Equal(0, await MappedBytesAsync(off));
    }

    /// <summary>
    /// What a connection opened by EF reports, asked twice. Between the two, the first connection's map is switched off by
    /// hand before it goes back to the pool: the second answer shows the setting is applied on every open, not once.
    /// </summary>
    private static async Task<long> MappedBytesAsync(QuartiersnetzFactory factory)
    {
        _ = factory.CreateClient();
        var answers = new List<long>();
        for (var i = 0; i < 2; i++)
        {
            await using var scope = factory.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
            await db.Database.OpenConnectionAsync(Ct);
            answers.Add(Convert.ToInt64(await ScalarAsync(db, "PRAGMA mmap_size"), System.Globalization.CultureInfo.InvariantCulture));
            await ScalarAsync(db, "PRAGMA mmap_size = 0");
            await db.Database.CloseConnectionAsync();
        }

        Assert.Equal(answers[0], answers[1]);
        return answers[0];
    }

    private static async Task<object?> ScalarAsync(QuartiersnetzDbContext db, string sql)
    {
        await using DbCommand command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(Ct);
    }
}
