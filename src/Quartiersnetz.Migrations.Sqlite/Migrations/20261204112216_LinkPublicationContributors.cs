using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Quartiersnetz.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class LinkPublicationContributors : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "OrganisationId",
                table: "PublicationContributors",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "PersonId",
                table: "PublicationContributors",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_PublicationContributors_OrganisationId",
                table: "PublicationContributors",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_PublicationContributors_PersonId",
                table: "PublicationContributors",
                column: "PersonId");

            migrationBuilder.AddForeignKey(
                name: "FK_PublicationContributors_AspNetUsers_PersonId",
                table: "PublicationContributors",
                column: "PersonId",
                principalTable: "AspNetUsers",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.AddForeignKey(
                name: "FK_PublicationContributors_Organisations_OrganisationId",
                table: "PublicationContributors",
                column: "OrganisationId",
                principalTable: "Organisations",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_PublicationContributors_AspNetUsers_PersonId",
                table: "PublicationContributors");

            migrationBuilder.DropForeignKey(
                name: "FK_PublicationContributors_Organisations_OrganisationId",
                table: "PublicationContributors");

            migrationBuilder.DropIndex(
                name: "IX_PublicationContributors_OrganisationId",
                table: "PublicationContributors");

            migrationBuilder.DropIndex(
                name: "IX_PublicationContributors_PersonId",
                table: "PublicationContributors");

            migrationBuilder.DropColumn(
                name: "OrganisationId",
                table: "PublicationContributors");

            migrationBuilder.DropColumn(
                name: "PersonId",
                table: "PublicationContributors");
        }
    }
}
