namespace Quartiersnetz.Data;

/// <summary>
/// Gives PostgreSQL's planner statistics for tables that never had any. Autovacuum analyses a table only after
/// 50 rows plus 10 % have changed, so a table that seeds or an import filled once (the 50 topics, the roles) can stay
/// without statistics for good; the planner then guesses "one row" and drives joins from the wrong side — the
/// topics of a page of 50 people took 28 ms instead of under one. SQLite plans from its indexes without this.
/// </summary>
internal static class PlannerStatistics
{
    /// <summary>Analyses every table of the schema that holds data but was never analysed; returns their names.</summary>
    public static async Task<IReadOnlyList<string>> AnalyzeNeverAnalyzedAsync(QuartiersnetzDbContext db, CancellationToken cancellationToken)
    {
        if (!db.Database.IsNpgsql())
        {
            return [];
        }

        // reltuples is -1 until the first ANALYZE or VACUUM (PostgreSQL 14 and later); size > 0 skips empty tables,
        // whose first rows autovacuum will count normally.
        var tables = await db.Database.SqlQueryRaw<string>(
                """
                SELECT c.relname AS "Value"
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relkind = 'r' AND n.nspname = current_schema() AND c.reltuples < 0 AND pg_relation_size(c.oid) > 0
                ORDER BY c.relname
                """)
            .ToListAsync(cancellationToken);
        if (tables.Count > 0)
        {
            // Names come from the catalogue, quoted as identifiers; ANALYZE takes no parameters.
#pragma warning disable EF1003
            await db.Database.ExecuteSqlRawAsync(
                "ANALYZE " + string.Join(", ", tables.Select(t => "\"" + t.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"")),
                cancellationToken);
#pragma warning restore EF1003
        }

        return tables;
    }
}
