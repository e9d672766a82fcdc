using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Sqlite.Migrations.Internal;

namespace Quartiersnetz.Platform.Search;

/// <summary>
/// The provider-specific full-text structures beside the search documents table (docs/adr/0005-german-search.md).
/// SQLite's is created by the migration that creates the table: the SQL generator below adds it to its CREATE TABLE,
/// so a regenerated migration keeps it without hand-written SQL. PostgreSQL's vector table came later, with a
/// migration of its own.
/// </summary>
internal static class SearchSchema
{
    public const string DocumentsTable = "SearchDocuments";

    /// <summary>SQLite: FTS5 table over the analysed terms, external content (the terms are stored once, in SearchDocuments).</summary>
    public const string FtsTable = "SearchDocumentsFts";

    /// <summary>
    /// SQLite: the adjacent pairs of each document's title and body terms ("a_b", see <see cref="SqlitePairs"/>) in a
    /// contentless FTS5 table without positions (rowid = the document's id), for phrases
    /// (<see cref="SearchClause.Pairs"/>): a phrase's pairs are then looked up like words, where a positional phrase
    /// query checked the positions of each pair in every document that has both of its words (32–36 instead of 20 ms
    /// for the bench phrase at national scale). Created with the documents table for a new database and by the
    /// migration SearchPhrasePairsSqlite for an existing one (hence IF NOT EXISTS).
    /// </summary>
    public const string PairsTable = "SearchPairsFts";

    public static readonly string[] SqliteStatements =
    [
        $"""CREATE VIRTUAL TABLE "{FtsTable}" USING fts5("TitleTokens", "BodyTokens", "PartTokens", content='{DocumentsTable}', content_rowid='Id', tokenize='unicode61 remove_diacritics 0')""",
        $"""CREATE VIRTUAL TABLE IF NOT EXISTS "{PairsTable}" USING fts5("Pairs", content='', contentless_delete=1, detail=none, tokenize="unicode61 remove_diacritics 0 tokenchars '_'")""",
    ];

    /// <summary>
    /// SQLite: a document's pairs as the text of <see cref="PairsTable"/>, over the columns of "SearchDocuments": the
    /// same pairs as <see cref="PostgresPairs"/> (title and body apart, the first 1,000,000 bytes of different pairs in
    /// the order they first occur), joined by '_' (a token character of that table only; terms are [a-z0-9]) instead
    /// of a space. The terms are split by reading them as a JSON array. The migration SearchPhrasePairsSqlite fills
    /// existing documents with a copy of it.
    /// </summary>
    public const string SqlitePairs = """
        (SELECT group_concat("Pair", ' ') FROM (
            SELECT "Pair", sum(length(CAST("Pair" AS BLOB))) OVER (ORDER BY "First", "Pair") AS "Bytes" FROM (
                SELECT "Pair", min("At") AS "First" FROM (
                    SELECT "Word" || '_' || lead("Word") OVER (PARTITION BY "At" >= 1000000000 ORDER BY "At") AS "Pair", "At" FROM (
                        SELECT value AS "Word", key AS "At" FROM json_each('["' || replace("TitleTokens", ' ', '","') || '"]') WHERE value <> ''
                        UNION ALL
                        SELECT value, key + 1000000000 FROM json_each('["' || replace("BodyTokens", ' ', '","') || '"]') WHERE value <> ''
                    )
                )
                WHERE "Pair" IS NOT NULL
                GROUP BY "Pair"
            )
        )
        WHERE "Bytes" <= 1000000)
        """;

    /// <summary>
    /// PostgreSQL: the tsvector of each document in a narrow table of its own (Id, Vector), GIN-indexed, written by the
    /// indexer with <see cref="PostgresVector"/>; created by the migration SearchVectorsTable. A match reads this
    /// table's pages, not the wide document rows (a common word: 5,300 pages instead of 13,700 at national scale).
    /// </summary>
    public const string VectorsTable = "SearchVectors";

    /// <summary>
    /// The same analysed terms with the <c>simple</c> configuration (the German analysis is already done), weighted A
    /// title, B body, C compound parts. Over the columns of "SearchDocuments".
    /// </summary>
    public const string PostgresVector = """setweight(to_tsvector('simple'::regconfig, "TitleTokens"), 'A') || setweight(to_tsvector('simple'::regconfig, "BodyTokens"), 'B') || setweight(to_tsvector('simple'::regconfig, "PartTokens"), 'C')""";

    /// <summary>
    /// PostgreSQL: the adjacent pairs of the title's and of the body's terms ("a b", never one across the two), without
    /// positions, for phrases (<see cref="SearchClause.Pairs"/>): a phrase is then answered by the GIN index alone,
    /// where a positional tsquery recheck read every candidate's vector. The same expression fills existing rows in the
    /// migration SearchPhrasePairs. A tsvector holds at most 1 MB of lexemes, so pairs are kept in order of their first
    /// occurrence up to 1,000,000 bytes (about 60,000 different pairs; a phrase later in a longer text is not found on
    /// PostgreSQL — the positional vector used before lost phrases after 16,383 words).
    /// </summary>
    public const string PostgresPairs = """
        array_to_tsvector(ARRAY(
            SELECT "Pair" FROM (
                SELECT "Pair", sum(octet_length("Pair")) OVER (ORDER BY "First", "Pair") AS "Bytes" FROM (
                    SELECT "Pair", min("At") AS "First" FROM (
                        SELECT "Word" || ' ' || lead("Word") OVER (PARTITION BY "At" >= 1000000000 ORDER BY "At") AS "Pair", "At" FROM (
                            SELECT "Word", "At" FROM unnest(string_to_array("TitleTokens", ' ')) WITH ORDINALITY AS title("Word", "At")
                            UNION ALL
                            SELECT "Word", "At" + 1000000000 FROM unnest(string_to_array("BodyTokens", ' ')) WITH ORDINALITY AS body("Word", "At")
                        ) AS words
                    ) AS adjacent
                    WHERE "Pair" IS NOT NULL
                    GROUP BY "Pair"
                ) AS first_seen
            ) AS counted
            WHERE "Bytes" <= 1000000))
        """;

    public static void Append(MigrationCommandListBuilder builder, ISqlGenerationHelper helper, IEnumerable<string> statements)
    {
        foreach (var statement in statements)
        {
            builder.Append(statement).AppendLine(helper.StatementTerminator);
            builder.EndCommand();
        }
    }
}

#pragma warning disable EF1001 // The providers' generators are public but live in "Internal" namespaces; subclassing them is the supported way to add SQL.
internal sealed class SqliteSearchMigrationsSqlGenerator(MigrationsSqlGeneratorDependencies dependencies, IRelationalAnnotationProvider annotations)
    : SqliteMigrationsSqlGenerator(dependencies, annotations)
{
    protected override void Generate(CreateTableOperation operation, IModel? model, MigrationCommandListBuilder builder, bool terminate = true)
    {
        base.Generate(operation, model, builder, terminate);
        if (operation.Name == SearchSchema.DocumentsTable && terminate)
        {
            SearchSchema.Append(builder, Dependencies.SqlGenerationHelper, SearchSchema.SqliteStatements);
        }
    }
}
#pragma warning restore EF1001
