using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Quartiersnetz.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ConsentListingIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ConsentRecords_UserId",
                table: "ConsentRecords");

            migrationBuilder.CreateIndex(
                name: "IX_ConsentRecords_UserId_Kind_WithdrawnAtUtc",
                table: "ConsentRecords",
                columns: new[] { "UserId", "Kind", "WithdrawnAtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ConsentRecords_UserId_Kind_WithdrawnAtUtc",
                table: "ConsentRecords");

            migrationBuilder.CreateIndex(
                name: "IX_ConsentRecords_UserId",
                table: "ConsentRecords",
                column: "UserId");
        }
    }
}
