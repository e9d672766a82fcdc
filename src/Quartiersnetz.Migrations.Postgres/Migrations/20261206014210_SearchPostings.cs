using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Quartiersnetz.Migrations.Postgres.Migrations
{
    /// <summary>
    /// PostgreSQL only: stored id lists of frequent terms and the log of documents changed since they were built
    /// (Platform/Search/SearchPostings.cs; docs/adr/0005-german-search.md, addendum of session 31). Triggers on the
    /// vectors table write the log, so every writer's change reaches it in its own transaction. The lists start empty;
    /// the background job builds them.
    /// </summary>
    public partial class SearchPostings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The ids are delta-encoded already: stored without compression, read without decompressing.
            migrationBuilder.Sql("""
                CREATE TABLE "SearchPostings" (
                    "Term" text NOT NULL CONSTRAINT "PK_SearchPostings" PRIMARY KEY,
                    "Documents" integer NOT NULL,
                    "Ids" bytea NOT NULL,
                    "SelectedAtUtc" timestamp with time zone NOT NULL);
                ALTER TABLE "SearchPostings" ALTER COLUMN "Ids" SET STORAGE EXTERNAL;
                """);

            // A row per change, never one per document: a merge removes exactly the rows its snapshot saw, so a document
            // deleted after it was added must leave a row of its own. A written document's row carries its vector, with a
            // GIN index of its own: a search matches the changed documents without reading their vectors from TOAST. Without
            // a pending list (fastupdate): every search reads this index, and scanning a pending list of a few re-indexed
            // 100-page PDFs' lexemes cost each search 15 ms; the indexer pays once per write instead.
            migrationBuilder.Sql("""
                CREATE TABLE "SearchPostingChanges" (
                    "Seq" bigint GENERATED ALWAYS AS IDENTITY CONSTRAINT "PK_SearchPostingChanges" PRIMARY KEY,
                    "DocumentId" bigint NOT NULL,
                    "Removed" boolean NOT NULL DEFAULT false,
                    "Vector" tsvector NULL,
                    "ChangedAtUtc" timestamp with time zone NOT NULL DEFAULT now());
                CREATE INDEX "IX_SearchPostingChanges_Vector" ON "SearchPostingChanges" USING GIN ("Vector") WITH (fastupdate = off);
                """);

            // Past 1,000 change rows (SearchPostings.MaxChanges) searches read the GIN index until the next merge, so a
            // written document's vector is no longer copied: for a rebuild of the whole index the copies cost a third
            // more time. A search that meets such a row (left after a merge) reads the GIN index, too.
            migrationBuilder.Sql("""
                CREATE FUNCTION "SearchPostingChangesRecord"() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'DELETE' THEN
                        INSERT INTO "SearchPostingChanges" ("DocumentId", "Removed") SELECT "Id", true FROM changed;
                    ELSIF (SELECT count(*) FROM (SELECT 1 FROM "SearchPostingChanges" LIMIT 1001) AS c) > 1000 THEN
                        INSERT INTO "SearchPostingChanges" ("DocumentId") SELECT "Id" FROM changed;
                    ELSE
                        INSERT INTO "SearchPostingChanges" ("DocumentId", "Vector") SELECT "Id", "Vector" FROM changed;
                    END IF;
                    RETURN NULL;
                END
                $$;
                CREATE TRIGGER "SearchVectors_Inserted" AFTER INSERT ON "SearchVectors"
                    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION "SearchPostingChangesRecord"();
                CREATE TRIGGER "SearchVectors_Updated" AFTER UPDATE ON "SearchVectors"
                    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION "SearchPostingChangesRecord"();
                CREATE TRIGGER "SearchVectors_Deleted" AFTER DELETE ON "SearchVectors"
                    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION "SearchPostingChangesRecord"();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER "SearchVectors_Inserted" ON "SearchVectors";
                DROP TRIGGER "SearchVectors_Updated" ON "SearchVectors";
                DROP TRIGGER "SearchVectors_Deleted" ON "SearchVectors";
                DROP FUNCTION "SearchPostingChangesRecord"();
                DROP TABLE "SearchPostingChanges";
                DROP TABLE "SearchPostings";
                """);
        }
    }
}
