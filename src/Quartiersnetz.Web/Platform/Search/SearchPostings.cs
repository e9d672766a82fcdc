using System.Buffers;
using System.Data;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Hosting;

namespace Quartiersnetz.Platform.Search;

/// <summary>
/// PostgreSQL only: the ids of the documents that hold a frequent term, stored per term as one value (a posting list),
/// so a search for common words reads a few kilobytes instead of having PostgreSQL hand over tens of thousands of rows
/// from its GIN index (14 of ~21 ms for the most common word at national scale, whatever the client did;
/// docs/adr/0005-german-search.md, addendum of session 31).
/// <para>
/// The lists are rebuilt by <see cref="MergeAsync"/> from one snapshot; every document written or deleted after it is
/// in <see cref="ChangesTable"/>, with the vector it was written with (filled by triggers on the vectors table, so no
/// writer can forget it). A search takes the lists without the changed documents and adds those whose last change
/// matches, in one snapshot: the answer is the same as the GIN index's, and a change counts at once, on every node. A
/// merge folds the changes in and removes exactly the change rows its snapshot saw.
/// </para>
/// </summary>
internal static class SearchPostings
{
    public const string Table = "SearchPostings";

    public const string ChangesTable = "SearchPostingChanges";

    /// <summary>Terms in at least this many documents get a list (658 terms at national scale, ~1.3 ms each by GIN below it).</summary>
    public const int DefaultMinDocuments = 5000;

    /// <summary>
    /// With more change rows than this the lists are not used until the next merge (after a rebuild of the index every
    /// document is changed), and the triggers stop copying vectors into the change rows (the migration SearchPostings
    /// holds the same number).
    /// </summary>
    public const int MaxChanges = 1000;

    /// <summary>Keeps two nodes from merging at the same time (a session advisory lock); any constant unique to this use.</summary>
    private const long MergeLock = 0x5153_504F_5354_4C53; // "QSPOSTLS"

