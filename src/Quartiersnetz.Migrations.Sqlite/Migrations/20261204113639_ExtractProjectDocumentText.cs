using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Quartiersnetz.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ExtractProjectDocumentText : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Text",
                table: "ProjectDocuments",
                type: "TEXT",
                maxLength: 2000000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TextStatus",
                table: "ProjectDocuments",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                // Documents uploaded before text extraction existed wait for the job like new ones.
                defaultValue: "Pending");

            migrationBuilder.CreateIndex(
                name: "IX_ProjectDocuments_TextStatus",
                table: "ProjectDocuments",
                column: "TextStatus");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ProjectDocuments_TextStatus",
                table: "ProjectDocuments");

            migrationBuilder.DropColumn(
                name: "Text",
                table: "ProjectDocuments");

            migrationBuilder.DropColumn(
                name: "TextStatus",
                table: "ProjectDocuments");
        }
    }
}
