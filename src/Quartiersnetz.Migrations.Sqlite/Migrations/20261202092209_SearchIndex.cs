using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Quartiersnetz.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SearchIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SearchDocuments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    MinAudience = table.Column<int>(type: "INTEGER", nullable: false),
                    MaxAudience = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Url = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Subtype = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    Excerpt = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: true),
                    MunicipalityAgs = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 3, nullable: true),
                    TitleTokens = table.Column<string>(type: "TEXT", nullable: false),
                    BodyTokens = table.Column<string>(type: "TEXT", nullable: false),
                    PartTokens = table.Column<string>(type: "TEXT", nullable: false),
                    IndexedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SearchDocuments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SearchIndexPending",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SearchIndexPending", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SearchTerms",
                columns: table => new
                {
                    Term = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Length = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SearchTerms", x => x.Term);
                });

            migrationBuilder.CreateTable(
                name: "SearchDocumentTopics",
                columns: table => new
                {
                    DocumentId = table.Column<long>(type: "INTEGER", nullable: false),
                    TopicSlug = table.Column<string>(type: "TEXT", maxLength: 160, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SearchDocumentTopics", x => new { x.DocumentId, x.TopicSlug });
                    table.ForeignKey(
                        name: "FK_SearchDocumentTopics_SearchDocuments_DocumentId",
                        column: x => x.DocumentId,
                        principalTable: "SearchDocuments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SearchDocuments_Kind_Key_MinAudience",
                table: "SearchDocuments",
                columns: new[] { "Kind", "Key", "MinAudience" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SearchDocumentTopics_TopicSlug",
                table: "SearchDocumentTopics",
                column: "TopicSlug");

            migrationBuilder.CreateIndex(
                name: "IX_SearchTerms_Length_Term",
                table: "SearchTerms",
                columns: new[] { "Length", "Term" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SearchDocumentTopics");

            migrationBuilder.DropTable(
                name: "SearchIndexPending");

            migrationBuilder.DropTable(
                name: "SearchTerms");

            migrationBuilder.DropTable(
                name: "SearchDocuments");
        }
    }
}
