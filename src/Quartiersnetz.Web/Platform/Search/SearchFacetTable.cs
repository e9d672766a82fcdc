using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.EntityFrameworkCore;
using Quartiersnetz.Data;

namespace Quartiersnetz.Platform.Search;

/// <summary>
/// What facet counting and the order of hits need of every search document, held in memory: audience range, kind,
/// year, municipality, Regierungsbezirk, subtype, topics, title length and title terms (docs/adr/0005, addendum of
/// December 2026). The database only finds the matching ids in its full-text index; counting the facets of the 40,000
/// matches of a common word takes about a millisecond here, where the GROUP BYs and topic lookups in SQL took 150 ms.
/// <para>
/// A document never changes under its id (re-indexing deletes the row and writes a new one), so what the table holds
/// is never stale, only incomplete: ids a search meets for the first time are read then. Rows of deleted documents
/// stay until the next full read and are never counted, because the full-text index no longer finds them. This
/// assumes that the database is not exchanged under a running app (a restored backup would reuse ids), as every kept
/// page of ADR 0004 does.
/// </para>
/// </summary>
internal sealed class SearchFacetTable : IDisposable
{
    /// <summary>Unknown ids up to this number are read by id; more (after a rebuild of the index) mean a full read.</summary>
    private const int MaxReadById = 2000;

    private readonly SemaphoreSlim gate = new(1, 1);
    private volatile Snapshot? current;

    /// <summary>The table as last read, or null before the first read; a search counts with it and covers only when it misses ids.</summary>
    public Snapshot? Current => current;

