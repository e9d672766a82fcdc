using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Library;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.Platform.Search;

namespace Quartiersnetz.IntegrationTests.Search;

/// <summary>
/// Phrases are matched by their adjacent word pairs, each in the title or in the body, on both providers
/// (docs/adr/0005-german-search.md, addenda of sessions 28 and 29). PostgreSQL answers them from a GIN index of pairs
/// (before, a positional tsquery lost phrases after 16,383 words and joined the title's last word to the body's first),
/// SQLite from a contentless FTS5 table of pairs (before, a positional phrase query per pair).
/// </summary>
public sealed class SearchPhraseTests
{
    private const string LongReport = "Kiebitzbericht Langfassung";
    private const string NumberTable = "Zahlentafel Pegelstände";

    [Fact]
    public async Task A_phrase_is_found_far_into_a_long_text_never_across_title_and_body_and_a_text_with_too_many_pairs_is_still_indexed()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var factory = new QuartiersnetzFactory();
        await using (var scope = factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();

            // 20,000 words before the phrase: beyond the 16,383 positions a tsvector can tell apart.
            SearchFixture.Publication(db, LongReport, PublicationType.Fachstudie, PublicationVisibility.Public, published: true, 2024,
                "Wiesenrand und Deich.", string.Join(' ', Enumerable.Repeat("Wiesenrand", 20_000)) + " Der Auenkiebitz brütet am Deich.");

            // 65,000 different eight-digit numbers: about 1.1 MB of different pairs, more than one tsvector may hold.
            SearchFixture.Publication(db, NumberTable, PublicationType.Dokumentation, PublicationVisibility.Public, published: true, 2024,
                "Messreihe am Auenpegel.", string.Join(' ', Enumerable.Range(10_000_000, 65_000).Select(n => n.ToString(CultureInfo.InvariantCulture))));
            await db.SaveChangesAsync(ct);
        }

        await SearchFixture.WaitForIndexAsync(factory);
        var client = factory.CreateClient();

        async Task<List<string>> TitlesAsync(string query) => SearchFixture.Titles(await SearchFixture.SearchAsync(client, "q=" + Uri.EscapeDataString(query)));

        Assert.Equal([LongReport], await TitlesAsync("\"Auenkiebitz brütet\""));
        Assert.Equal([LongReport], await TitlesAsync("\"Der Auenkiebitz brütet am Deich\""));
        Assert.Empty(await TitlesAsync("\"brütet Auenkiebitz\""));
        Assert.Empty(await TitlesAsync("\"Deich Auenkiebitz\""));

        // The title ends with "Langfassung", the body begins with "Wiesenrand": a phrase does not span the two.
        Assert.Equal([LongReport], await TitlesAsync("\"Kiebitzbericht Langfassung\""));
        Assert.Equal([LongReport], await TitlesAsync("\"Wiesenrand und Deich\""));
        Assert.Empty(await TitlesAsync("\"Langfassung Wiesenrand\""));

        // The document with more pairs than fit is indexed; its early pairs are found, its last ones on neither provider.
        Assert.Equal([NumberTable], await TitlesAsync("Pegelstände"));
        Assert.Equal([NumberTable], await TitlesAsync("\"10000001 10000002\""));
        Assert.Empty(await TitlesAsync("\"10000002 10000001\""));
        Assert.Equal([NumberTable], await TitlesAsync("10064999"));
        Assert.Empty(await TitlesAsync("\"10064998 10064999\""));

        // A phrase together with a word: both tables answer, the documents in both are found.
        Assert.Equal([LongReport], await TitlesAsync("\"Auenkiebitz brütet\" Deich"));
        Assert.Empty(await TitlesAsync("\"Auenkiebitz brütet\" Pegelstände"));

        await using (var scope = factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
            if (factory.Database.Provider == "Postgres")
            {
                await PostgresMigrationRecomputesThePairsAsync(db, ct);
            }
            else
            {
                await SqliteMigrationRecomputesThePairsAsync(db, scope.ServiceProvider.GetRequiredService<SearchIndexer>(), ct);
            }
        }

