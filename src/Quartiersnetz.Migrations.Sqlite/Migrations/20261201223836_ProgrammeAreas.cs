using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Quartiersnetz.Migrations.Sqlite.Migrations
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
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "ProgrammeAreas",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SortKey = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    MunicipalityAgs = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Programme = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    AdmissionYear = table.Column<int>(type: "INTEGER", nullable: true),
                    EndYear = table.Column<int>(type: "INTEGER", nullable: true),
                    SizeHectares = table.Column<decimal>(type: "TEXT", precision: 10, scale: 2, nullable: true),
                    Population = table.Column<int>(type: "INTEGER", nullable: true),
                    Description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    BoundaryGeoJson = table.Column<string>(type: "TEXT", nullable: true),
                    MapGeoJson = table.Column<string>(type: "TEXT", nullable: true),
                    Latitude = table.Column<double>(type: "REAL", nullable: false),
                    Longitude = table.Column<double>(type: "REAL", nullable: false),
                    PlanTitle = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    PlanFileName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    IsDemo = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
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
                    AreaId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
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
