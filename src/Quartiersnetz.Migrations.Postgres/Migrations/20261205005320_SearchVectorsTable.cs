using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Quartiersnetz.Migrations.Postgres.Migrations
{
    /// <summary>
    /// PostgreSQL only (SQLite's FTS5 index has always had a table of its own): the search vectors move from a generated
    /// column of the wide "SearchDocuments" rows into a narrow table, so a match's bitmap heap scan reads a third of the
    /// pages (docs/adr/0005-german-search.md, addendum of session 23). The indexer writes the vectors from now on. The
    /// old column and index exist only on databases created before this migration, hence IF EXISTS.
    /// </summary>
    public partial class SearchVectorsTable : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE "SearchVectors" (
                    "Id" bigint NOT NULL CONSTRAINT "PK_SearchVectors" PRIMARY KEY
                        CONSTRAINT "FK_SearchVectors_SearchDocuments_Id" REFERENCES "SearchDocuments" ("Id") ON DELETE CASCADE,
                    "Vector" tsvector NOT NULL)
                """);
            migrationBuilder.Sql("""
                INSERT INTO "SearchVectors" ("Id", "Vector")
                SELECT "Id", setweight(to_tsvector('simple'::regconfig, "TitleTokens"), 'A') || setweight(to_tsvector('simple'::regconfig, "BodyTokens"), 'B') || setweight(to_tsvector('simple'::regconfig, "PartTokens"), 'C')
                FROM "SearchDocuments"
                """);
            migrationBuilder.Sql("""CREATE INDEX "IX_SearchVectors_Vector" ON "SearchVectors" USING GIN ("Vector")""");
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_SearchDocuments_SearchVector" """);
            migrationBuilder.Sql("""ALTER TABLE "SearchDocuments" DROP COLUMN IF EXISTS "SearchVector" """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""ALTER TABLE "SearchDocuments" ADD COLUMN "SearchVector" tsvector GENERATED ALWAYS AS (setweight(to_tsvector('simple'::regconfig, "TitleTokens"), 'A') || setweight(to_tsvector('simple'::regconfig, "BodyTokens"), 'B') || setweight(to_tsvector('simple'::regconfig, "PartTokens"), 'C')) STORED""");
            migrationBuilder.Sql("""CREATE INDEX "IX_SearchDocuments_SearchVector" ON "SearchDocuments" USING GIN ("SearchVector")""");
            migrationBuilder.Sql("""DROP TABLE "SearchVectors" """);
        }
    }
}
