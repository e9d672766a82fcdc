using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Quartiersnetz.Migrations.Postgres.Migrations
{
    /// <summary>
    /// The telling terms of each search document one per row, for "Ähnliche Inhalte" (SimilarItemsQuery). Filled by
    /// the indexer: documents of an older format are rebuilt in the background after the start (format 2).
    /// </summary>
    public partial class SearchDocumentTerms : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SearchDocumentTerms",
                columns: table => new
                {
                    DocumentId = table.Column<long>(type: "bigint", nullable: false),
                    Term = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false)
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
                name: "IX_SearchDocumentTerms_Term_DocumentId",
                table: "SearchDocumentTerms",
                columns: new[] { "Term", "DocumentId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SearchDocumentTerms");
        }
    }
}
