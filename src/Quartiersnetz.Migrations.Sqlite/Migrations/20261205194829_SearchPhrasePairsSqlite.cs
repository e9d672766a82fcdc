using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Quartiersnetz.Migrations.Sqlite.Migrations
{
    /// <summary>
    /// SQLite only: the adjacent pairs of each document's title and body terms go into a contentless FTS5 table without
    /// positions, so a phrase's pairs are looked up like words (docs/adr/0005-german-search.md, addendum of session 29);
    /// PostgreSQL has its pairs since SearchPhrasePairs. The table is created IF NOT EXISTS because a new database gets it
    /// with the documents table (SearchSchema.SqliteStatements). The pairs of existing documents are computed here from
    /// their stored terms with the expression the indexer uses from now on (SearchSchema.SqlitePairs, copied: a
    /// migration keeps what it did when it was written); about two and a half minutes at national scale.
    /// </summary>
    public partial class SearchPhrasePairsSqlite : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE IF NOT EXISTS "SearchPairsFts" USING fts5("Pairs", content='', contentless_delete=1, detail=none, tokenize="unicode61 remove_diacritics 0 tokenchars '_'")
                """);
            migrationBuilder.Sql("""
                INSERT INTO "SearchPairsFts"(rowid, "Pairs")
                SELECT "Id", (SELECT group_concat("Pair", ' ') FROM (
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
                FROM "SearchDocuments"
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TABLE "SearchPairsFts" """);
        }
    }
}
