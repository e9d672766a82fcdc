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
    /// The table is written anew rather than altered: with <c>toast_tuple_target = 128</c> even short vectors leave the
    /// heap for TOAST, so a common word's bitmap heap scan reads 3,200 instead of 5,800 pages at national scale (the
    /// GIN index never needs the vectors themselves), and an UPDATE of every row would leave the old versions behind.
    /// </summary>
    public partial class SearchPhrasePairs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE "SearchVectorsRebuilt" ("Id" bigint NOT NULL, "Vector" tsvector NOT NULL, "Pairs" tsvector NOT NULL)
                WITH (toast_tuple_target = 128)
                """);
            migrationBuilder.Sql("""
                INSERT INTO "SearchVectorsRebuilt" ("Id", "Vector", "Pairs")
                SELECT v."Id", v."Vector", array_to_tsvector(ARRAY(
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
                FROM "SearchVectors" AS v
                JOIN "SearchDocuments" AS d ON d."Id" = v."Id"
                """);
            migrationBuilder.Sql("""DROP TABLE "SearchVectors" """);
            migrationBuilder.Sql("""ALTER TABLE "SearchVectorsRebuilt" RENAME TO "SearchVectors" """);
            migrationBuilder.Sql("""
                ALTER TABLE "SearchVectors"
                    ADD CONSTRAINT "PK_SearchVectors" PRIMARY KEY ("Id"),
                    ADD CONSTRAINT "FK_SearchVectors_SearchDocuments_Id" FOREIGN KEY ("Id") REFERENCES "SearchDocuments" ("Id") ON DELETE CASCADE
                """);
            migrationBuilder.Sql("""CREATE INDEX "IX_SearchVectors_Vector" ON "SearchVectors" USING GIN ("Vector")""");
            migrationBuilder.Sql("""CREATE INDEX "IX_SearchVectors_Pairs" ON "SearchVectors" USING GIN ("Pairs")""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX "IX_SearchVectors_Pairs" """);
            migrationBuilder.Sql("""ALTER TABLE "SearchVectors" DROP COLUMN "Pairs" """);
            migrationBuilder.Sql("""ALTER TABLE "SearchVectors" RESET (toast_tuple_target)""");
        }
    }
}