    /// <summary>
    /// The ids of the documents that match every word clause (one of its terms each), from the stored lists (terms
    /// without one from the GIN index); null when no term has a list or too many documents changed since the last
    /// merge, and the GIN index must answer as before. Runs inside the caller's REPEATABLE READ transaction, so lists,
    /// changes and index are one snapshot.
    /// </summary>
    public static async Task<MatchIds?> TryMatchAsync(QuartiersnetzDbContext db, IReadOnlyList<SearchClause> clauses, string tsQueryWords, CancellationToken cancellationToken)
    {
        var terms = clauses.SelectMany(c => c.Terms).Distinct(StringComparer.Ordinal).ToArray();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction();
        var lists = new Dictionary<string, MatchIds>(StringComparer.Ordinal);
        try
        {
            // Each changed document's last change decides (its changes are ordered: each waited for the one before to
            // commit): removed, or written with a vector; the vectors of the changes are matched by their own GIN index,
            // so no document's vector is read from TOAST (0.1 ms each for a publication at national scale).
            var last = new Dictionary<long, (long Seq, bool Removed)>();
            var changeRows = 0;
            var unmatchable = false; // a written document whose vector the trigger did not copy (see the migration)
            await using (var batch = new NpgsqlBatch(connection, transaction))
            {
                batch.BatchCommands.Add(Command($"""SELECT "Term", "Ids" FROM "{Table}" WHERE "Term" = ANY($1)""", terms));
                batch.BatchCommands.Add(Command($"""SELECT "Seq", "DocumentId", "Removed", "Vector" IS NULL FROM "{ChangesTable}" ORDER BY "Seq" LIMIT $1""", MaxChanges + 1));
                await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    lists[reader.GetString(0)] = Decode(reader, 1);
                }

                await reader.NextResultAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    changeRows++;
                    var (seq, document, removed) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetBoolean(2));
                    unmatchable |= !removed && reader.GetBoolean(3);
                    if (!last.TryGetValue(document, out var known) || known.Seq < seq)
                    {
                        last[document] = (seq, removed);
                    }
                }
            }

            if (lists.Count == 0 || changeRows > MaxChanges || unmatchable)
            {
                return null;
            }

            // Terms without a list are rare (or typo candidates' misspelt word, in no document): their ids come from the
            // GIN index as they are now, each sorted like a list. Changed documents among them are decided below by their
            // last change like every other changed document, so mixing the two stays exact.
            // Changed documents that still exist are matched by the vectors of their changes, through that table's own
            // GIN index. Sequential scans "off" only now: the plain read above has no index to take, and with them off
            // its estimate grew past the JIT threshold (100 ms of compiling per search); these matches must take the
            // indexes whatever the statistics say (a scan would read every vector from TOAST).
            var unlisted = terms.Where(t => !lists.ContainsKey(t)).ToList();
            var anyWritten = last.Values.Any(change => !change.Removed);
            var matchingChanges = new HashSet<long>();
            if (unlisted.Count > 0 || anyWritten)
            {
                await using var batch = new NpgsqlBatch(connection, transaction);
                batch.BatchCommands.Add(new NpgsqlBatchCommand("SET LOCAL enable_seqscan = off"));
                foreach (var term in unlisted)
                {
                    batch.BatchCommands.Add(Command($"""SELECT "Id" FROM "{SearchSchema.VectorsTable}" WHERE "Vector" @@ $1::tsquery ORDER BY "Id" """, $"'{term}'"));
                }

                if (anyWritten)
                {
                    batch.BatchCommands.Add(Command($"""SELECT "Seq" FROM "{ChangesTable}" WHERE "Vector" @@ to_tsquery('simple', $1)""", tsQueryWords));
                }

                await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
                for (var i = 0; i < unlisted.Count; i++)
                {
                    var ids = new MatchIds();
                    lists[unlisted[i]] = ids;
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        ids.Add(reader.GetInt64(0));
                    }

                    await reader.NextResultAsync(cancellationToken);
                }

                while (anyWritten && await reader.ReadAsync(cancellationToken))
                {
                    matchingChanges.Add(reader.GetInt64(0));
                }
            }

            var changed = last.Keys.ToArray();
            Array.Sort(changed);
            var matches = new MatchIds();
            using (var combined = Combine(clauses, lists))
            {
                // The lists' ids without every changed document; those count as their last change says.
                var next = 0;
                foreach (var id in combined.Span)
                {
                    while (next < changed.Length && changed[next] < id)
                    {
                        next++;
                    }

                    if (next == changed.Length || changed[next] != id)
                    {
                        matches.Add(id);
                    }
                }
            }

            foreach (var (document, (seq, removed)) in last)
            {
                if (!removed && matchingChanges.Contains(seq))
                {
                    matches.Add(document);
                }
            }

            return matches;
        }
        finally
        {
            foreach (var list in lists.Values)
            {
                list.Dispose();
            }
        }
    }

    /// <summary>
    /// Rebuilds every list from one snapshot and removes the change rows that snapshot saw (rows committed later stay,
    /// so no change is lost to a merge running beside a writer). With <paramref name="minDocuments"/> the terms are chosen
    /// afresh (every term in at least that many documents, by a pass over all vectors: 8 s at national scale); without,
    /// the terms that have lists keep them. Returns the number of lists, or null when another node is merging.
    /// </summary>
    public static async Task<int?> MergeAsync(QuartiersnetzDbContext db, int? minDocuments, bool waitForOtherNode, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var locked = false;
        try
        {
            // A session lock, taken before the transaction: the snapshot must be taken after the other node's merge has
            // committed, or this merge's writes to the same lists fail to serialize.
            locked = await ScalarAsync<bool>(
                connection, null, waitForOtherNode ? "SELECT true FROM (SELECT pg_advisory_lock($1)) AS l" : "SELECT pg_try_advisory_lock($1)", cancellationToken, MergeLock);
            if (!locked)
            {
                return null;
            }

            await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
            var npgsqlTransaction = (NpgsqlTransaction)transaction.GetDbTransaction();

            // The first statement fixes the snapshot of the whole merge: the terms, every list, the change rows removed.
            var terms = new List<string>();
            var (sql, parameter) = minDocuments is { } min
                ? ($"""SELECT word FROM ts_stat('SELECT "Vector" FROM "{SearchSchema.VectorsTable}"') WHERE ndoc >= $1 ORDER BY word""", (object)min)
                : ($"""SELECT "Term" FROM "{Table}" ORDER BY "Term" """, null!);
            await using (var command = new NpgsqlCommand(sql, connection, npgsqlTransaction))
            {
                if (parameter is not null)
                {
                    command.Parameters.Add(new NpgsqlParameter { Value = parameter });
                }

                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    terms.Add(reader.GetString(0));
                }
            }

            // Each list by the GIN index, as a search reads it (see SearchService.MatchAsync for why not by scan).
            await using (var command = new NpgsqlCommand("SET LOCAL enable_seqscan = off", connection, npgsqlTransaction))
            {
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            // A merge keeps the time the terms were chosen; choosing them again renews it (database time, as for the changes).
            var selectedAtUtc = await ScalarAsync<DateTime?>(connection, npgsqlTransaction, minDocuments is null
                ? $"""SELECT coalesce(min("SelectedAtUtc"), now()) FROM "{Table}" """
                : "SELECT now()", cancellationToken);
            foreach (var term in terms)
            {
                using var ids = new MatchIds();
                await using (var command = new NpgsqlCommand(
                    $"""SELECT "Id" FROM "{SearchSchema.VectorsTable}" WHERE "Vector" @@ $1::tsquery ORDER BY "Id" """, connection, npgsqlTransaction))
                {
                    command.Parameters.Add(new NpgsqlParameter { Value = $"'{term}'" });
                    await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        ids.Add(reader.GetInt64(0));
                    }
                }

                var encoded = Encode(ids.Memory.Span, out var length);
                try
                {
                    await using var upsert = new NpgsqlCommand(
                        $"""
                        INSERT INTO "{Table}" ("Term", "Documents", "Ids", "SelectedAtUtc") VALUES ($1, $2, $3, $4)
                        ON CONFLICT ("Term") DO UPDATE SET "Documents" = excluded."Documents", "Ids" = excluded."Ids", "SelectedAtUtc" = excluded."SelectedAtUtc"
                        """, connection, npgsqlTransaction);
                    upsert.Parameters.Add(new NpgsqlParameter { Value = term });
                    upsert.Parameters.Add(new NpgsqlParameter { Value = ids.Count });
                    upsert.Parameters.Add(new NpgsqlParameter { Value = new ArraySegment<byte>(encoded, 0, length), NpgsqlDbType = NpgsqlDbType.Bytea });
                    upsert.Parameters.Add(new NpgsqlParameter { Value = selectedAtUtc!.Value });
                    await upsert.ExecuteNonQueryAsync(cancellationToken);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(encoded);
                }
            }

            await using (var command = new NpgsqlCommand($"""DELETE FROM "{Table}" WHERE NOT ("Term" = ANY($1))""", connection, npgsqlTransaction))
            {
                command.Parameters.Add(new NpgsqlParameter { Value = terms.ToArray() });
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            // REPEATABLE READ: this deletes only the rows the snapshot above saw, i.e. the changes the lists now hold.
            await using (var command = new NpgsqlCommand($"""DELETE FROM "{ChangesTable}" """, connection, npgsqlTransaction))
            {
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);

            // Every search reads the change rows: left to autovacuum, the dead rows of the changes just folded in (90,000
            // after a rebuild of the index) cost each search a scan of their pages — 15 ms at national scale. The lists
            // were all written anew, too.
            await using (var vacuum = new NpgsqlCommand($"""VACUUM "{ChangesTable}", "{Table}" """, connection))
            {
                await vacuum.ExecuteNonQueryAsync(cancellationToken);
            }

            return terms.Count;
        }
        finally
        {
            if (locked && connection.State == ConnectionState.Open)
            {
                // A broken connection has lost the lock with its session; the pool does not hand it out again.
                await ScalarAsync<bool>(connection, null, "SELECT pg_advisory_unlock($1)", CancellationToken.None, MergeLock);
            }

            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// What decides whether a merge is due: the changes since the last one (counted up to <see cref="MaxChanges"/> + 1),
    /// the age of the oldest, the number of lists and how long ago their terms were chosen — ages in the database's time.
    /// </summary>
    internal sealed record State(int Changes, double? OldestChangeSeconds, int Lists, double? SelectedSeconds);

    public static async Task<State> ReadStateAsync(QuartiersnetzDbContext db, CancellationToken cancellationToken) =>
        (await db.Database.SqlQueryRaw<State>(
            $"""
            SELECT (SELECT count(*)::int FROM (SELECT 1 FROM "{ChangesTable}" LIMIT {MaxChanges + 1}) AS c) AS "Changes",
                   (SELECT extract(epoch FROM now() - min("ChangedAtUtc"))::float8 FROM "{ChangesTable}") AS "OldestChangeSeconds",
                   (SELECT count(*)::int FROM "{Table}") AS "Lists",
                   (SELECT extract(epoch FROM now() - min("SelectedAtUtc"))::float8 FROM "{Table}") AS "SelectedSeconds"
            """).ToListAsync(cancellationToken))[0];

    /// <summary>Sorted ids as the gaps between them, seven bits a byte (LEB128): a common word's 55,000 ids in ~60 KB.</summary>
    internal static byte[] Encode(ReadOnlySpan<long> sortedIds, out int length)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(16, sortedIds.Length * 2));
        length = 0;
        var previous = 0L;
        foreach (var id in sortedIds)
        {
            if (length + 10 > buffer.Length)
            {
                var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                buffer.AsSpan(0, length).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = larger;
            }

            var gap = (ulong)(id - previous);
            previous = id;
            while (gap >= 0x80)
            {
                buffer[length++] = (byte)(gap | 0x80);
                gap >>= 7;
            }

            buffer[length++] = (byte)gap;
        }

        return buffer;
    }

    internal static MatchIds Decode(ReadOnlySpan<byte> encoded)
    {
        var list = new MatchIds(encoded.Length);
        var previous = 0L;
        var gap = 0UL;
        var shift = 0;
        foreach (var b in encoded)
        {
            gap |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                previous += (long)gap;
                list.Add(previous);
                gap = 0;
                shift = 0;
            }
            else
            {
                shift += 7;
            }
        }

        return list;
    }

    private static MatchIds Decode(NpgsqlDataReader reader, int ordinal)
    {
        var length = (int)reader.GetBytes(ordinal, 0, null, 0, 0);
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(1, length));
        try
        {
            reader.GetBytes(ordinal, 0, buffer, 0, length);
            return Decode(buffer.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Every clause: any of its terms (union); all clauses (intersection). Sorted in, sorted out.</summary>
    internal static MatchIds Combine(IReadOnlyList<SearchClause> clauses, IReadOnlyDictionary<string, MatchIds> lists)
    {
        MatchIds? result = null;
        foreach (var clause in clauses)
        {
            MatchIds? any = null;
            foreach (var term in clause.Terms.Distinct(StringComparer.Ordinal))
            {
                var next = any is null ? MatchIds.Copy(lists[term].Span) : MatchIds.Union(any.Span, lists[term].Span);
                any?.Dispose();
                any = next;
            }

            if (any is null)
            {
                continue;
            }

            if (result is null)
            {
                result = any;
            }
            else
            {
                var both = MatchIds.Intersect(result.Span, any.Span);
                result.Dispose();
                any.Dispose();
                result = both;
            }
        }

        return result ?? new MatchIds(0);
    }

    private static NpgsqlBatchCommand Command(string sql, object value) => new(sql) { Parameters = { new NpgsqlParameter { Value = value } } };

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken, object? parameter = null)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        if (parameter is not null)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is null or DBNull ? default! : (T)value;
    }
}

