using System.Globalization;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Caching;

namespace Quartiersnetz.Platform.Search;

/// <summary>An item of the search by its kind and key (<see cref="ISearchSource.Kind"/>, <see cref="SearchDocumentDraft.Key"/>).</summary>
internal sealed record SearchItemRef(string Kind, string Key);

internal sealed record SimilarItem(string Kind, string Title, string Url);

/// <summary>
/// "Ähnliche Inhalte": other items the audience may see, ranked by the number of topics they share with the given item,
/// then by how many of its most telling terms (<see cref="SearchDocument.SimilarTerms"/>) they share. Candidates are the
/// item's topic neighbours and the documents that share its telling terms (<see cref="SearchDocumentTerm"/>), each
/// bounded (<see cref="Candidates"/>), so the cost does not grow with the index. It reads only documents of the caller's
/// audience, starting with the item's own document for that audience, so an item the caller may not see has no
/// similar items and nobody learns its terms.
/// </summary>
internal sealed class SimilarItemsQuery(QuartiersnetzDbContext db, AudienceDataCache cache, IEnumerable<ISearchSource> sources)
{
    public const int MaxItems = 5;

    /// <summary>
    /// How many documents per topic and per telling term of the item (the most recently indexed) are read, and how many
    /// text neighbours are compared: a bound, so that an item of a large topic or with common terms costs the same as
    /// any other.
    /// </summary>
    private const int Candidates = 200;

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
        // The item's own document for this audience: none means the caller may not see it, and learns nothing of it.
        var source = await db.Set<SearchDocument>().AsNoTracking()
            .Where(d => d.Kind == item.Kind && d.Key == item.Key && d.MinAudience <= audience && d.MaxAudience >= audience)
            .Select(d => new { d.Id, d.SimilarTerms, Topics = d.Topics.Select(t => t.TopicSlug).ToList() })
            .FirstOrDefaultAsync(cancellationToken);
        if (source is null)
        {
            return [];
        }

        var terms = source.SimilarTerms.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var isSqlite = db.Database.IsSqlite();
        var values = new List<object> { source.Id, (int)audience };
        string Parameter(object value)
        {
            values.Add(value);
            return "{" + (values.Count - 1).ToString(CultureInfo.InvariantCulture) + "}";
        }

        // {0} the item's document, {1} the audience. Kind names are the sources' own constants, not input.
        const string Item = "{0}";
        const string Visible = """ "MinAudience" <= {1} AND "MaxAudience" >= {1} """;
        var offered = string.Join(", ", sources.Where(s => s.OffersSimilarItems).Select(s => "'" + s.Kind.Replace("'", "''", StringComparison.Ordinal) + "'"));
        var documents = SearchSchema.DocumentsTable;
        // SQLite reads the candidates through the narrow facet index (see SearchDocumentConfiguration), not their wide rows.
        var narrow = isSqlite ? $"""INDEXED BY "{SearchDocumentConfiguration.FacetIndex}" """ : "";
        // Per key the newest documents that have it: a range of the table's (key, document) index.
        string Newest(string table, string column, IEnumerable<string> keys, string alias, string condition = "") =>
            string.Join(" UNION ALL ", keys.Select((key, i) =>
                $"""SELECT "DocumentId" FROM (SELECT "DocumentId" FROM "{table}" WHERE "{column}" = {Parameter(key)}{condition} ORDER BY "DocumentId" DESC LIMIT {Candidates}) {alias}{i.ToString(CultureInfo.InvariantCulture)}"""));
        // Topic neighbours: the most recently indexed candidates the caller may see of each of the item's topics, counted
        // by how many topics they share. Per topic a bounded index range, not the whole topic: at national scale a topic
        // has thousands; people and members-only documents are outside the public's range instead of taking its places.
        var neighbours = source.Topics.Count == 0
            ? """SELECT "DocumentId" FROM "SearchDocumentTopics" WHERE 1 = 0"""
            : Newest("SearchDocumentTopics", "TopicSlug", source.Topics, "n", $""" AND "SimilarCandidate" = {Parameter(true)} AND {Visible}""");
        // The ranges' documents the caller may see, other than the item, once each (COUNT(*): in how many ranges).
        string VisibleOf(string ranges) =>
            $"""FROM ({ranges}) o JOIN "{documents}" t {narrow}ON t."Id" = o."DocumentId" WHERE o."DocumentId" <> {Item} AND t.{Visible} AND t."Kind" IN ({offered}) GROUP BY o."DocumentId" """;
        var shared = $"""shared AS (SELECT o."DocumentId" AS "Id", COUNT(*) AS "Shared" {VisibleOf(neighbours)})""";
        // Text neighbours: per telling term the most recently indexed documents the caller may see that have it among
        // theirs (a bounded index range, as for topics; the audiences are in the index, so that documents the caller may
        // not see do not take the range's places), the ones sharing most terms first. Not an OR-query of the terms in
        // the full-text index: telling terms are often common words, and their matches were most of the index.
        var windows = Newest("SearchDocumentTerms", "Term", terms, "w", " AND " + Visible);
        var text = terms.Length == 0
            ? """text AS (SELECT "Id" FROM shared WHERE 1 = 0)"""
            : $"""text AS (SELECT o."DocumentId" AS "Id" {VisibleOf(windows)}ORDER BY COUNT(*) DESC, o."DocumentId" DESC LIMIT {Candidates})""";
        // How many of the item's telling terms a candidate's telling terms share: a string test on a short column.
        var position = isSqlite ? "instr" : "strpos";
        // Without terms there is nothing to order by (a bare 0 in ORDER BY would name a column by position).
        var overlap = terms.Length == 0
            ? ""
            : string.Join(" + ", terms.Select(term => $"""(CASE WHEN {position}(' ' || d."SimilarTerms" || ' ', {Parameter(" " + term + " ")}) > 0 THEN 1 ELSE 0 END)""")) + " DESC, ";
        var sql = $"""
            WITH {shared}, {text}
            SELECT d."Kind", d."Title", d."Url" FROM (SELECT "Id" FROM shared UNION SELECT "Id" FROM text) c
            JOIN "{documents}" d ON d."Id" = c."Id" LEFT JOIN shared s ON s."Id" = d."Id"
            ORDER BY COALESCE(s."Shared", 0) DESC, {overlap}d."Title", d."Id"
            LIMIT {MaxItems}
            """;
#pragma warning disable EF1002 // Only table names, constants and parameter placeholders are put into the SQL text.
        var rows = await db.Database.SqlQueryRaw<Row>(sql, [.. values]).ToListAsync(cancellationToken);
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
