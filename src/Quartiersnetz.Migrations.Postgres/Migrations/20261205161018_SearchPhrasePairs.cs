using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Quartiersnetz.Migrations.Postgres.Migrations
{
    /// <summary>
    /// PostgreSQL only: each search vector row gets the adjacent pairs of its document's title and body terms as a
    /// second, position-free tsvector with a GIN index of its own, so a phrase is answered by the index alone
    /// (docs/adr/0005-german-search.md, addendum of session 28). The pairs of existing documents are computed here from
    /// their stored terms with the expression the indexer uses from now on (SearchSchema.PostgresPairs, copied: a
    /// migration keeps what it did when it was written). SQLite's FTS5 answers the same pairs from its own index.
    /// </summary>
    public partial class SearchPhrasePairs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""ALTER TABLE "SearchVectors" ADD COLUMN "Pairs" tsvector NOT NULL DEFAULT ''::tsvector""");
            migrationBuilder.Sql("""
                UPDATE "SearchVectors" AS v SET "Pairs" = array_to_tsvector(ARRAY(
                    SELECT "Pair" FROM (
                        SELECT "Pair", sum(octet_length("Pair")) OVER (ORDER BY "First", "Pair") AS "Bytes" FROM (
                            SELECT "Pair", min("At") AS "First" FROM (
                                SELECT "Word" || ' ' || lead("Word") OVER (PARTITION BY "At" >= 1000000000 ORDER BY "At") AS "Pair", "At" FROM (
                                    SELECT "Word", "At" FROM unnest(string_to_array(d."TitleTokens", ' ')) WITH ORDINALITY AS title("Word", "At")
                                    UNION ALL
                                    SELECT "Word", "At" + 1000000000 FROM unnest(string_to_array(d."BodyTokens", ' ')) WITH ORDINALITY AS body("Word", "At")
                                ) AS words
                            ) AS adjacent
                            WHERE "Pair" IS NOT NULL
                            GROUP BY "Pair"
                        ) AS first_seen
                    ) AS counted
                    WHERE "Bytes" <= 1000000))
                FROM "SearchDocuments" AS d
                WHERE d."Id" = v."Id"
                """);
            migrationBuilder.Sql("""ALTER TABLE "SearchVectors" ALTER COLUMN "Pairs" DROP DEFAULT""");
            migrationBuilder.Sql("""CREATE INDEX "IX_SearchVectors_Pairs" ON "SearchVectors" USING GIN ("Pairs")""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX "IX_SearchVectors_Pairs" """);
            migrationBuilder.Sql("""ALTER TABLE "SearchVectors" DROP COLUMN "Pairs" """);
        }
    }
}
