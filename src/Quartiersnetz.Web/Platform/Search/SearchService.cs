using System.Globalization;
using System.Text;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Caching;

namespace Quartiersnetz.Platform.Search;

/// <summary>The caller's query with the facet values they chose (several values of one facet: any of them).</summary>
internal sealed record SearchRequest(
    string? Text,
    IReadOnlyList<string> Kinds,
    IReadOnlyList<string> Topics,
    IReadOnlyList<string> Municipalities,
    IReadOnlyList<string> Regions,
    IReadOnlyList<int> Years,
    int Page,
    int PageSize)
{
    /// <summary>Subtype keys (<see cref="ISearchSource.Subtypes"/>), e.g. publication types.</summary>
    public IReadOnlyList<string> Types { get; init; } = [];
}

internal sealed record SearchHit(long Id, string Kind, string Title, string Url, string? Subtype, int? Year, IReadOnlyList<SnippetPart> Snippet);

/// <summary>A piece of a snippet; <see cref="Marked"/> pieces matched the query (shown in &lt;mark&gt;, always HTML-encoded).</summary>
internal sealed record SnippetPart(string Text, bool Marked);

internal sealed record FacetCount(string Value, long Count);

internal static class SearchFacets
{
    public const string Kind = "kind";
    public const string Topic = "topic";
    public const string Municipality = "municipality";
    public const string Region = "bezirk";
    public const string Year = "year";
    public const string Type = "type";

    public static readonly string[] All = [Kind, Topic, Municipality, Region, Year, Type];
}

internal sealed record SearchResult(
    IReadOnlyList<SearchHit> Hits,
    long Total,
    IReadOnlyDictionary<string, IReadOnlyList<FacetCount>> Facets,
    IReadOnlyList<(string Word, string Correction)> Corrections);

/// <summary>
/// Runs a search over the documents of one audience: German analysis and typo tolerance in C#, matching in the
/// provider's full-text index (FTS5 or tsvector), facet counts and hits in two statements. Each facet is counted with
/// the other facets' choices applied, not its own, so a checked box does not hide its alternatives.
/// </summary>
internal sealed class SearchService(QuartiersnetzDbContext db, AudienceDataCache cache, ILogger<SearchService> logger)
{
    private static readonly string[] CacheTags = [PublicPageCache.Tag, PublicPageCache.SearchTag];

    private const int SnippetLength = 220;

    /// <summary>The rows of the counting statement that carry the requested page: Value the document id, Count its position.</summary>
    private const string HitRow = "hit";
    private const int MaxCorrections = 5;

    /// <summary>How often a search is asked again when a re-index took a hit away between its two statements.</summary>
    private const int MaxAttempts = 3;

    public static ParsedQuery Parse(string? text) => SearchQueryParser.Parse(text, GermanAnalyzer.Shared);

    /// <summary>
    /// Members' and the office's answers are shared per audience (<see cref="AudienceDataCache"/>): a search depends on
    /// the audience, never on the person. Visitors' answers are kept whole by the public page cache instead.
    /// </summary>
    public Task<SearchResult> SearchAsync(ParsedQuery query, SearchRequest request, SearchAudience audience, CancellationToken cancellationToken) =>
        audience == SearchAudience.Public
            ? FindAsync(query, request, audience, cancellationToken)
            : cache.GetOrCreateAsync(
                CacheKey(query, request, audience),
                CacheTags,
                result => 1 + (result.Hits.Count / 4) + (result.Facets.Values.Sum(f => f.Count) / 20),
                () => FindAsync(query, request, audience, cancellationToken));

    private static string CacheKey(ParsedQuery query, SearchRequest request, SearchAudience audience) => string.Join('\u001f',
    [
        "search", ((int)audience).ToString(CultureInfo.InvariantCulture),
        string.Join('\u001e', query.Clauses.Select(c => (c.IsPhrase ? "p:" : "w:") + string.Join(' ', c.Terms))),
        string.Join('\u001e', request.Kinds), string.Join('\u001e', request.Topics), string.Join('\u001e', request.Municipalities),
        string.Join('\u001e', request.Regions), string.Join('\u001e', request.Years), string.Join('\u001e', request.Types),
        request.Page.ToString(CultureInfo.InvariantCulture), request.PageSize.ToString(CultureInfo.InvariantCulture),
    ]);