/// <summary>
/// Keeps the lists of <see cref="SearchPostings"/> current on PostgreSQL, on every node (one merges at a time): merges
/// when 200 documents changed or the oldest change is ten minutes old, and chooses the terms again once a day (when no
/// term was frequent enough, each node tries again after a day, too). Checked every 30 seconds.
/// </summary>
internal sealed partial class SearchPostingsJob(
    IServiceScopeFactory scopes, DatabaseSettings database, IConfiguration configuration, BackgroundStart start, ILogger<SearchPostingsJob> logger)
    : PollingJob(logger, start)
{
    public const string MinDocumentsSetting = "Search:PostingMinDocuments";

    private const int MergeAtChanges = 200;
    private static readonly TimeSpan MaxChangeAge = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan ChooseTermsEvery = TimeSpan.FromDays(1);

    private readonly int minDocuments = configuration.GetValue(MinDocumentsSetting, SearchPostings.DefaultMinDocuments);
    private long? choseNoTermsAt;

    protected override async Task RunPassAsync(CancellationToken stoppingToken)
    {
        if (database.Provider != DatabaseProvider.Postgres)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        var state = await SearchPostings.ReadStateAsync(db, stoppingToken);
        var (merge, chooseTerms) = Decide(state, choseNoTermsAt is { } at ? TimeSpan.FromMilliseconds(Environment.TickCount64 - at) : null);
        if (!merge)
        {
            return;
        }

        var lists = await SearchPostings.MergeAsync(db, chooseTerms ? minDocuments : null, waitForOtherNode: false, stoppingToken);
        if (lists is { } count)
        {
            choseNoTermsAt = chooseTerms && count == 0 ? Environment.TickCount64 : choseNoTermsAt;
            LogMerged(logger, count, state.Changes, chooseTerms);
        }
    }

    /// <summary>
    /// Whether a merge is due, and whether it chooses the terms again: when none were chosen yet (or none qualified, a
    /// day ago), when they were chosen a day ago, at 200 changes, or when the oldest change is ten minutes old.
    /// </summary>
    internal static (bool Merge, bool ChooseTerms) Decide(SearchPostings.State state, TimeSpan? sinceNoTermsQualified)
    {
        var chooseTerms = state.Lists == 0
            ? sinceNoTermsQualified is not { } since || since > ChooseTermsEvery
            : state.SelectedSeconds > ChooseTermsEvery.TotalSeconds;
        return (chooseTerms || state.Changes >= MergeAtChanges || state.OldestChangeSeconds > MaxChangeAge.TotalSeconds, chooseTerms);
    }

    protected override Task WaitAsync(CancellationToken stoppingToken) => Task.Delay(TimeSpan.FromSeconds(30), stoppingToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Search postings: {Lists} lists rebuilt with {Changes} changed documents folded in (terms chosen afresh: {ChoseTerms})")]
    private static partial void LogMerged(ILogger logger, int lists, int changes, bool choseTerms);
}
