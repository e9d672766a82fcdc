using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Quartiersnetz.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class EventOfficeTools : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "CompanionsAllowed",
                table: "Events",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "HeldSeats",
                table: "Events",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "OfferHours",
                table: "Events",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Companions",
                table: "EventRegistrations",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "OfferExpiresUtc",
                table: "EventRegistrations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PendingNotice",
                table: "EventRegistrations",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_EventRegistrations_PendingNotice",
                table: "EventRegistrations",
                column: "PendingNotice");

            migrationBuilder.CreateIndex(
                name: "IX_EventRegistrations_Status_OfferExpiresUtc",
                table: "EventRegistrations",
                columns: new[] { "Status", "OfferExpiresUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_EventRegistrations_PendingNotice",
                table: "EventRegistrations");

            migrationBuilder.DropIndex(
                name: "IX_EventRegistrations_Status_OfferExpiresUtc",
                table: "EventRegistrations");

            migrationBuilder.DropColumn(
                name: "CompanionsAllowed",
                table: "Events");

            migrationBuilder.DropColumn(
                name: "HeldSeats",
                table: "Events");

            migrationBuilder.DropColumn(
                name: "OfferHours",
                table: "Events");

            migrationBuilder.DropColumn(
                name: "Companions",
                table: "EventRegistrations");

            migrationBuilder.DropColumn(
                name: "OfferExpiresUtc",
                table: "EventRegistrations");

            migrationBuilder.DropColumn(
                name: "PendingNotice",
                table: "EventRegistrations");
        }
    }
}
