using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Quartiersnetz.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class PublicationListOrderIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Publications_PublishedAtUtc_Visibility",
                table: "Publications");

            migrationBuilder.CreateIndex(
                name: "IX_Publications_ListOrder",
                table: "Publications",
                columns: new[] { "PublishedAtUtc", "Id", "Visibility", "Type", "Year" },
                descending: new[] { true, false, false, false, false });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Publications_ListOrder",
                table: "Publications");

            migrationBuilder.CreateIndex(
                name: "IX_Publications_PublishedAtUtc_Visibility",
                table: "Publications",
                columns: new[] { "PublishedAtUtc", "Visibility" });
        }
    }
}
