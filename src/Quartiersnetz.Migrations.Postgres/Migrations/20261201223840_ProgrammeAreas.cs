using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Quartiersnetz.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ProgrammeAreas : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "IsExternalContact",
                table: "AspNetUsers",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "ProgrammeAreas",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SortKey = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    MunicipalityAgs = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    Programme = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    AdmissionYear = table.Column<int>(type: "integer", nullable: true),
                    EndYear = table.Column<int>(type: "integer", nullable: true),
                    SizeHectares = table.Column<decimal>(type: "numeric(10,2)", precision: 10, scale: 2, nullable: true),
                    Population = table.Column<int>(type: "integer", nullable: true),
                    Description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    BoundaryGeoJson = table.Column<string>(type: "text", nullable: true),
                    MapGeoJson = table.Column<string>(type: "text", nullable: true),
                    Latitude = table.Column<double>(type: "double precision", nullable: false),
                    Longitude = table.Column<double>(type: "double precision", nullable: false),
                    PlanTitle = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    PlanFileName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    IsDemo = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgrammeAreas", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProgrammeAreas_Municipalities_MunicipalityAgs",
                        column: x => x.MunicipalityAgs,
                        principalTable: "Municipalities",
                        principalColumn: "Ags",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ProgrammeAreaContacts",
                columns: table => new
                {
                    AreaId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Role = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgrammeAreaContacts", x => new { x.AreaId, x.PersonId });
                    table.ForeignKey(
                        name: "FK_ProgrammeAreaContacts_AspNetUsers_PersonId",
                        column: x => x.PersonId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ProgrammeAreaContacts_ProgrammeAreas_AreaId",
                        column: x => x.AreaId,
                        principalTable: "ProgrammeAreas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammeAreaContacts_PersonId",
                table: "ProgrammeAreaContacts",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammeAreas_MunicipalityAgs_SortKey",
                table: "ProgrammeAreas",
                columns: new[] { "MunicipalityAgs", "SortKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammeAreas_Programme",
                table: "ProgrammeAreas",
                column: "Programme");

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammeAreas_SortKey",
                table: "ProgrammeAreas",
                column: "SortKey");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ProgrammeAreaContacts");

            migrationBuilder.DropTable(
                name: "ProgrammeAreas");

            migrationBuilder.DropColumn(
                name: "IsExternalContact",
                table: "AspNetUsers");
        }
    }
}
