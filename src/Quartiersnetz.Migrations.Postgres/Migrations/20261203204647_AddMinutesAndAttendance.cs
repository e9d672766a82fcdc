using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Quartiersnetz.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AddMinutesAndAttendance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AttendanceDays",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RegistrationId = table.Column<Guid>(type: "uuid", nullable: false),
                    EventId = table.Column<Guid>(type: "uuid", nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    CheckedInAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CheckedOutAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CheckedInBy = table.Column<Guid>(type: "uuid", nullable: true),
                    CheckedOutBy = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AttendanceDays", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AttendanceDays_EventRegistrations_RegistrationId",
                        column: x => x.RegistrationId,
                        principalTable: "EventRegistrations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AttendanceDays_Events_EventId",
                        column: x => x.EventId,
                        principalTable: "Events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CheckInPasses",
                columns: table => new
                {
                    RegistrationId = table.Column<Guid>(type: "uuid", nullable: false),
                    EventId = table.Column<Guid>(type: "uuid", nullable: false),
                    Token = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ShortCode = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    IsWalkIn = table.Column<bool>(type: "boolean", nullable: false),
                    WalkInOrganisation = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CheckInPasses", x => x.RegistrationId);
                    table.ForeignKey(
                        name: "FK_CheckInPasses_EventRegistrations_RegistrationId",
                        column: x => x.RegistrationId,
                        principalTable: "EventRegistrations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CheckInPasses_Events_EventId",
                        column: x => x.EventId,
                        principalTable: "Events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EventMinutes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EventId = table.Column<Guid>(type: "uuid", nullable: false),
                    State = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Text = table.Column<string>(type: "character varying(100000)", maxLength: 100000, nullable: false),
                    Revision = table.Column<int>(type: "integer", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    PublishedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EventMinutes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EventMinutes_Events_EventId",
                        column: x => x.EventId,
                        principalTable: "Events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MinutesItems",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MinutesId = table.Column<Guid>(type: "uuid", nullable: false),
                    EventId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    ResponsibleAccountId = table.Column<Guid>(type: "uuid", nullable: true),
                    ResponsibleAgs = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    DueDate = table.Column<DateOnly>(type: "date", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ClosedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ClosedById = table.Column<Guid>(type: "uuid", nullable: true),
                    ClosingNote = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MinutesItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MinutesItems_AspNetUsers_ClosedById",
                        column: x => x.ClosedById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_MinutesItems_AspNetUsers_ResponsibleAccountId",
                        column: x => x.ResponsibleAccountId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_MinutesItems_EventMinutes_MinutesId",
                        column: x => x.MinutesId,
                        principalTable: "EventMinutes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_MinutesItems_Municipalities_ResponsibleAgs",
                        column: x => x.ResponsibleAgs,
                        principalTable: "Municipalities",
                        principalColumn: "Ags",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "MinutesRevisions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MinutesId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "character varying(100000)", maxLength: 100000, nullable: false),
                    AuthorId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MinutesRevisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MinutesRevisions_AspNetUsers_AuthorId",
                        column: x => x.AuthorId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_MinutesRevisions_EventMinutes_MinutesId",
                        column: x => x.MinutesId,
                        principalTable: "EventMinutes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AttendanceDays_EventId_Day",
                table: "AttendanceDays",
                columns: new[] { "EventId", "Day" });

            migrationBuilder.CreateIndex(
                name: "IX_AttendanceDays_RegistrationId_Day",
                table: "AttendanceDays",
                columns: new[] { "RegistrationId", "Day" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CheckInPasses_EventId_ShortCode",
                table: "CheckInPasses",
                columns: new[] { "EventId", "ShortCode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CheckInPasses_Token",
                table: "CheckInPasses",
                column: "Token",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EventMinutes_EventId",
                table: "EventMinutes",
                column: "EventId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MinutesItems_ClosedById",
                table: "MinutesItems",
                column: "ClosedById");

            migrationBuilder.CreateIndex(
                name: "IX_MinutesItems_Kind_ClosedAtUtc_DueDate",
                table: "MinutesItems",
                columns: new[] { "Kind", "ClosedAtUtc", "DueDate" });

            migrationBuilder.CreateIndex(
                name: "IX_MinutesItems_MinutesId_CreatedAtUtc",
                table: "MinutesItems",
                columns: new[] { "MinutesId", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_MinutesItems_ResponsibleAccountId",
                table: "MinutesItems",
                column: "ResponsibleAccountId");

            migrationBuilder.CreateIndex(
                name: "IX_MinutesItems_ResponsibleAgs",
                table: "MinutesItems",
                column: "ResponsibleAgs");

            migrationBuilder.CreateIndex(
                name: "IX_MinutesRevisions_AuthorId",
                table: "MinutesRevisions",
                column: "AuthorId");

            migrationBuilder.CreateIndex(
                name: "IX_MinutesRevisions_MinutesId_Number",
                table: "MinutesRevisions",
                columns: new[] { "MinutesId", "Number" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AttendanceDays");

            migrationBuilder.DropTable(
                name: "CheckInPasses");

            migrationBuilder.DropTable(
                name: "MinutesItems");

            migrationBuilder.DropTable(
                name: "MinutesRevisions");

            migrationBuilder.DropTable(
                name: "EventMinutes");
        }
    }
}
