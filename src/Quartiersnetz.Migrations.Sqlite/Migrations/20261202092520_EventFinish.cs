using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Quartiersnetz.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class EventFinish : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Companions",
                table: "EventGuestRequests",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "OfferTokenHash",
                table: "EventGuestRequests",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_EventGuestRequests_OfferTokenHash",
                table: "EventGuestRequests",
                column: "OfferTokenHash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_EventGuestRequests_OfferTokenHash",
                table: "EventGuestRequests");

            migrationBuilder.DropColumn(
                name: "Companions",
                table: "EventGuestRequests");

            migrationBuilder.DropColumn(
                name: "OfferTokenHash",
                table: "EventGuestRequests");
        }
    }
}
