using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Quartiersnetz.Migrations.Sqlite.Migrations
{
    /// <summary>
    /// A topic's documents in id order inside the index, so that "Ähnliche Inhalte" reads a topic's newest documents as
    /// an index range instead of sorting all of them (SimilarItemsQuery).
    /// </summary>
    public partial class SearchTopicNeighbourIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SearchDocumentTopics_TopicSlug",
                table: "SearchDocumentTopics");

            migrationBuilder.CreateIndex(
                name: "IX_SearchDocumentTopics_TopicSlug_DocumentId",
                table: "SearchDocumentTopics",
                columns: new[] { "TopicSlug", "DocumentId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SearchDocumentTopics_TopicSlug_DocumentId",
                table: "SearchDocumentTopics");

            migrationBuilder.CreateIndex(
                name: "IX_SearchDocumentTopics_TopicSlug",
                table: "SearchDocumentTopics",
                column: "TopicSlug");
        }
    }
}