    private async Task<SearchResult> FindAsync(ParsedQuery query, SearchRequest request, SearchAudience audience, CancellationToken cancellationToken)
    {
        var clauses = await WithTypoCandidatesAsync(query.Clauses, cancellationToken);
        var sql = new SqlBuilder(db.Database.IsSqlite());
        var match = sql.Parameter(sql.IsSqlite ? Fts5Expression(clauses) : TsQueryExpression(clauses));
        var audienceParameter = sql.Parameter((int)audience);
        var filters = Filters(sql, request);

        // The match set with what the facets and the order need, read once. SQLite is told to read the documents through
        // the narrow facet index: left to itself it reads every match's table row (with its terms and excerpt), four
        // times slower for a common word (national set: 39,000 matches, 240 ms instead of 60).
        var titleRank = TitleRank(sql, clauses);
        var matched = sql.IsSqlite
            ? $"""WITH m AS MATERIALIZED (SELECT d."Id", d."Kind", d."Year", d."MunicipalityAgs", d."RegionCode", d."SubtypeKey", {titleRank} AS "TitleRank" FROM "{SearchSchema.FtsTable}" JOIN "{SearchSchema.DocumentsTable}" d INDEXED BY "{SearchDocumentConfiguration.FacetIndex}" ON d."Id" = "{SearchSchema.FtsTable}".rowid WHERE "{SearchSchema.FtsTable}" MATCH {match} AND d."MinAudience" <= {audienceParameter} AND d."MaxAudience" >= {audienceParameter})"""
            : $"""WITH m AS MATERIALIZED (SELECT d."Id", d."Kind", d."Year", d."MunicipalityAgs", d."RegionCode", d."SubtypeKey", {titleRank} AS "TitleRank" FROM "{SearchSchema.DocumentsTable}" d WHERE d."SearchVector" @@ to_tsquery('simple', {match}) AND d."MinAudience" <= {audienceParameter} AND d."MaxAudience" >= {audienceParameter})""";

        // One statement for the total, all facet counts and the ids of the requested page. The topic facet walks the
        // matches and looks up their topics (CROSS JOIN fixes that order in SQLite); left to itself, SQLite scanned all
        // topic rows by slug and probed the matches, 300 ms instead of 30 for a word with 2,000 matches (national set).
        var skip = sql.Parameter((request.Page - 1) * request.PageSize);
        var take = sql.Parameter(request.PageSize);
        const string Order = """ "TitleRank" IS NULL, "TitleRank", "Year" IS NULL, "Year" DESC, "Id" DESC """;
        var counts = new StringBuilder(matched);
        counts.Append(CultureInfo.InvariantCulture, $""" SELECT 'total' AS "Facet", '' AS "Value", COUNT(*) AS "Count" FROM m WHERE {AllBut(filters, null)}""");
        counts.Append(CultureInfo.InvariantCulture, $""" UNION ALL SELECT '{SearchFacets.Kind}', m."Kind", COUNT(*) FROM m WHERE {AllBut(filters, SearchFacets.Kind)} GROUP BY m."Kind" """);
        counts.Append(CultureInfo.InvariantCulture, $""" UNION ALL SELECT '{SearchFacets.Topic}', t."TopicSlug", COUNT(*) FROM m CROSS JOIN "SearchDocumentTopics" t WHERE t."DocumentId" = m."Id" AND {AllBut(filters, SearchFacets.Topic)} GROUP BY t."TopicSlug" """);
        counts.Append(CultureInfo.InvariantCulture, $""" UNION ALL SELECT '{SearchFacets.Municipality}', m."MunicipalityAgs", COUNT(*) FROM m WHERE m."MunicipalityAgs" IS NOT NULL AND {AllBut(filters, SearchFacets.Municipality)} GROUP BY m."MunicipalityAgs" """);
        counts.Append(CultureInfo.InvariantCulture, $""" UNION ALL SELECT '{SearchFacets.Region}', m."RegionCode", COUNT(*) FROM m WHERE m."RegionCode" IS NOT NULL AND {AllBut(filters, SearchFacets.Region)} GROUP BY m."RegionCode" """);
        counts.Append(CultureInfo.InvariantCulture, $""" UNION ALL SELECT '{SearchFacets.Year}', CAST(m."Year" AS TEXT), COUNT(*) FROM m WHERE m."Year" IS NOT NULL AND {AllBut(filters, SearchFacets.Year)} GROUP BY m."Year" """);
        counts.Append(CultureInfo.InvariantCulture, $""" UNION ALL SELECT '{SearchFacets.Type}', m."SubtypeKey", COUNT(*) FROM m WHERE m."SubtypeKey" IS NOT NULL AND {AllBut(filters, SearchFacets.Type)} GROUP BY m."SubtypeKey" """);
        counts.Append(CultureInfo.InvariantCulture, $""" UNION ALL SELECT '{HitRow}', CAST(h."Id" AS TEXT), h."Position" FROM (SELECT m."Id", ROW_NUMBER() OVER (ORDER BY {Order}) AS "Position" FROM m WHERE {AllBut(filters, null)} ORDER BY {Order} LIMIT {take} OFFSET {skip}) h""");
        var statement = counts.ToString();
        var marked = MarkableTerms(clauses);
        for (var attempt = 1; ; attempt++)
        {
            var rows = await CountAsync(sql, statement, cancellationToken);
            var total = rows.FirstOrDefault(r => r.Facet == "total")?.Count ?? 0;
            var facets = SearchFacets.All.ToDictionary(
                f => f,
                f => (IReadOnlyList<FacetCount>)[.. rows.Where(r => r.Facet == f).Select(r => new FacetCount(r.Value, r.Count)).OrderByDescending(c => c.Count).ThenBy(c => c.Value, StringComparer.Ordinal)]);

            var page = rows.Where(r => r.Facet == HitRow).OrderBy(r => r.Count).Select(r => long.Parse(r.Value, CultureInfo.InvariantCulture)).ToList();
            var found = page.Count == 0
                ? []
                : await db.Set<SearchDocument>().AsNoTracking().Where(d => page.Contains(d.Id))
                    .Select(d => new { d.Id, d.Kind, d.Title, d.Url, d.Subtype, d.Excerpt, d.Year })
                    .ToDictionaryAsync(d => d.Id, cancellationToken);

            // Re-indexing replaces a document by a new row with a new id. One that committed between the two statements
            // took a hit of this page away (the old id is gone): ask again, the second answer sees the new row. Only a
            // writer that keeps hitting the same moment could make a third attempt miss one, and then the page is short.
            if (found.Count < page.Count && attempt < MaxAttempts)
            {
                continue;
            }

            if (found.Count < page.Count)
            {
                logger.LogWarning("Search answered with {Missing} of {Page} hits missing after {Attempts} attempts: re-indexing kept replacing them", page.Count - found.Count, page.Count, attempt);
            }

            var hits = page.Where(found.ContainsKey).Select(id => found[id])
                .Select(h => new SearchHit(h.Id, h.Kind, h.Title, h.Url, h.Subtype, h.Year, Snippet(h.Excerpt, marked))).ToList();
            var corrections = clauses.SelectMany(c => c.Corrections.Select(t => (c.Word, t))).ToList();
            return new SearchResult(hits, total, facets, corrections);
        }
    }

