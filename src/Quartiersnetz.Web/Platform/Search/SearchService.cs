using System.Globalization;
using Microsoft.EntityFrameworkCore.Storage;
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
}

internal sealed record SearchResult(
    IReadOnlyList<SearchHit> Hits,
    long Total,
    IReadOnlyDictionary<string, IReadOnlyList<FacetCount>> Facets,
    IReadOnlyList<(string Word, string Correction)> Corrections);

/// <summary>
/// Runs a search over the documents of one audience: German analysis and typo tolerance in C#, matching in the
/// provider's full-text index (FTS5 or tsvector), visibility, facet counts and the order of hits over the in-memory
/// <see cref="SearchFacetTable"/>, then the page's documents by id.
/// </summary>
internal sealed class SearchService(QuartiersnetzDbContext db, SearchFacetTable facetTable, AudienceDataCache cache, ILogger<SearchService> logger)
{
    private static readonly string[] CacheTags = [PublicPageCache.Tag, PublicPageCache.SearchTag];

    private const int SnippetLength = 220;

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
        var marked = MarkableTerms(clauses);
        for (var attempt = 1; ; attempt++)
        {
            // The full-text index finds the matches (of every audience); what may be shown, the facet counts and the
            // order are decided in memory over the facet table, which reads only documents it has not seen yet.
            // Counting first and covering only when the count met unknown ids spares a second pass over the ids in the
            // usual case, where the table already holds every match.
            SearchFacetTable.Counted counted;
            using (var ids = await MatchAsync(clauses, cancellationToken))
            {
                var (skip, take) = ((request.Page - 1) * request.PageSize, request.PageSize);
                var table = facetTable.Current ?? await facetTable.CoverAsync(db, ids.Memory, cancellationToken);
                counted = table.Count(ids.Memory.Span, audience, request, marked, skip, take);
                if (counted.Unknown > 0)
                {
                    table = await facetTable.CoverAsync(db, ids.Memory, cancellationToken);
                    counted = table.Count(ids.Memory.Span, audience, request, marked, skip, take);
                }
            }

            var page = counted.Page;
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
            return new SearchResult(hits, counted.Total, counted.Facets, corrections);
        }
    }

    /// <summary>
    /// The ids of all documents that match, for every audience: one read of the full-text index, or on PostgreSQL of
    /// the stored lists when every word is a frequent term (<see cref="SearchPostings"/>).
    /// </summary>
    private async Task<MatchIds> MatchAsync(IReadOnlyList<SearchClause> clauses, CancellationToken cancellationToken)
    {
        if (db.Database.IsSqlite())
        {
            // Words in the table of terms, phrases in the table of pairs. "+rowid" keeps SQLite from handing the listed
            // ids to FTS5 as a constraint, which then answered the word once per phrase match (440 instead of 10 ms for
            // a common word with the bench phrase at national scale); this way the pairs' ids are listed once.
            var wordMatch = Fts5Words(clauses);
            var pairMatch = Fts5Pairs(clauses);
            var inPairs = $"""SELECT rowid FROM "{SearchSchema.PairsTable}" WHERE "{SearchSchema.PairsTable}" MATCH @pairs""";
            return wordMatch.Length == 0
                ? await ReadIdsAsync($"SELECT group_concat(rowid) FROM ({inPairs})", [("pairs", pairMatch)], cancellationToken)
                : await ReadIdsAsync(
                    $"""SELECT group_concat(rowid) FROM "{SearchSchema.FtsTable}" WHERE "{SearchSchema.FtsTable}" MATCH @match""" + (pairMatch.Length == 0 ? "" : $" AND +rowid IN ({inPairs})"),
                    pairMatch.Length == 0 ? [("match", wordMatch)] : [("match", wordMatch), ("pairs", pairMatch)],
                    cancellationToken);
        }

        // PostgreSQL estimates a common word's matches well (a third of the index) and then prefers reading the whole
        // table to the GIN index; but its cost model does not know that testing a row means reading its vector from
        // TOAST (12.5 KB on average for a publication): 840 ms instead of 150 for "Stadtteil" at national scale. The
        // index answers a word without reading any vector, so this statement always takes it.
        // Phrases are answered by the vector of adjacent pairs alone, so no candidate's vector is read for its positions
        // (that recheck cost 170 ms for a phrase in 18,000 documents at national scale).
        var words = TsQueryWords(clauses);
        var pairs = TsQueryPairs(clauses);
        var conditions = new List<string>();
        var parameters = new List<(string, string)>();
        if (words.Length > 0)
        {
            conditions.Add("""
                "Vector" @@ to_tsquery('simple', @words)
                """);
            parameters.Add(("words", words));
        }

        if (pairs.Length > 0)
        {
            conditions.Add("""
                "Pairs" @@ @pairs::tsquery
                """);
            parameters.Add(("pairs", pairs));
        }

        // One snapshot for the stored lists of frequent terms and the changes since their merge (SearchPostings).
        await using var transaction = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        if (pairs.Length == 0 && await SearchPostings.TryMatchAsync(db, clauses, words, cancellationToken) is { } listed)
        {
            await transaction.CommitAsync(cancellationToken);
            return listed;
        }

        await db.Database.ExecuteSqlRawAsync("SET LOCAL enable_seqscan = off", cancellationToken);
        var ids = await ReadIdsAsync(
            $"""SELECT "Id" FROM "{SearchSchema.VectorsTable}" WHERE {string.Join(" AND ", conditions)}""",
            parameters, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ids;
    }

    /// <summary>
    /// One column of ids, read with the provider's reader directly: EF's materialisation of the 55,000 ids of the most
    /// common word at national scale took 25 ms where SQLite found them in 4. SQLite hands them over as one
    /// comma-separated value (<c>group_concat</c>): row by row through its reader they still took 15 ms.
    /// </summary>
    private async Task<MatchIds> ReadIdsAsync(string sql, IEnumerable<(string Name, string Value)> parameters, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            foreach (var (name, value) in parameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value;
                command.Parameters.Add(parameter);
            }

            var ids = new MatchIds();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (db.Database.IsSqlite())
            {
                if (reader.Read() && !reader.IsDBNull(0))
                {
                    ParseIds(reader.GetString(0), ids);
                }
            }
            else
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    ids.Add(reader.GetInt64(0));
                }
            }

            return ids;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static void ParseIds(string list, MatchIds ids)
    {
        var value = 0L;
        foreach (var c in list)
        {
            if (c == ',')
            {
                ids.Add(value);
                value = 0;
            }
            else
            {
                value = (value * 10) + (c - '0');
            }
        }

        ids.Add(value);
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

    /// <summary>FTS5 over the terms: every word clause, one of its terms anywhere (title, body, compound parts).</summary>
    private static string Fts5Words(IEnumerable<SearchClause> clauses) => string.Join(" AND ", clauses.Where(c => !c.IsPhrase)
        .Select(c => "(" + string.Join(" OR ", c.Terms.Select(t => $"\"{t}\"")) + ")"));

    /// <summary>
    /// FTS5 over the table of pairs: every pair of every phrase (<see cref="SearchClause.Pairs"/>), as the one token the
    /// table holds for it ("a_b", <see cref="SearchSchema.SqlitePairs"/>).
    /// </summary>
    private static string Fts5Pairs(IEnumerable<SearchClause> clauses) => string.Join(" AND ", clauses.Where(c => c.IsPhrase)
        .SelectMany(c => c.Pairs).Distinct(StringComparer.Ordinal).Select(p => $"\"{p.Replace(' ', '_')}\""));

    /// <summary>tsquery over the vector of words and compound parts: every word clause, one of its terms.</summary>
    internal static string TsQueryWords(IEnumerable<SearchClause> clauses) => string.Join(" & ", clauses.Where(c => !c.IsPhrase)
        .Select(c => "(" + string.Join(" | ", c.Terms.Select(t => $"'{t}'")) + ")"));

    /// <summary>
    /// tsquery over the vector of adjacent pairs: every pair of every phrase, each quoted as one lexeme ("a b"; terms are
    /// [a-z0-9], so nothing needs escaping). Read with a cast, not to_tsquery, which would split the pair again.
    /// </summary>
    private static string TsQueryPairs(IEnumerable<SearchClause> clauses) => string.Join(" & ", clauses.Where(c => c.IsPhrase)
        .SelectMany(c => c.Pairs).Distinct(StringComparer.Ordinal).Select(p => $"'{p}'"));

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

        // One analysis of the excerpt; a compound part carries the offsets of its compound, so the word is marked. Terms
        // come in the order of the text (Lucene's offsets never go backwards), so the marks are in order, the first one
        // decides the window, and the analysis stops after the window: analysing whole excerpts was most of the
        // snippets' time for a page of common-word hits.
        var marks = new List<(int Start, int Length)>();
        var windowEnd = int.MaxValue;
        foreach (var (term, start, end) in GermanAnalyzer.Shared.Locate(excerpt))
        {
            if (start > windowEnd)
            {
                break;
            }

            if (terms.Contains(term) && end <= excerpt.Length && end > start && !marks.Contains((start, end - start)))
            {
                if (marks.Count == 0)
                {
                    windowEnd = WindowStart(excerpt, start) + SnippetLength;
                }

                marks.Add((start, end - start));
            }
        }

        var from = marks.Count == 0 ? 0 : WindowStart(excerpt, marks[0].Start);

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

    /// <summary>Where a snippet starts: at the excerpt's start, or at a word a third of the snippet before the first mark.</summary>
    private static int WindowStart(string excerpt, int firstMark) =>
        firstMark > SnippetLength / 3 ? excerpt.LastIndexOf(' ', firstMark - (SnippetLength / 3)) + 1 : 0;
}
