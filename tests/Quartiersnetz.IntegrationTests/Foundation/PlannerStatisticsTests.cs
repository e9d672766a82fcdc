using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Data;
using Quartiersnetz.IntegrationTests.Infrastructure;

namespace Quartiersnetz.IntegrationTests.Foundation;

/// <summary>
/// PostgreSQL plans badly for tables without statistics (seeded once, never reaching autovacuum's threshold);
/// start-up gathers them. SQLite keeps none and needs none.
/// </summary>
public sealed class PlannerStatisticsTests(QuartiersnetzFactory factory) : IClassFixture<QuartiersnetzFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Start_up_gives_the_seeded_topics_statistics_and_a_table_filled_later_gets_them_on_the_next_call()
    {
        _ = factory.CreateClient();
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        if (!db.Database.IsNpgsql())
        {
            Assert.Empty(await PlannerStatistics.AnalyzeNeverAnalyzedAsync(db, Ct));
            return;
        }

        // The topics are seeded at start-up: about 50 rows, below autovacuum's threshold of 50 + 10 %.
        Assert.True(await TuplesAsync(db, "Topics") > 0, "the seeded topics have statistics");
        // Tables the first requests fill (keys, the test's accounts) are the next start-up's business.
        await PlannerStatistics.AnalyzeNeverAnalyzedAsync(db, Ct);

        await db.Database.ExecuteSqlRawAsync("""CREATE TABLE "PlannerProbe" ("Id" integer); INSERT INTO "PlannerProbe" SELECT generate_series(1, 3)""", Ct);
        try
        {
            Assert.True(await TuplesAsync(db, "PlannerProbe") < 0, "a new table starts without statistics");

            Assert.Contains("PlannerProbe", await PlannerStatistics.AnalyzeNeverAnalyzedAsync(db, Ct));
            Assert.Equal(3, await TuplesAsync(db, "PlannerProbe"));
            Assert.DoesNotContain("PlannerProbe", await PlannerStatistics.AnalyzeNeverAnalyzedAsync(db, Ct));
        }
        finally
        {
            await db.Database.ExecuteSqlRawAsync("""DROP TABLE "PlannerProbe" """, Ct);
        }
    }

    private static Task<float> TuplesAsync(QuartiersnetzDbContext db, string table) =>
        db.Database.SqlQuery<float>($"""
            SELECT c.reltuples AS "Value" FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relname = {table} AND n.nspname = current_schema()
            """).SingleAsync(Ct);
}
