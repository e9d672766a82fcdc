using System.Globalization;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Caching;

namespace Quartiersnetz.Platform.Search;

/// <summary>An item of the search by its kind and key (<see cref="ISearchSource.Kind"/>, <see cref="SearchDocumentDraft.Key"/>).</summary>
internal sealed record SearchItemRef(string Kind, string Key);

internal sealed record SimilarItem(string Kind, string Title, string Url);

/// <summary>
/// "Ähnliche Inhalte": other items the audience may see, ranked by the number of topics they share with the given item,
/// then by how well they match an OR-query of its most telling terms (<see cref="SearchDocument.SimilarTerms"/>) in the
/// full-text index. One statement; it reads only documents of the caller's audience, starting with the item's own
/// document for that audience, so an item the caller may not see has no similar items and nobody learns its terms.
/// </summary>
internal sealed class SimilarItemsQuery(QuartiersnetzDbContext db, AudienceDataCache cache, IEnumerable<ISearchSource> sources)
{
    public const int MaxItems = 5;

    /// <summary>How many text matches are ranked; topic neighbours come first anyway.</summary>
    private const int TextCandidates = 50;

    private static readonly string[] CacheTags = [PublicPageCache.Tag, PublicPageCache.SearchTag];

    /// <summary>
    /// Members' and the office's answers are shared per audience like search answers; visitors' pages are kept whole by
    /// the public page cache, which this tells that the page now also depends on the search index.
    /// </summary>
    public Task<IReadOnlyList<SimilarItem>> FindAsync(SearchItemRef item, SearchAudience audience, HttpContext? http, CancellationToken cancellationToken)
    {
        if (item.Kind.Length is 0 or > SearchDocument.KindMaxLength || item.Key.Length is 0 or > SearchDocument.KeyMaxLength || !sources.Any(s => s.OffersSimilarItems))
        {
            return Task.FromResult<IReadOnlyList<SimilarItem>>([]);
        }

        if (http is not null)
        {
            PublicPageCache.DependOnSearch(http);
        }

        return audience == SearchAudience.Public
            ? QueryAsync(item, audience, cancellationToken)
            : cache.GetOrCreateAsync(
                string.Join('\u001f', "similar", ((int)audience).ToString(CultureInfo.InvariantCulture), item.Kind, item.Key),
                CacheTags,
                items => 1 + items.Count,
                () => QueryAsync(item, audience, cancellationToken));
    }

    private async Task<IReadOnlyList<SimilarItem>> QueryAsync(SearchItemRef item, SearchAudience audience, CancellationToken cancellationToken)
    {
        // {0} kind, {1} key, {2} audience. Terms are analysed [a-z0-9] words, so they are safe as FTS5 strings and tsquery lexemes.
        const string KindParameter = "{0}";
        const string KeyParameter = "{1}";
        const string Visible = """ "MinAudience" <= {2} AND "MaxAudience" >= {2} """;
        // Kind names are the sources' own constants, not input; put into the text so the statement keeps three parameters.
        var offered = string.Join(", ", sources.Where(s => s.OffersSimilarItems).Select(s => "'" + s.Kind.Replace("'", "''", StringComparison.Ordinal) + "'"));
        var documents = SearchSchema.DocumentsTable;
        var fts = SearchSchema.FtsTable;
        var source = $"""src AS (SELECT d."Id", d."SimilarTerms" FROM "{documents}" d WHERE d."Kind" = {KindParameter} AND d."Key" = {KeyParameter} AND d.{Visible} LIMIT 1)""";
        var shared = $"""shared AS (SELECT o."DocumentId" AS "Id", COUNT(*) AS "Shared" FROM "SearchDocumentTopics" s JOIN "SearchDocumentTopics" o ON o."TopicSlug" = s."TopicSlug" WHERE s."DocumentId" IN (SELECT "Id" FROM src) AND o."DocumentId" NOT IN (SELECT "Id" FROM src) GROUP BY o."DocumentId")""";
        var matches = db.Database.IsSqlite()
            ? $"""matches AS (SELECT t."Id", -bm25("{fts}", 10.0, 1.0, 0.5) AS "Score" FROM "{fts}" JOIN "{documents}" t ON t."Id" = "{fts}".rowid WHERE "{fts}" MATCH COALESCE((SELECT '"' || replace("SimilarTerms", ' ', '" OR "') || '"' FROM src WHERE "SimilarTerms" <> ''), '""') AND t.{Visible} AND t."Kind" IN ({offered}) AND NOT (t."Kind" = {KindParameter} AND t."Key" = {KeyParameter}) ORDER BY "Score" DESC LIMIT {TextCandidates})"""
            : $"""matches AS (SELECT t."Id", ts_rank(t."SearchVector", q.query) AS "Score" FROM "{documents}" t, (SELECT to_tsquery('simple', replace("SimilarTerms", ' ', ' | ')) AS query FROM src WHERE "SimilarTerms" <> '') q WHERE t."SearchVector" @@ q.query AND t.{Visible} AND t."Kind" IN ({offered}) AND NOT (t."Kind" = {KindParameter} AND t."Key" = {KeyParameter}) ORDER BY "Score" DESC LIMIT {TextCandidates})""";
        var sql = $"""
            WITH {source}, {shared}, {matches}
            SELECT d."Kind", d."Title", d."Url" FROM (SELECT "Id" FROM shared UNION SELECT "Id" FROM matches) c
            JOIN "{documents}" d ON d."Id" = c."Id" LEFT JOIN shared s ON s."Id" = d."Id" LEFT JOIN matches x ON x."Id" = d."Id"
            WHERE d.{Visible} AND d."Kind" IN ({offered}) AND NOT (d."Kind" = {KindParameter} AND d."Key" = {KeyParameter})
            ORDER BY COALESCE(s."Shared", 0) DESC, COALESCE(x."Score", 0) DESC, d."Title", d."Id"
            LIMIT {MaxItems}
            """;
#pragma warning disable EF1002 // Only table names and constants are put into the SQL text; kind, key and audience are parameters.
        var rows = await db.Database.SqlQueryRaw<Row>(sql, item.Kind, item.Key, (int)audience).ToListAsync(cancellationToken);
#pragma warning restore EF1002
        return [.. rows.Select(r => new SimilarItem(r.Kind, r.Title, r.Url))];
    }

    private sealed class Row
    {
        public string Kind { get; set; } = "";

        public string Title { get; set; } = "";

        public string Url { get; set; } = "";
    }
}
