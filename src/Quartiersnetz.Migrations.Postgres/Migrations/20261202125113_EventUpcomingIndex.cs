using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Quartiersnetz.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class EventUpcomingIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Events_EndUtc_StartUtc",
                table: "Events");

            migrationBuilder.CreateIndex(
                name: "IX_Events_EndUtc_StartUtc_Audience_Id",
                table: "Events",
                columns: new[] { "EndUtc", "StartUtc", "Audience", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Events_EndUtc_StartUtc_Audience_Id",
                table: "Events");

            migrationBuilder.CreateIndex(
                name: "IX_Events_EndUtc_StartUtc",
                table: "Events",
                columns: new[] { "EndUtc", "StartUtc" });
        }
    }
}