        Assert.Equal([LongReport], await TitlesAsync("\"Auenkiebitz brütet\" Deich"));
    }

    private static async Task PostgresMigrationRecomputesThePairsAsync(QuartiersnetzDbContext db, CancellationToken ct)
    {
        var pairs = await db.Database.SqlQueryRaw<int>(
            """SELECT length(v."Pairs") AS "Value" FROM "SearchVectors" v JOIN "SearchDocuments" d ON d."Id" = v."Id" WHERE d."Title" = {0}""",
            NumberTable).SingleAsync(ct);
        Assert.InRange(pairs, 50_000, 64_000);

        // An installation indexed before the pairs existed: the migration computes them from the stored terms, the
        // same as the indexer does, and writes the table anew with short rows (its statements read no old pairs, so
        // they run again over this database).
        const string AllPairs = """SELECT md5(string_agg(v."Id"::text || ':' || v."Pairs"::text, '|' ORDER BY v."Id")) AS "Value" FROM "SearchVectors" v""";
        var indexed = await db.Database.SqlQueryRaw<string>(AllPairs).SingleAsync(ct);
        await db.Database.ExecuteSqlRawAsync("""UPDATE "SearchVectors" SET "Pairs" = ''::tsvector""", ct);
        Assert.NotEqual(indexed, await db.Database.SqlQueryRaw<string>(AllPairs).SingleAsync(ct));
        await RunMigrationAgainAsync(db, "_SearchPhrasePairs", ct);
        Assert.Equal(indexed, await db.Database.SqlQueryRaw<string>(AllPairs).SingleAsync(ct));
        Assert.Equal(["toast_tuple_target=128"], await db.Database.SqlQueryRaw<string[]>(
            """SELECT reloptions AS "Value" FROM pg_class WHERE relname = 'SearchVectors'""").SingleAsync(ct));
    }

    private static async Task SqliteMigrationRecomputesThePairsAsync(QuartiersnetzDbContext db, SearchIndexer indexer, CancellationToken ct)
    {
        // The pairs table keeps no content; fts5vocab lists its (document, pair) entries. A temp table lives as long as
        // its connection, so the connection stays open.
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await db.Database.ExecuteSqlRawAsync("""CREATE VIRTUAL TABLE temp."PairEntries" USING fts5vocab(main, 'SearchPairsFts', 'instance')""", ct);

            // Replacing documents removes their pairs: after a rebuild every entry belongs to a document that exists.
            await indexer.RebuildAllAsync(ct);
            Assert.Equal(0, await db.Database.SqlQueryRaw<int>(
                """SELECT count(*) AS "Value" FROM temp."PairEntries" WHERE doc NOT IN (SELECT "Id" FROM "SearchDocuments")""").SingleAsync(ct));
            Assert.InRange(await db.Database.SqlQueryRaw<int>(
                """SELECT count(*) AS "Value" FROM temp."PairEntries" e JOIN "SearchDocuments" d ON d."Id" = e.doc WHERE d."Title" = {0}""",
                NumberTable).SingleAsync(ct), 50_000, 64_000);

            // An installation indexed before the pairs existed: the migration computes them from the stored terms, the
            // same as the indexer does (it creates the table only if it does not exist, so it runs again here).
            const string AllPairs = """SELECT group_concat(doc || ':' || term, '|' ORDER BY doc, term) AS "Value" FROM temp."PairEntries" """;
            var indexed = await db.Database.SqlQueryRaw<string>(AllPairs).SingleAsync(ct);
            Assert.Contains(":auenkiebitz_brutet|", indexed, StringComparison.Ordinal);
            await db.Database.ExecuteSqlRawAsync("""DELETE FROM "SearchPairsFts" """, ct);
            Assert.Null(await db.Database.SqlQueryRaw<string?>(AllPairs).SingleAsync(ct));
            await RunMigrationAgainAsync(db, "_SearchPhrasePairsSqlite", ct);
            Assert.Equal(indexed, await db.Database.SqlQueryRaw<string>(AllPairs).SingleAsync(ct));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The SQL statements of a migration's Up, in one transaction.</summary>
    private static async Task RunMigrationAgainAsync(QuartiersnetzDbContext db, string nameSuffix, CancellationToken ct)
    {
        var migrations = db.GetService<IMigrationsAssembly>();
        var type = migrations.Migrations.Single(m => m.Key.EndsWith(nameSuffix, StringComparison.Ordinal)).Value;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var operation in migrations.CreateMigration(type, db.Database.ProviderName!).UpOperations.OfType<SqlOperation>())
        {
            await db.Database.ExecuteSqlRawAsync(operation.Sql, ct);
        }

        await transaction.CommitAsync(ct);
    }
}