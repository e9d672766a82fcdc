using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Quartiersnetz.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class EventListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_EventRegistrations_PendingNotice",
                table: "EventRegistrations");

            migrationBuilder.CreateIndex(
                name: "IX_EventRegistrations_PendingNotice",
                table: "EventRegistrations",
                column: "PendingNotice",
                filter: "\"PendingNotice\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_EventRegistrations_PendingNotice",
                table: "EventRegistrations");

            migrationBuilder.CreateIndex(
                name: "IX_EventRegistrations_PendingNotice",
                table: "EventRegistrations",
                column: "PendingNotice");
        }
    }
}
