using System.Globalization;
using Quartiersnetz.Data;

namespace Quartiersnetz.Platform.Search;

/// <summary>
/// Writes search documents: analyses the sources' drafts and replaces the documents of the given items in one
/// transaction, together with the full-text rows (SQLite: the terms and their pairs; PostgreSQL: the tsvectors) and new terms of the
/// vocabulary for typo tolerance.
/// </summary>
#pragma warning disable EF1002 // Only table names and database-generated ids are put into the SQL text; terms go in as parameters.
internal sealed class SearchIndexer(
    QuartiersnetzDbContext db, IEnumerable<ISearchSource> sources, TimeProvider clock, Caching.PublicPageCacheEviction? pageCache = null)
{
    private const int BatchSize = 200;

    private readonly Dictionary<string, ISearchSource> byKind = sources.ToDictionary(s => s.Kind, StringComparer.Ordinal);

    private bool IsSqlite => db.Database.IsSqlite();

    /// <summary>Works off waiting items (oldest first); returns how many entries it handled.</summary>
    public async Task<int> ProcessPendingAsync(int max, CancellationToken cancellationToken)
    {
        var pending = await db.Set<SearchIndexPending>().AsNoTracking().OrderBy(p => p.Id).Take(max).ToListAsync(cancellationToken);
        if (pending.Count == 0)
        {
            return 0;
        }

        foreach (var group in pending.GroupBy(p => p.Kind))
        {
            if (!byKind.TryGetValue(group.Key, out var source))
            {
                continue;
            }

            if (group.Any(p => p.Key == SearchIndexPending.AllKeys))
            {
                await RebuildKindAsync(source, cancellationToken);
            }
            else
            {
                foreach (var chunk in group.Select(p => p.Key).Distinct(StringComparer.Ordinal).Chunk(BatchSize))
                {
                    await ReplaceAsync(source, chunk, cancellationToken);
                }
            }
        }

        var ids = pending.Select(p => p.Id).ToList();
        await db.Set<SearchIndexPending>().Where(p => ids.Contains(p.Id)).ExecuteDeleteAsync(cancellationToken);
        return pending.Count;
    }

    /// <summary>Asks for a rebuild of every kind (the background indexer does it); the vocabulary starts afresh.</summary>
    public async Task RequestRebuildAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Set<SearchTerm>().ExecuteDeleteAsync(cancellationToken);
        foreach (var source in byKind.Values)
        {
            db.Add(new SearchIndexPending { Kind = source.Kind, Key = SearchIndexPending.AllKeys, CreatedAtUtc = now });
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Builds the whole index now, kind by kind, page by page.</summary>
    public async Task RebuildAllAsync(CancellationToken cancellationToken)
    {
        await db.Set<SearchTerm>().ExecuteDeleteAsync(cancellationToken);
        foreach (var source in byKind.Values)
        {
            await RebuildKindAsync(source, cancellationToken);
        }

        pageCache?.EvictSearch();
    }

    private async Task RebuildKindAsync(ISearchSource source, CancellationToken cancellationToken)
    {
        var stale = await db.Set<SearchDocument>().Where(d => d.Kind == source.Kind).Select(d => d.Id).ToListAsync(cancellationToken);
        foreach (var chunk in stale.Chunk(1000))
        {
            await DeleteDocumentsAsync(chunk, cancellationToken);
        }

        for (var page = 0; ; page++)
        {
            var keys = await source.KeysAsync(db, page, BatchSize, cancellationToken);
            if (keys.Count == 0)
            {
                break;
            }

            await ReplaceAsync(source, keys, cancellationToken);
            if (keys.Count < BatchSize)
            {
                break;
            }
        }
    }

    private async Task ReplaceAsync(ISearchSource source, IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        var drafts = await source.BuildAsync(db, keys, cancellationToken);
        var analyser = GermanAnalyzer.Shared;
        var now = clock.GetUtcNow().UtcDateTime;
        var terms = new HashSet<string>(StringComparer.Ordinal);
        var documents = new List<SearchDocument>(drafts.Count);
        foreach (var draft in drafts.Where(d => keys.Contains(d.Key)))
        {
            var title = analyser.Analyse(draft.Title);
            var body = analyser.Analyse(draft.Body);
            var similarTerms = SimilarTermsOf(title.Tokens, body.Tokens);
            terms.UnionWith(title.Tokens);
            terms.UnionWith(title.Parts);
            terms.UnionWith(body.Tokens);
            terms.UnionWith(body.Parts);
            documents.Add(new SearchDocument
            {
                Kind = source.Kind,
                Key = draft.Key,
                MinAudience = draft.MinAudience,
                MaxAudience = draft.MaxAudience,
                Title = Truncate(draft.Title, SearchDocument.TitleMaxLength),
                Url = draft.Url,
                Subtype = draft.Subtype is null ? null : Truncate(draft.Subtype, SearchDocument.SubtypeMaxLength),
                SubtypeKey = draft.SubtypeKey is { Length: > 0 and <= SearchDocument.SubtypeKeyMaxLength } subtypeKey ? subtypeKey : null,
                SimilarTerms = similarTerms,
                Format = SearchDocument.CurrentFormat,
                Excerpt = Truncate(PlainExcerpt(draft.Body), SearchDocument.ExcerptMaxLength),
                Year = draft.Year,
                MunicipalityAgs = draft.MunicipalityAgs,
                RegionCode = draft.MunicipalityAgs is { Length: >= 3 } ags ? ags[..3] : null,
                TitleTokens = title.TokenText,
                BodyTokens = body.TokenText,
                PartTokens = string.Join(' ', title.Parts.Concat(body.Parts).Distinct(StringComparer.Ordinal)),
                IndexedAtUtc = now,
                Topics = [.. draft.TopicSlugs.Distinct(StringComparer.Ordinal).Select(s => new SearchDocumentTopic
                {
                    TopicSlug = s, SimilarCandidate = source.OffersSimilarItems, MinAudience = draft.MinAudience, MaxAudience = draft.MaxAudience,
                })],
                Terms = source.OffersSimilarItems
                    ? [.. similarTerms.Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal)
                        .Select(t => new SearchDocumentTerm { Term = t, MinAudience = draft.MinAudience, MaxAudience = draft.MaxAudience })]
                    : [],
            });
        }

        var keyList = keys.ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var old = await db.Set<SearchDocument>().Where(d => d.Kind == source.Kind && keyList.Contains(d.Key)).Select(d => d.Id).ToListAsync(cancellationToken);
        if (old.Count > 0)
        {
            await DeleteDocumentsAsync(old, cancellationToken);
        }

        if (documents.Count > 0)
        {
            db.AddRange(documents);
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            var added = IdList(documents.Select(d => d.Id));
            if (IsSqlite)
            {
                await db.Database.ExecuteSqlRawAsync(
                    $"""INSERT INTO "{SearchSchema.FtsTable}"(rowid, "TitleTokens", "BodyTokens", "PartTokens") SELECT "Id", "TitleTokens", "BodyTokens", "PartTokens" FROM "{SearchSchema.DocumentsTable}" WHERE "Id" IN ({added})""",
                    cancellationToken);
                await db.Database.ExecuteSqlRawAsync(
                    $"""INSERT INTO "{SearchSchema.PairsTable}"(rowid, "Pairs") SELECT "Id", {SearchSchema.SqlitePairs} FROM "{SearchSchema.DocumentsTable}" WHERE "Id" IN ({added})""",
                    cancellationToken);
            }
            else
            {
                await db.Database.ExecuteSqlRawAsync(
                    $"""INSERT INTO "{SearchSchema.VectorsTable}"("Id", "Vector", "Pairs") SELECT "Id", {SearchSchema.PostgresVector}, {SearchSchema.PostgresPairs} FROM "{SearchSchema.DocumentsTable}" WHERE "Id" IN ({added})""",
                    cancellationToken);
            }
        }

        await AddTermsAsync(terms, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (old.Count > 0 || documents.Count > 0)
        {
            // Kept search answers may show what was just replaced; other public pages do not read the index.
            pageCache?.EvictSearch();
        }
    }

    private async Task DeleteDocumentsAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        if (IsSqlite)
        {
            // External content: FTS5 needs the old values to remove their entries, so this runs before the rows go.
            await db.Database.ExecuteSqlRawAsync(
                $"""INSERT INTO "{SearchSchema.FtsTable}"("{SearchSchema.FtsTable}", rowid, "TitleTokens", "BodyTokens", "PartTokens") SELECT 'delete', "Id", "TitleTokens", "BodyTokens", "PartTokens" FROM "{SearchSchema.DocumentsTable}" WHERE "Id" IN ({IdList(ids)})""",
                cancellationToken);
            await db.Database.ExecuteSqlRawAsync($"""DELETE FROM "{SearchSchema.PairsTable}" WHERE rowid IN ({IdList(ids)})""", cancellationToken);
        }

        // PostgreSQL's vectors go with their documents (ON DELETE CASCADE).
        await db.Set<SearchDocumentTopic>().Where(t => ids.Contains(t.DocumentId)).ExecuteDeleteAsync(cancellationToken);
        await db.Set<SearchDocumentTerm>().Where(t => ids.Contains(t.DocumentId)).ExecuteDeleteAsync(cancellationToken);
        await db.Set<SearchDocument>().Where(d => ids.Contains(d.Id)).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>New terms only; ON CONFLICT keeps two nodes indexing at once from failing (same SQL on both providers).</summary>
    private async Task AddTermsAsync(HashSet<string> terms, CancellationToken cancellationToken)
    {
        var candidates = terms.Where(t => t.Length is >= 2 and <= SearchTerm.MaxLength).ToList();
        foreach (var chunk in candidates.Chunk(500))
        {
            var list = chunk.ToList();
            var known = await db.Set<SearchTerm>().Where(t => list.Contains(t.Term)).Select(t => t.Term).ToListAsync(cancellationToken);
            var missing = list.Except(known, StringComparer.Ordinal).ToList();
            if (missing.Count == 0)
            {
                continue;
            }

            var values = string.Join(", ", missing.Select((_, i) => $"({{{i}}}, {missing[i].Length.ToString(CultureInfo.InvariantCulture)})"));
            await db.Database.ExecuteSqlRawAsync(
                $"""INSERT INTO "SearchTerms" ("Term", "Length") VALUES {values} ON CONFLICT DO NOTHING""",
                missing.Cast<object>().ToArray(), cancellationToken);
        }
    }

    /// <summary>
    /// The terms similar items are found and ranked by: the title's words, then the body's most frequent words (the
    /// abstract and the full text say what an item is about), stop words and short words left out. Common words that
    /// slip through find many documents, but each term's candidates are a bounded range (SimilarItemsQuery).
    /// </summary>
    internal static string SimilarTermsOf(IReadOnlyList<string> titleTokens, IReadOnlyList<string> bodyTokens)
    {
        const int MaxTitleTerms = 8;
        const int MaxTerms = 14;
        static bool Telling(string term) => term.Length >= 4 && !GermanStopTerms.Contains(term);

        var chosen = titleTokens.Where(Telling).Distinct(StringComparer.Ordinal).Take(MaxTitleTerms).ToList();
        chosen.AddRange(bodyTokens.Where(Telling)
            .Select((term, position) => (term, position))
            .GroupBy(x => x.term, StringComparer.Ordinal)
            .Where(g => !chosen.Contains(g.Key))
            .OrderByDescending(g => g.Count()).ThenBy(g => g.First().position)
            .Take(MaxTerms - chosen.Count)
            .Select(g => g.Key));
        var text = new System.Text.StringBuilder();
        foreach (var term in chosen.Where(t => t.Length <= SearchTerm.MaxLength))
        {
            if (text.Length + term.Length + 1 > SearchDocument.SimilarTermsMaxLength)
            {
                break;
            }

            text.Append(text.Length == 0 ? "" : " ").Append(term);
        }

        return text.ToString();
    }

    /// <summary>Lucene's German stop words in their analysed form ("für" → "fur"), so they compare with the tokens.</summary>
    private static readonly HashSet<string> GermanStopTerms =
        [.. Lucene.Net.Analysis.De.GermanAnalyzer.DefaultStopSet.SelectMany(word => GermanAnalyzer.Shared.Analyse(word.ToString()).Tokens)];

    private static string IdList(IEnumerable<long> ids) => string.Join(',', ids.Select(id => id.ToString(CultureInfo.InvariantCulture)));

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..(max - 1)] + "…";

    /// <summary>The start of the body with whitespace collapsed, the text snippets are cut from.</summary>
    private static string PlainExcerpt(string body)
    {
        var builder = new System.Text.StringBuilder(Math.Min(body.Length, SearchDocument.ExcerptMaxLength + 1));
        var space = false;
        foreach (var c in body)
        {
            if (builder.Length > SearchDocument.ExcerptMaxLength)
            {
                break;
            }

            if (char.IsWhiteSpace(c))
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
#pragma warning restore EF1002
