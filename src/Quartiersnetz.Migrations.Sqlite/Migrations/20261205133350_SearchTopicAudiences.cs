using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Quartiersnetz.Migrations.Sqlite.Migrations
{
    /// <summary>
    /// The topic rows of search documents carry the document's audiences and whether it may be shown as a similar item
    /// (SimilarItemsQuery), filled here from the documents: a topic's newest neighbours are an index range of what the
    /// caller may be shown, instead of one that people and members-only documents fill for the public.
    /// </summary>
    public partial class SearchTopicAudiences : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SearchDocumentTopics_TopicSlug_DocumentId",
                table: "SearchDocumentTopics");

            migrationBuilder.AddColumn<int>(
                name: "MaxAudience",
                table: "SearchDocumentTopics",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "MinAudience",
                table: "SearchDocumentTopics",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "SimilarCandidate",
                table: "SearchDocumentTopics",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            // From the documents; people are not offered as similar items (as in SearchDocumentTerms). Before the index,
            // which is then built once. The same statement on both providers.
            migrationBuilder.Sql("""
                UPDATE "SearchDocumentTopics" AS t
                SET "MinAudience" = d."MinAudience", "MaxAudience" = d."MaxAudience", "SimilarCandidate" = (d."Kind" <> 'person')
                FROM "SearchDocuments" AS d WHERE d."Id" = t."DocumentId"
                """);

            migrationBuilder.CreateIndex(
                name: "IX_SearchDocumentTopics_TopicSlug_SimilarCandidate_DocumentId_MinAudience_MaxAudience",
                table: "SearchDocumentTopics",
                columns: new[] { "TopicSlug", "SimilarCandidate", "DocumentId", "MinAudience", "MaxAudience" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SearchDocumentTopics_TopicSlug_SimilarCandidate_DocumentId_MinAudience_MaxAudience",
                table: "SearchDocumentTopics");

            migrationBuilder.DropColumn(
                name: "MaxAudience",
                table: "SearchDocumentTopics");

            migrationBuilder.DropColumn(
                name: "MinAudience",
                table: "SearchDocumentTopics");

            migrationBuilder.DropColumn(
                name: "SimilarCandidate",
                table: "SearchDocumentTopics");

            migrationBuilder.CreateIndex(
                name: "IX_SearchDocumentTopics_TopicSlug_DocumentId",
                table: "SearchDocumentTopics",
                columns: new[] { "TopicSlug", "DocumentId" });
        }
    }
}
