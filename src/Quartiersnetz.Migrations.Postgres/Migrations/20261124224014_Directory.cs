using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Quartiersnetz.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Directory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "NetworkMemberships",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MunicipalityAgs = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    MemberSince = table.Column<DateOnly>(type: "date", nullable: false),
                    LeftOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ContactPersonId = table.Column<Guid>(type: "uuid", nullable: true),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NetworkMemberships", x => x.Id);
                    table.ForeignKey(
                        name: "FK_NetworkMemberships_AspNetUsers_ContactPersonId",
                        column: x => x.ContactPersonId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_NetworkMemberships_Municipalities_MunicipalityAgs",
                        column: x => x.MunicipalityAgs,
                        principalTable: "Municipalities",
                        principalColumn: "Ags",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_NetworkMemberships_ContactPersonId",
                table: "NetworkMemberships",
                column: "ContactPersonId");

            migrationBuilder.CreateIndex(
                name: "IX_NetworkMemberships_MunicipalityAgs",
                table: "NetworkMemberships",
                column: "MunicipalityAgs",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "NetworkMemberships");
        }
    }
}