    /// <summary>The total, the facet counts and the page's ids, in one statement.</summary>
    private async Task<List<FacetRow>> CountAsync(SqlBuilder sql, string statement, CancellationToken cancellationToken)
    {
        if (sql.IsSqlite)
        {
            return await db.Database.SqlQueryRaw<FacetRow>(statement, sql.Values).ToListAsync(cancellationToken);
        }

        // PostgreSQL estimates a common word's matches well (a third of the index) and then prefers reading the whole
        // table to the GIN index; but its cost model does not know that testing a row means decompressing its
        // vector from TOAST (12.5 KB on average for a publication): 840 ms instead of 150 for "Stadtteil" at national
        // scale. The index answers a word without reading any vector, so this statement always takes it.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("SET LOCAL enable_seqscan = off", cancellationToken);
        var rows = await db.Database.SqlQueryRaw<FacetRow>(statement, sql.Values).ToListAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return rows;
    }

    /// <summary>
    /// The order of hits, the same on both providers and cheap at any number of matches: documents with a searched word
    /// in their title first, shorter titles before longer ones (the word is more of what the title says); then the
    /// rest, newest year first. Not bm25 or ts_rank: both score every match from its full position lists or vector,
    /// and at 300 MB of text that took seconds for a common word (bench, December 2026; docs/adr/0005).
    /// SQLite asks the title column of the full-text index; PostgreSQL looks for the word in the title's terms.
    /// Null for documents without a searched word in the title.
    /// </summary>
    private static string TitleRank(SqlBuilder sql, IReadOnlyList<SearchClause> clauses)
    {
        var terms = clauses.SelectMany(c => c.Terms).Distinct(StringComparer.Ordinal).ToList();
        if (terms.Count == 0)
        {
            return "NULL";
        }

        if (sql.IsSqlite)
        {
            var title = sql.Parameter($"{{TitleTokens}} : ({string.Join(" OR ", terms.Select(t => $"\"{t}\""))})");
            return $"""CASE WHEN "{SearchSchema.FtsTable}".rowid IN (SELECT rowid FROM "{SearchSchema.FtsTable}" WHERE "{SearchSchema.FtsTable}" MATCH {title}) THEN length(d."Title") END""";
        }

        var found = string.Join(" OR ", terms.Select(t => $"""strpos(' ' || d."TitleTokens" || ' ', {sql.Parameter(" " + t + " ")}) > 0"""));
        return $"""CASE WHEN {found} THEN length(d."Title") END""";
    }

    /// <summary>
    /// Words of five letters or more that are not in the vocabulary get the vocabulary's terms with the same first letter
    /// within edit distance 1 (2 from nine letters), computed here so both providers find the same.
    /// </summary>
    private async Task<List<SearchClause>> WithTypoCandidatesAsync(IReadOnlyList<SearchClause> clauses, CancellationToken cancellationToken)
    {
        var single = clauses.Where(c => !c.IsPhrase && c.Word.Length >= 5 && c.Terms[0].Length >= 3).Select(c => c.Terms[0]).Distinct().ToList();
        if (single.Count == 0)
        {
            return [.. clauses];
        }

        var known = await db.Set<SearchTerm>().AsNoTracking().Where(t => single.Contains(t.Term)).Select(t => t.Term).ToListAsync(cancellationToken);
        var unknown = single.Except(known, StringComparer.Ordinal).ToList();
        if (unknown.Count == 0)
        {
            return [.. clauses];
        }

        // One query for all unknown words: same first letter, length within the allowed distance.
        var lengths = unknown.SelectMany(t => Enumerable.Range(t.Length - MaxDistance(t), (2 * MaxDistance(t)) + 1)).Distinct().ToList();
        var letters = unknown.Select(t => t[..1]).Distinct().ToList();
        var candidates = new List<string>();
        foreach (var letter in letters)
        {
            var next = ((char)(letter[0] + 1)).ToString();
#pragma warning disable CA1309, CA1310 // string.Compare is translated to SQL comparison operators: an index range over the terms
            candidates.AddRange(await db.Set<SearchTerm>().AsNoTracking()
                .Where(t => lengths.Contains(t.Length) && string.Compare(t.Term, letter) >= 0 && string.Compare(t.Term, next) < 0)
                .Select(t => t.Term)
                .ToListAsync(cancellationToken));
#pragma warning restore CA1309, CA1310
        }

        return [.. clauses.Select(c =>
        {
            if (c.IsPhrase || !unknown.Contains(c.Terms[0]))
            {
                return c;
            }

            var term = c.Terms[0];
            var near = candidates
                .Where(x => x[0] == term[0])
                .Select(x => (Term: x, Distance: EditDistance.Within(term, x, MaxDistance(term))))
                .Where(x => x.Distance is not null)
                .OrderBy(x => x.Distance).ThenBy(x => x.Term, StringComparer.Ordinal)
                .Take(MaxCorrections)
                .Select(x => x.Term)
                .ToList();
            return near.Count == 0 ? c : c with { Terms = [term, .. near], Corrections = near };
        })];
    }

    private static int MaxDistance(string term) => term.Length >= 9 ? 2 : 1;

    /// <summary>FTS5: every clause must match; a term anywhere (title, body, compound parts), a phrase in title or body.</summary>
    private static string Fts5Expression(IEnumerable<SearchClause> clauses) => string.Join(" AND ", clauses.Select(c => c.IsPhrase
        ? $"{{TitleTokens BodyTokens}} : \"{string.Join(' ', c.Terms)}\""
        : "(" + string.Join(" OR ", c.Terms.Select(t => $"\"{t}\"")) + ")"));

    /// <summary>tsquery: the same on the weighted vector (A title, B body, C parts); a phrase only over A and B.</summary>
    private static string TsQueryExpression(IEnumerable<SearchClause> clauses) => string.Join(" & ", clauses.Select(c => c.IsPhrase
        ? "(" + string.Join(" <-> ", c.Terms.Select(t => $"'{t}':AB")) + ")"
        : "(" + string.Join(" | ", c.Terms.Select(t => $"'{t}'")) + ")"));

    private static Dictionary<string, string> Filters(SqlBuilder sql, SearchRequest request)
    {
        var filters = new Dictionary<string, string>(StringComparer.Ordinal);
        if (request.Kinds.Count > 0)
        {
            filters[SearchFacets.Kind] = $"""m."Kind" IN ({sql.Parameters(request.Kinds)})""";
        }

        if (request.Topics.Count > 0)
        {
            filters[SearchFacets.Topic] = $"""m."Id" IN (SELECT "DocumentId" FROM "SearchDocumentTopics" WHERE "TopicSlug" IN ({sql.Parameters(request.Topics)}))""";
        }

        if (request.Municipalities.Count > 0)
        {
            filters[SearchFacets.Municipality] = $"""m."MunicipalityAgs" IN ({sql.Parameters(request.Municipalities)})""";
        }

        if (request.Regions.Count > 0)
        {
            filters[SearchFacets.Region] = $"""m."RegionCode" IN ({sql.Parameters(request.Regions)})""";
        }

        if (request.Years.Count > 0)
        {
            filters[SearchFacets.Year] = $"""m."Year" IN ({sql.Parameters(request.Years.Cast<object>())})""";
        }

        if (request.Types.Count > 0)
        {
            filters[SearchFacets.Type] = $"""m."SubtypeKey" IN ({sql.Parameters(request.Types)})""";
        }

        return filters;
    }

    private static string AllBut(Dictionary<string, string> filters, string? except)
    {
        var applied = filters.Where(f => f.Key != except).Select(f => f.Value).ToList();
        return applied.Count == 0 ? "1 = 1" : string.Join(" AND ", applied);
    }

    private static HashSet<string> MarkableTerms(IEnumerable<SearchClause> clauses) => [.. clauses.SelectMany(c => c.Terms)];

    /// <summary>
    /// A window of the excerpt around the first matching word, cut into marked and plain pieces. Words are compared in
    /// their analysed form (also their compound parts), so "Wohnungen" marks "Wohnung" and "Quartier" marks "Quartiersmanagement".
    /// </summary>
    public static IReadOnlyList<SnippetPart> Snippet(string excerpt, IReadOnlySet<string> terms)
    {
        if (excerpt.Length == 0)
        {
            return [];
        }

        // One analysis of the whole excerpt; a compound part carries the offsets of its compound, so the word is marked.
        var marks = GermanAnalyzer.Shared.Locate(excerpt)
            .Where(t => terms.Contains(t.Term) && t.End <= excerpt.Length && t.End > t.Start)
            .Select(t => (Start: t.Start, Length: t.End - t.Start))
            .Distinct()
            .OrderBy(m => m.Start)
            .ToList();

        var from = 0;
        if (marks.Count > 0 && marks[0].Start > SnippetLength / 3)
        {
            from = excerpt.LastIndexOf(' ', marks[0].Start - (SnippetLength / 3)) + 1;
        }

        var to = Math.Min(excerpt.Length, from + SnippetLength);
        if (to < excerpt.Length && excerpt.LastIndexOf(' ', to) is var space && space > from)
        {
            to = space;
        }

        var parts = new List<SnippetPart>();
        var position = from;
        if (from > 0)
        {
            parts.Add(new SnippetPart("… ", false));
        }

        foreach (var (start, length) in marks.Where(m => m.Start >= from && m.Start + m.Length <= to))
        {
            if (start < position)
            {
                continue;
            }

            if (start > position)
            {
                parts.Add(new SnippetPart(excerpt[position..start], false));
            }

            parts.Add(new SnippetPart(excerpt.Substring(start, length), true));
            position = start + length;
        }

        if (position < to)
        {
            parts.Add(new SnippetPart(excerpt[position..to], false));
        }

        if (to < excerpt.Length)
        {
            parts.Add(new SnippetPart(" …", false));
        }

        return parts;
    }

    private sealed class FacetRow
    {
        public string Facet { get; set; } = "";

        public string Value { get; set; } = "";

        public long Count { get; set; }
    }

    /// <summary>Collects values as positional parameters ({0}, {1} …) for SqlQueryRaw.</summary>
    private sealed class SqlBuilder(bool isSqlite)
    {
        private readonly List<object> values = [];

        public bool IsSqlite { get; } = isSqlite;

        public object[] Values => [.. values];

        public string Parameter(object value)
        {
            values.Add(value);
            return "{" + (values.Count - 1).ToString(CultureInfo.InvariantCulture) + "}";
        }

        public string Parameters(IEnumerable<object> items) => string.Join(", ", items.Select(Parameter));
    }
}
