using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Quartiersnetz.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddCertificatesAndOutboxAttachments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CertificateRuns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EventId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RequestedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    RequestedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LinkBase = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    SendMail = table.Column<bool>(type: "INTEGER", nullable: false),
                    ClaimedUntilUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FinishedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Issued = table.Column<int>(type: "INTEGER", nullable: false),
                    Replaced = table.Column<int>(type: "INTEGER", nullable: false),
                    Unchanged = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CertificateRuns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CertificateRuns_Events_EventId",
                        column: x => x.EventId,
                        principalTable: "Events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Certificates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EventId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RegistrationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Code = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ParticipantName = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    EventTitle = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Topics = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Dates = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Place = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Format = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    FuwoTopic = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    EventDay = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    AttendedMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    Points = table.Column<decimal>(type: "TEXT", precision: 6, scale: 2, nullable: false),
                    PointsOverridden = table.Column<bool>(type: "INTEGER", nullable: false),
                    OverrideReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Recognition = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ChamberReference = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    RecognisedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    IssuedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReplacedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    ReplacedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Certificates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Certificates_Events_EventId",
                        column: x => x.EventId,
                        principalTable: "Events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EventCredits",
                columns: table => new
                {
                    EventId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Recognition = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ChamberReference = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    RecognisedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Format = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    FuwoTopic = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EventCredits", x => x.EventId);
                    table.ForeignKey(
                        name: "FK_EventCredits_Events_EventId",
                        column: x => x.EventId,
                        principalTable: "Events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "OutboxAttachments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    MessageId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Content = table.Column<string>(type: "TEXT", nullable: false),
                    IsBase64 = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutboxAttachments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OutboxAttachments_OutboxMessages_MessageId",
                        column: x => x.MessageId,
                        principalTable: "OutboxMessages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PointsOverrides",
                columns: table => new
                {
                    RegistrationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EventId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Points = table.Column<decimal>(type: "TEXT", precision: 6, scale: 2, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    SetBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    SetAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PointsOverrides", x => x.RegistrationId);
                    table.ForeignKey(
                        name: "FK_PointsOverrides_EventRegistrations_RegistrationId",
                        column: x => x.RegistrationId,
                        principalTable: "EventRegistrations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PointsOverrides_Events_EventId",
                        column: x => x.EventId,
                        principalTable: "Events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CertificateRuns_EventId",
                table: "CertificateRuns",
                column: "EventId");

            migrationBuilder.CreateIndex(
                name: "IX_CertificateRuns_FinishedAtUtc",
                table: "CertificateRuns",
                column: "FinishedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_Certificates_Code",
                table: "Certificates",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Certificates_EventId_RegistrationId",
                table: "Certificates",
                columns: new[] { "EventId", "RegistrationId" });

            migrationBuilder.CreateIndex(
                name: "IX_Certificates_PersonId_EventDay",
                table: "Certificates",
                columns: new[] { "PersonId", "EventDay" });

            migrationBuilder.CreateIndex(
                name: "IX_OutboxAttachments_MessageId_Position",
                table: "OutboxAttachments",
                columns: new[] { "MessageId", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_PointsOverrides_EventId",
                table: "PointsOverrides",
                column: "EventId");

            // Attachments now live in their own table (a mail may carry several); pending mails keep theirs.
            migrationBuilder.Sql(
                """
                INSERT INTO "OutboxAttachments" ("Id", "MessageId", "Position", "FileName", "ContentType", "Content", "IsBase64")
                SELECT "Id", "Id", 0, COALESCE("AttachmentFileName", 'anhang'), COALESCE("AttachmentContentType", 'application/octet-stream'), "AttachmentContent", FALSE
                FROM "OutboxMessages" WHERE "AttachmentContent" IS NOT NULL;
                """);

            migrationBuilder.DropColumn(
                name: "AttachmentContent",
                table: "OutboxMessages");

            migrationBuilder.DropColumn(
                name: "AttachmentContentType",
                table: "OutboxMessages");

            migrationBuilder.DropColumn(
                name: "AttachmentFileName",
                table: "OutboxMessages");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CertificateRuns");

            migrationBuilder.DropTable(
                name: "Certificates");

            migrationBuilder.DropTable(
                name: "EventCredits");

            migrationBuilder.DropTable(
                name: "OutboxAttachments");

            migrationBuilder.DropTable(
                name: "PointsOverrides");

            migrationBuilder.AddColumn<string>(
                name: "AttachmentContent",
                table: "OutboxMessages",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AttachmentContentType",
                table: "OutboxMessages",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AttachmentFileName",
                table: "OutboxMessages",
                type: "TEXT",
                maxLength: 200,
                nullable: true);
        }
    }
}
