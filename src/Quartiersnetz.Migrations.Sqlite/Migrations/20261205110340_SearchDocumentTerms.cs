using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Quartiersnetz.Migrations.Sqlite.Migrations
{
    /// <summary>
    /// "Ähnliche Inhalte" through an index (SimilarItemsQuery): each search document's telling terms one per row with its
    /// audiences, filled here from the stored terms (instead of a new index format: a rebuild empties each kind's search
    /// while it runs), and the topic index with the document, so that a topic's newest documents are an index range.
    /// </summary>
    public partial class SearchDocumentTerms : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SearchDocumentTopics_TopicSlug",
                table: "SearchDocumentTopics");

            migrationBuilder.CreateTable(
                name: "SearchDocumentTerms",
                columns: table => new
                {
                    DocumentId = table.Column<long>(type: "INTEGER", nullable: false),
                    Term = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    MinAudience = table.Column<int>(type: "INTEGER", nullable: false),
                    MaxAudience = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SearchDocumentTerms", x => new { x.DocumentId, x.Term });
                    table.ForeignKey(
                        name: "FK_SearchDocumentTerms_SearchDocuments_DocumentId",
                        column: x => x.DocumentId,
                        principalTable: "SearchDocuments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SearchDocumentTopics_TopicSlug_DocumentId",
                table: "SearchDocumentTopics",
                columns: new[] { "TopicSlug", "DocumentId" });

            // The documents' stored terms, split (recursive CTE); people are not offered as similar items. Before the
            // index, which is then built once.
            migrationBuilder.Sql("""
                WITH RECURSIVE split ("DocumentId", "Term", "Rest", "MinAudience", "MaxAudience") AS (
                    SELECT "Id", NULL, "SimilarTerms" || ' ', "MinAudience", "MaxAudience" FROM "SearchDocuments"
                    WHERE "Kind" <> 'person' AND "SimilarTerms" <> ''
                    UNION ALL
                    SELECT "DocumentId", substr("Rest", 1, instr("Rest", ' ') - 1), substr("Rest", instr("Rest", ' ') + 1), "MinAudience", "MaxAudience"
                    FROM split WHERE "Rest" <> '')
                INSERT OR IGNORE INTO "SearchDocumentTerms" ("DocumentId", "Term", "MinAudience", "MaxAudience")
                SELECT "DocumentId", "Term", "MinAudience", "MaxAudience" FROM split WHERE "Term" IS NOT NULL AND "Term" <> ''
                """);

            migrationBuilder.CreateIndex(
                name: "IX_SearchDocumentTerms_Term_DocumentId_MinAudience_MaxAudience",
                table: "SearchDocumentTerms",
                columns: new[] { "Term", "DocumentId", "MinAudience", "MaxAudience" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SearchDocumentTerms");

            migrationBuilder.DropIndex(
                name: "IX_SearchDocumentTopics_TopicSlug_DocumentId",
                table: "SearchDocumentTopics");

            migrationBuilder.CreateIndex(
                name: "IX_SearchDocumentTopics_TopicSlug",
                table: "SearchDocumentTopics",
                column: "TopicSlug");
        }
    }
}