    /// <summary>A table that knows every id of <paramref name="ids"/> that still exists, read from the database if needed.</summary>
    public async Task<Snapshot> CoverAsync(QuartiersnetzDbContext db, ReadOnlyMemory<long> ids, CancellationToken cancellationToken)
    {
        var snapshot = current;
        if (snapshot is not null && !snapshot.MissesAny(ids.Span))
        {
            return snapshot;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            snapshot = current;
            var missing = snapshot is null ? [] : snapshot.Missing(ids.Span);
            if (snapshot is not null && missing.Count == 0)
            {
                return snapshot;
            }

            // Reading everything again also drops the rows of deleted documents; reading by id keeps the others.
            snapshot = snapshot is null || missing.Count > MaxReadById || snapshot.ReadSinceFullRead + missing.Count > snapshot.Size / 2
                ? new Snapshot(await ReadAsync(db, null, cancellationToken), null)
                : new Snapshot(await ReadAsync(db, missing, cancellationToken), snapshot);
            current = snapshot;
            return snapshot;
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose() => gate.Dispose();

    private static async Task<List<Row>> ReadAsync(QuartiersnetzDbContext db, List<long>? ids, CancellationToken cancellationToken)
    {
        var documents = db.Set<SearchDocument>().AsNoTracking();
        var topics = db.Set<SearchDocumentTopic>().AsNoTracking();
        if (ids is not null)
        {
            documents = documents.Where(d => ids.Contains(d.Id));
            topics = topics.Where(t => ids.Contains(t.DocumentId));
        }

        var rows = await documents
            .Select(d => new Row(d.Id, d.MinAudience, d.MaxAudience, d.Kind, d.Year, d.MunicipalityAgs, d.RegionCode, d.SubtypeKey, d.Title.Length, d.TitleTokens))
            .ToListAsync(cancellationToken);

        // A document and its topics are written in one transaction: a document read above has all its topics committed.
        // Topics of a document written after that read belong to no row here and are left out with it.
        var byDocument = (await topics.Select(t => new { t.DocumentId, t.TopicSlug }).ToListAsync(cancellationToken))
            .ToLookup(t => t.DocumentId, t => t.TopicSlug);
        foreach (var row in rows)
        {
            row.Topics = [.. byDocument[row.Id]];
        }

        return rows;
    }

    internal sealed record Row(
        long Id,
        SearchAudience MinAudience,
        SearchAudience MaxAudience,
        string Kind,
        int? Year,
        string? MunicipalityAgs,
        string? RegionCode,
        string? SubtypeKey,
        int TitleLength,
        string TitleTokens)
    {
        public IReadOnlyList<string> Topics { get; set; } = [];
    }

    /// <summary>The facet counts, the total and the ids of the requested page, in the order of hits.</summary>
    /// <param name="Unknown">Ids the table does not hold (new documents, or deleted since the match): cover them and count again.</param>
    internal sealed record Counted(long Total, IReadOnlyDictionary<string, IReadOnlyList<FacetCount>> Facets, IReadOnlyList<long> Page, int Unknown);

    /// <summary>One state of the table; never changed once built, so searches read it without locks.</summary>
    internal sealed class Snapshot
    {
        private const int KindBit = 1;
        private const int TopicBit = 2;
        private const int MunicipalityBit = 4;
        private const int RegionBit = 8;
        private const int YearBit = 16;
        private const int TypeBit = 32;

        // The order of hits, the same on both providers and cheap at any number of matches: documents with a searched
        // word in their title first, shorter titles before longer ones (the word is more of what the title says); then
        // the newest year (none last), then the newest document. Not bm25 or ts_rank: both score every match from its
        // position lists or vector, seconds for a common word at 300 MB of text (docs/adr/0005). As one sort key,
        // ascending: 10 bits title rank (the title's length, or "not in the title"), 13 bits year, 41 bits the id.
        private const int IdBits = 41;
        private const ulong IdMask = (1UL << IdBits) - 1;
        private const int YearBits = 13;
        private const int NoYear = (1 << YearBits) - 1;
        private const int NotInTitle = (1 << 10) - 1;

        private readonly Dictionary<long, Entry> entries;
        private readonly Codes kinds;
        private readonly Codes topics;
        private readonly Codes municipalities;
        private readonly Codes regions;
        private readonly Codes years;
        private readonly Codes types;
        private readonly Codes titleTerms;

        public Snapshot(IReadOnlyList<Row> rows, Snapshot? previous)
        {
            entries = previous is null ? new Dictionary<long, Entry>(rows.Count) : new Dictionary<long, Entry>(previous.entries);
            kinds = Codes.From(previous?.kinds);
            topics = Codes.From(previous?.topics);
            municipalities = Codes.From(previous?.municipalities);
            regions = Codes.From(previous?.regions);
            years = Codes.From(previous?.years);
            types = Codes.From(previous?.types);
            titleTerms = Codes.From(previous?.titleTerms);
            ReadSinceFullRead = previous is null ? 0 : previous.ReadSinceFullRead + rows.Count;
            foreach (var row in rows)
            {
                // Topic codes first, then the title's term codes, in one array per document.
                var terms = row.TitleTokens.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var lists = new int[row.Topics.Count + terms.Length];
                for (var i = 0; i < row.Topics.Count; i++)
                {
                    lists[i] = topics.Of(row.Topics[i]);
                }

                for (var i = 0; i < terms.Length; i++)
                {
                    lists[row.Topics.Count + i] = titleTerms.Of(terms[i]);
                }

                entries[row.Id] = new Entry(
                    (byte)row.MinAudience,
                    (byte)row.MaxAudience,
                    kinds.Of(row.Kind),
                    row.Year is { } year ? Math.Clamp(year, 0, NoYear - 1) : NoYear,
                    row.Year is { } y ? years.Of(y.ToString(CultureInfo.InvariantCulture)) : -1,
                    municipalities.Of(row.MunicipalityAgs),
                    regions.Of(row.RegionCode),
                    types.Of(row.SubtypeKey),
                    Math.Min(row.TitleLength, NotInTitle - 1),
                    row.Topics.Count,
                    lists);
            }
        }

        public int Size => entries.Count;

        /// <summary>Rows read by id since the table was last read whole (some may belong to documents deleted since).</summary>
        public int ReadSinceFullRead { get; }

        public bool MissesAny(ReadOnlySpan<long> ids)
        {
            foreach (var id in ids)
            {
                if (!entries.ContainsKey(id))
                {
                    return true;
                }
            }

            return false;
        }

        public List<long> Missing(ReadOnlySpan<long> ids)
        {
            var missing = new List<long>();
            foreach (var id in ids)
            {
                if (!entries.ContainsKey(id))
                {
                    missing.Add(id);
                }
            }

            return missing;
        }

        /// <summary>
        /// Counts the matches an audience may see. Each facet is counted with the other facets' choices applied, not its
        /// own, so a checked box does not hide its alternatives; the total and the page have all choices applied.
        /// </summary>
        public Counted Count(ReadOnlySpan<long> ids, SearchAudience audience, SearchRequest request, IReadOnlySet<string> searchedTerms, int skip, int take)
        {
            var kindAllowed = kinds.Allowed(request.Kinds);
            var topicAllowed = topics.Allowed(request.Topics);
            var municipalityAllowed = municipalities.Allowed(request.Municipalities);
            var regionAllowed = regions.Allowed(request.Regions);
            var yearAllowed = years.Allowed([.. request.Years.Select(y => y.ToString(CultureInfo.InvariantCulture))]);
            var typeAllowed = types.Allowed(request.Types);
            var inTitle = searchedTerms.Select(titleTerms.Find).Where(c => c >= 0).ToArray();

            var kindCounts = new long[kinds.Count];
            var topicCounts = new long[topics.Count];
            var municipalityCounts = new long[municipalities.Count];
            var regionCounts = new long[regions.Count];
            var yearCounts = new long[years.Count];
            var typeCounts = new long[types.Count];
            // The first skip + take hits in order: the largest kept key on top, so most matches are one comparison.
            var wanted = skip + take;
            var best = new PriorityQueue<ulong, ulong>(Math.Min(wanted, ids.Length) + 1);
            var total = 0L;
            var unknown = 0;
            var viewer = (byte)audience;
            foreach (var id in ids)
            {
                ref readonly var e = ref CollectionsMarshal.GetValueRefOrNullRef(entries, id);
                if (Unsafe.IsNullRef(in e))
                {
                    unknown++;
                    continue;
                }

                if (e.MinAudience > viewer || e.MaxAudience < viewer)
                {
                    continue;
                }

                var failed = 0;
                if (kindAllowed is not null && !Allows(kindAllowed, e.Kind))
                {
                    failed |= KindBit;
                }

                if (topicAllowed is not null && !e.HasTopicIn(topicAllowed))
                {
                    failed |= TopicBit;
                }

                if (municipalityAllowed is not null && !Allows(municipalityAllowed, e.Municipality))
                {
                    failed |= MunicipalityBit;
                }

                if (regionAllowed is not null && !Allows(regionAllowed, e.Region))
                {
                    failed |= RegionBit;
                }

                if (yearAllowed is not null && !Allows(yearAllowed, e.YearCode))
                {
                    failed |= YearBit;
                }

                if (typeAllowed is not null && !Allows(typeAllowed, e.Type))
                {
                    failed |= TypeBit;
                }

                // A match that fails two choices is counted nowhere; one that fails one only in that choice's facet.
                if ((failed & (failed - 1)) != 0)
                {
                    continue;
                }

                if (failed == 0)
                {
                    var rank = e.HasTitleTermIn(inTitle) ? e.TitleLength : NotInTitle;
                    var year = e.Year == NoYear ? NoYear : NoYear - 1 - e.Year;
                    var key = ((ulong)rank << (YearBits + IdBits)) | ((ulong)year << IdBits) | (IdMask - ((ulong)id & IdMask));
                    total++;
                    if (best.Count < wanted)
                    {
                        best.Enqueue(key, ~key);
                    }
                    else if (wanted > 0 && key < best.Peek())
                    {
                        best.EnqueueDequeue(key, ~key);
                    }
                }

                if (failed is 0 or KindBit && e.Kind >= 0)
                {
                    kindCounts[e.Kind]++;
                }

                if (failed is 0 or TopicBit)
                {
                    for (var i = 0; i < e.TopicCount; i++)
                    {
                        topicCounts[e.Lists[i]]++;
                    }
                }

                if (failed is 0 or MunicipalityBit && e.Municipality >= 0)
                {
                    municipalityCounts[e.Municipality]++;
                }

                if (failed is 0 or RegionBit && e.Region >= 0)
                {
                    regionCounts[e.Region]++;
                }

                if (failed is 0 or YearBit && e.YearCode >= 0)
                {
                    yearCounts[e.YearCode]++;
                }

                if (failed is 0 or TypeBit && e.Type >= 0)
                {
                    typeCounts[e.Type]++;
                }
            }

            var first = new ulong[best.Count];
            for (var i = first.Length - 1; i >= 0; i--)
            {
                first[i] = best.Dequeue();
            }

            var page = first.Skip(skip).Select(k => (long)(IdMask - (k & IdMask))).ToList();
            var facets = new Dictionary<string, IReadOnlyList<FacetCount>>(StringComparer.Ordinal)
            {
                [SearchFacets.Kind] = kinds.Counts(kindCounts),
                [SearchFacets.Topic] = topics.Counts(topicCounts),
                [SearchFacets.Municipality] = municipalities.Counts(municipalityCounts),
                [SearchFacets.Region] = regions.Counts(regionCounts),
                [SearchFacets.Year] = years.Counts(yearCounts),
                [SearchFacets.Type] = types.Counts(typeCounts),
            };
            return new Counted(total, facets, page, unknown);
        }

        private static bool Allows(bool[] allowed, int code) => code >= 0 && code < allowed.Length && allowed[code];
    }

    /// <param name="Year">The year clamped for the sort key, or the "no year" value.</param>
    /// <param name="YearCode">The year's facet value code, -1 for none.</param>
    /// <param name="Lists">The topics' codes (the first <paramref name="TopicCount"/>), then the title terms' codes.</param>
    private readonly record struct Entry(
        byte MinAudience,
        byte MaxAudience,
        int Kind,
        int Year,
        int YearCode,
        int Municipality,
        int Region,
        int Type,
        int TitleLength,
        int TopicCount,
        int[] Lists)
    {
        public bool HasTopicIn(bool[] allowed)
        {
            for (var i = 0; i < TopicCount; i++)
            {
                if (Lists[i] < allowed.Length && allowed[Lists[i]])
                {
                    return true;
                }
            }

            return false;
        }

        public bool HasTitleTermIn(int[] codes)
        {
            for (var i = TopicCount; i < Lists.Length; i++)
            {
                if (Array.IndexOf(codes, Lists[i]) >= 0)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>The values of one facet (or the title terms) as small numbers: counting is then an array increment.</summary>
    private sealed class Codes
    {
        private readonly Dictionary<string, int> byValue;
        private readonly List<string> values;

        private Codes(Dictionary<string, int> byValue, List<string> values)
        {
            this.byValue = byValue;
            this.values = values;
        }

        public int Count => values.Count;

        /// <summary>A copy to add to (the previous snapshot's codes stay as they are for the searches reading it).</summary>
        public static Codes From(Codes? previous) => previous is null
            ? new Codes(new Dictionary<string, int>(StringComparer.Ordinal), [])
            : new Codes(new Dictionary<string, int>(previous.byValue, StringComparer.Ordinal), [.. previous.values]);

        public int Of(string? value)
        {
            if (value is null)
            {
                return -1;
            }

            if (!byValue.TryGetValue(value, out var code))
            {
                code = values.Count;
                byValue[value] = code;
                values.Add(value);
            }

            return code;
        }

        public int Find(string value) => byValue.TryGetValue(value, out var code) ? code : -1;

        /// <summary>Null when nothing was chosen (no filter); chosen values nobody has allow nothing.</summary>
        public bool[]? Allowed(IReadOnlyList<string> chosen)
        {
            if (chosen.Count == 0)
            {
                return null;
            }

            var allowed = new bool[values.Count];
            foreach (var value in chosen)
            {
                if (Find(value) is var code and >= 0)
                {
                    allowed[code] = true;
                }
            }

            return allowed;
        }

        /// <summary>The values with a count, most first, then by value.</summary>
        public IReadOnlyList<FacetCount> Counts(long[] counts) =>
        [
            .. counts.Select((count, code) => new FacetCount(values[code], count)).Where(c => c.Count > 0)
                .OrderByDescending(c => c.Count).ThenBy(c => c.Value, StringComparer.Ordinal),
        ];
    }
}
