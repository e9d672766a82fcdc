using System.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Library;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.Platform.Search;

namespace Quartiersnetz.IntegrationTests.Search;

/// <summary>
/// PostgreSQL answers words that have a stored id list (frequent terms, SearchPostings) from the list, minus the
/// documents changed since its merge, plus those of them whose current vector matches — so a search sees every change at
/// once, on every node, and finds exactly what the GIN index finds. On SQLite the same searches run through FTS5 and must
/// give the same titles.
/// </summary>
public sealed class SearchPostingsTests
{
    private const string Term = "Kiebitz";

    [Fact]
    public async Task Frequent_terms_are_answered_from_their_lists_and_every_change_counts_at_once_also_one_committed_during_a_merge()
    {
        var ct = TestContext.Current.CancellationToken;

        // Every term in two documents gets a list, also if the job chooses the terms while the test runs.
        await using var factory = new QuartiersnetzFactory().WithSetting(SearchPostingsJob.MinDocumentsSetting, "2");
        var postgres = factory.Database.Provider == "Postgres";
        Guid second, third;
        await using (var scope = factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
            SearchFixture.Publication(db, "Wiesenvögel eins", PublicationType.Fachstudie, PublicationVisibility.Public, true, 2024, "Der Kiebitz im Frühjahr.", "Kiebitz und Feldlerche.");
            second = SearchFixture.Publication(db, "Wiesenvögel zwei", PublicationType.Fachstudie, PublicationVisibility.Public, true, 2024, "Der Kiebitz im Sommer.", "Kiebitz.").Id;
            third = SearchFixture.Publication(db, "Wiesenvögel drei", PublicationType.Fachstudie, PublicationVisibility.Public, true, 2024, "Der Kiebitz im Herbst.", "Kiebitz.").Id;
            SearchFixture.Publication(db, "Wiesenvögel vier", PublicationType.Fachstudie, PublicationVisibility.Public, true, 2024, "Der Kiebitz am Deich.", "Kiebitz am Deich.");
            SearchFixture.Publication(db, "Deichpflege", PublicationType.Arbeitshilfe, PublicationVisibility.Public, true, 2024, "Am Deich.", "Mähen am Deich.");
            await db.SaveChangesAsync(ct);
        }

        await SearchFixture.WaitForIndexAsync(factory);
        var client = factory.CreateClient();
        async Task<List<string>> TitlesAsync(string query) =>
            [.. SearchFixture.Titles(await SearchFixture.SearchAsync(client, "q=" + Uri.EscapeDataString(query))).Order(StringComparer.Ordinal)];

        if (postgres)
        {
            await using var scope = factory.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
            Assert.True(await SearchPostings.MergeAsync(db, 2, waitForOtherNode: true, ct) > 0);
            var term = SearchService.Parse(Term).Clauses[0].Terms[0];
            Assert.Equal(4, await db.Database.SqlQueryRaw<int>("""SELECT "Documents" AS "Value" FROM "SearchPostings" WHERE "Term" = {0}""", term).SingleAsync(ct));
            Assert.Equal(0, (await SearchPostings.ReadStateAsync(db, ct)).Changes);

            // The rows folded in are vacuumed away at once: every search reads the change table.
            Assert.NotNull(await db.Database.SqlQueryRaw<DateTime?>(
                """SELECT last_vacuum AS "Value" FROM pg_stat_user_tables WHERE relname = 'SearchPostingChanges'""").SingleAsync(ct));
            await AssertListsAnswerAsGinAsync(db, Term, 4, ct);
            await AssertListsAnswerAsGinAsync(db, "Kiebitz Deich", 1, ct);

            // A word in one document has no list: the index answers it beside the lists, also inside a clause with a
            // listed term (a typo clause: the misspelt word and its candidates).
            var lerche = SearchService.Parse("Feldlerche").Clauses[0].Terms;
            Assert.Equal(0, await db.Database.SqlQueryRaw<int>("""SELECT count(*)::int AS "Value" FROM "SearchPostings" WHERE "Term" = ANY({0})""", new object[] { lerche.ToArray() }).SingleAsync(ct));
            await AssertListsAnswerAsGinAsync(db, "Kiebitz Feldlerche", 1, ct);
            await AssertListsAnswerAsGinAsync(db, [new SearchClause("Kiebitz", [term, .. lerche], false)], 4, ct);
            await AssertListsAnswerAsGinAsync(db, [new SearchClause("Kiebitz", [term], false), new SearchClause("Mähen", [.. SearchService.Parse("Mähen").Clauses[0].Terms], false)], 0, ct);
        }

        Assert.Equal(["Wiesenvögel drei", "Wiesenvögel eins", "Wiesenvögel vier", "Wiesenvögel zwei"], await TitlesAsync(Term));
        Assert.Equal(["Wiesenvögel vier"], await TitlesAsync("Kiebitz Deich"));

        // A new document, a deleted one and a renamed one (re-indexing writes it under a new id), without a merge.
        await using (var scope = factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
            SearchFixture.Publication(db, "Wiesenvögel fünf", PublicationType.Fachstudie, PublicationVisibility.Public, true, 2025, "Der Kiebitz im Winter.", "Kiebitz.");
            db.Remove(await db.Set<Publication>().SingleAsync(p => p.Id == second, ct));
            (await db.Set<Publication>().SingleAsync(p => p.Id == third, ct)).Title = "Wiesenvögel drei, zweite Auflage";
            await db.SaveChangesAsync(ct);
        }

        await SearchFixture.WaitForIndexAsync(factory);
        Assert.Equal(["Wiesenvögel drei, zweite Auflage", "Wiesenvögel eins", "Wiesenvögel fünf", "Wiesenvögel vier"], await TitlesAsync(Term));
        Assert.Equal(["Wiesenvögel vier"], await TitlesAsync("Kiebitz Deich"));
        if (!postgres)
        {
            return;
        }

        await using (var scope = factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
            Assert.True((await SearchPostings.ReadStateAsync(db, ct)).Changes >= 4);
            await AssertListsAnswerAsGinAsync(db, Term, 4, ct);
        }

        // A writer deletes a document while a merge runs: the merge's snapshot still holds the document, so the list
        // does, and the change row committed after that snapshot must outlive the merge.
        await using (var writerScope = factory.CreateScope())
        await using (var mergeScope = factory.CreateScope())
        {
            var writer = writerScope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
            var fourthDocument = await writer.Set<SearchDocument>().Where(d => d.Kind == "publication" && d.Title == "Wiesenvögel vier").Select(d => d.Id).SingleAsync(ct);
            await using (var transaction = await writer.Database.BeginTransactionAsync(ct))
            {
                await writer.Database.ExecuteSqlRawAsync("""DELETE FROM "SearchDocuments" WHERE "Id" = {0}""", [fourthDocument], ct);
                var merge = mergeScope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
                Assert.True(await SearchPostings.MergeAsync(merge, null, waitForOtherNode: true, ct) > 0);
                Assert.Equal(0, (await SearchPostings.ReadStateAsync(merge, ct)).Changes);
                await transaction.CommitAsync(ct);
            }

            Assert.Equal([fourthDocument], await writer.Database.SqlQueryRaw<long>("""SELECT "DocumentId" AS "Value" FROM "SearchPostingChanges" """).ToListAsync(ct));
            await AssertListsAnswerAsGinAsync(writer, Term, 3, ct);
            await AssertListsAnswerAsGinAsync(writer, "Kiebitz Deich", 0, ct);

            // The indexer evicts kept search answers when it writes; this test deleted behind its back.
            writerScope.ServiceProvider.GetRequiredService<Quartiersnetz.Platform.Caching.PublicPageCacheEviction>().EvictSearch();
        }

        Assert.Equal(["Wiesenvögel drei, zweite Auflage", "Wiesenvögel eins", "Wiesenvögel fünf"], await TitlesAsync(Term));

        // A vector written anew in place (a migration does that): the last version counts, not any earlier one.
        await using (var scope = factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
            var first = await db.Set<SearchDocument>().Where(d => d.Title == "Wiesenvögel eins").Select(d => d.Id).SingleAsync(ct);
            const string Rewrite = """UPDATE "SearchVectors" SET "Vector" = to_tsvector('simple', {0}) WHERE "Id" = {1}""";
            var kiebitz = SearchService.Parse(Term).Clauses[0].Terms[0];
            await db.Database.ExecuteSqlRawAsync(Rewrite, [kiebitz + " feldlerche", first], ct);
            await AssertListsAnswerAsGinAsync(db, Term, 3, ct);
            await db.Database.ExecuteSqlRawAsync(Rewrite, ["feldlerche", first], ct);
            await AssertListsAnswerAsGinAsync(db, Term, 2, ct);
            await db.Database.ExecuteSqlRawAsync(Rewrite, [kiebitz + " feldlerche", first], ct);
            await AssertListsAnswerAsGinAsync(db, Term, 3, ct);
        }

        // The search itself reads the list: a list that (wrongly) holds one document gives that one document.
        await using (var scope = factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
            var first = await db.Set<SearchDocument>().Where(d => d.Title == "Wiesenvögel eins").Select(d => d.Id).SingleAsync(ct);
            var encoded = SearchPostings.Encode([first], out var length);
            await db.Database.ExecuteSqlRawAsync(
                """UPDATE "SearchPostings" SET "Ids" = {0} WHERE "Term" = {1}""", [encoded[..length], SearchService.Parse(Term).Clauses[0].Terms[0]], ct);
            scope.ServiceProvider.GetRequiredService<Quartiersnetz.Platform.Caching.PublicPageCacheEviction>().EvictSearch();
            Assert.Equal(["Wiesenvögel eins"], await TitlesAsync(Term));
            Assert.True(await SearchPostings.MergeAsync(db, null, waitForOtherNode: true, ct) > 0);
            scope.ServiceProvider.GetRequiredService<Quartiersnetz.Platform.Caching.PublicPageCacheEviction>().EvictSearch();
        }

        Assert.Equal(["Wiesenvögel drei, zweite Auflage", "Wiesenvögel eins", "Wiesenvögel fünf"], await TitlesAsync(Term));

        // Past MaxChanges (after a rebuild of the index every document changed) the GIN index answers until the next merge.
        await using (var scope = factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
            await db.Database.ExecuteSqlRawAsync(
                """INSERT INTO "SearchPostingChanges" ("DocumentId") SELECT -g FROM generate_series(1, {0}) AS g""", [SearchPostings.MaxChanges + 1], ct);
            await using (var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct))
            {
                Assert.Null(await SearchPostings.TryMatchAsync(db, SearchService.Parse(Term).Clauses, SearchService.TsQueryWords(SearchService.Parse(Term).Clauses), ct));
            }

            // Meanwhile a document is written: past 1,000 rows the trigger keeps no copy of its vector. When a merge has
            // folded in the rows before it, such a row still sends searches to the GIN index.
            (await db.Set<Publication>().SingleAsync(p => p.Title == "Wiesenvögel fünf", ct)).Title = "Wiesenvögel fünf, ergänzt";
            await db.SaveChangesAsync(ct);
            await SearchFixture.WaitForIndexAsync(factory);
            var renamed = await db.Set<SearchDocument>().Where(d => d.Title == "Wiesenvögel fünf, ergänzt").Select(d => d.Id).SingleAsync(ct);
            Assert.Equal([true], await db.Database.SqlQueryRaw<bool>(
                """SELECT "Vector" IS NULL AS "Value" FROM "SearchPostingChanges" WHERE "DocumentId" = {0} AND NOT "Removed" """, renamed).ToListAsync(ct));
            await db.Database.ExecuteSqlRawAsync("""DELETE FROM "SearchPostingChanges" WHERE "DocumentId" < 0""", ct);
            await using (var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct))
            {
                Assert.Null(await SearchPostings.TryMatchAsync(db, SearchService.Parse(Term).Clauses, SearchService.TsQueryWords(SearchService.Parse(Term).Clauses), ct));
            }
        }

        Assert.Equal(["Wiesenvögel drei, zweite Auflage", "Wiesenvögel eins", "Wiesenvögel fünf, ergänzt"], await TitlesAsync(Term));
    }

    [Fact]
    public async Task On_PostgreSQL_the_background_job_chooses_the_frequent_terms_and_builds_their_lists_by_itself()
    {
        await using var factory = new QuartiersnetzFactory().WithSetting(SearchPostingsJob.MinDocumentsSetting, "2");
        if (factory.Database.Provider != "Postgres")
        {
            return;
        }

        // The municipalities are indexed at start; many of their documents share words ("Kreis", "Stadt").
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await using var scope = factory.CreateScope();
            var state = await SearchPostings.ReadStateAsync(scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>(), TestContext.Current.CancellationToken);
            if (state.Lists > 0)
            {
                Assert.InRange(state.SelectedSeconds!.Value, 0, 60);
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, "The job built no list within 30 seconds.");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>The lists' answer (in the search's REPEATABLE READ snapshot) is the GIN index's, and is used.</summary>
    private static Task AssertListsAnswerAsGinAsync(QuartiersnetzDbContext db, string query, int expected, CancellationToken ct) =>
        AssertListsAnswerAsGinAsync(db, SearchService.Parse(query).Clauses, expected, ct);

    private static async Task AssertListsAnswerAsGinAsync(QuartiersnetzDbContext db, IReadOnlyList<SearchClause> clauses, int expected, CancellationToken ct)
    {
        var words = SearchService.TsQueryWords(clauses);
        var gin = await db.Database.SqlQueryRaw<long>("""SELECT "Id" AS "Value" FROM "SearchVectors" WHERE "Vector" @@ to_tsquery('simple', {0})""", words).ToListAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        using var listed = await SearchPostings.TryMatchAsync(db, clauses, words, ct);
        Assert.NotNull(listed);
        Assert.Equal(gin.Order(), listed.Span.ToArray().Order());
        Assert.Equal(expected, gin.Count);
    }
}
