using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Quartiersnetz.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AddSearchSubtype : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SearchDocuments_Facets",
                table: "SearchDocuments");

            migrationBuilder.AddColumn<int>(
                name: "Format",
                table: "SearchDocuments",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "SimilarTerms",
                table: "SearchDocuments",
                type: "character varying(500)",
                maxLength: 500,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "SubtypeKey",
                table: "SearchDocuments",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_SearchDocuments_Facets",
                table: "SearchDocuments",
                columns: new[] { "Id", "MinAudience", "MaxAudience", "Kind", "Year", "MunicipalityAgs", "RegionCode", "SubtypeKey" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SearchDocuments_Facets",
                table: "SearchDocuments");

            migrationBuilder.DropColumn(
                name: "Format",
                table: "SearchDocuments");

            migrationBuilder.DropColumn(
                name: "SimilarTerms",
                table: "SearchDocuments");

            migrationBuilder.DropColumn(
                name: "SubtypeKey",
                table: "SearchDocuments");

            migrationBuilder.CreateIndex(
                name: "IX_SearchDocuments_Facets",
                table: "SearchDocuments",
                columns: new[] { "Id", "MinAudience", "MaxAudience", "Kind", "Year", "MunicipalityAgs", "RegionCode" });
        }
    }
}
