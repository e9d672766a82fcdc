using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Sqlite.Migrations.Internal;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure.Internal;
using Npgsql.EntityFrameworkCore.PostgreSQL.Migrations;

namespace Quartiersnetz.Platform.Search;

/// <summary>
/// The provider-specific full-text structures beside the search documents table. They are created by the migration
/// that creates the table: the SQL generators below add them to its CREATE TABLE, so a regenerated migration keeps
/// them without hand-written SQL in the migration files (docs/adr/0005-german-search.md).
/// </summary>
internal static class SearchSchema
{
    public const string DocumentsTable = "SearchDocuments";

    /// <summary>SQLite: FTS5 table over the analysed terms, external content (the terms are stored once, in SearchDocuments).</summary>
    public const string FtsTable = "SearchDocumentsFts";

    public static readonly string[] SqliteStatements =
    [
        $"""CREATE VIRTUAL TABLE "{FtsTable}" USING fts5("TitleTokens", "BodyTokens", "PartTokens", content='{DocumentsTable}', content_rowid='Id', tokenize='unicode61 remove_diacritics 0')""",
    ];

    /// <summary>
    /// PostgreSQL: a stored tsvector of the same analysed terms with the <c>simple</c> configuration (the German analysis is
    /// already done), weighted A title, B body, C compound parts; GIN-indexed.
    /// </summary>
    public static readonly string[] PostgresStatements =
    [
        $"""ALTER TABLE "{DocumentsTable}" ADD COLUMN "SearchVector" tsvector GENERATED ALWAYS AS (setweight(to_tsvector('simple'::regconfig, "TitleTokens"), 'A') || setweight(to_tsvector('simple'::regconfig, "BodyTokens"), 'B') || setweight(to_tsvector('simple'::regconfig, "PartTokens"), 'C')) STORED""",
        $"""CREATE INDEX "IX_{DocumentsTable}_SearchVector" ON "{DocumentsTable}" USING GIN ("SearchVector")""",
    ];

    public static void Append(MigrationCommandListBuilder builder, ISqlGenerationHelper helper, IEnumerable<string> statements)
    {
        foreach (var statement in statements)
        {
            builder.Append(statement).AppendLine(helper.StatementTerminator);
            builder.EndCommand();
        }
    }
}

#pragma warning disable EF1001 // The providers' generators are public but live in "Internal" namespaces; subclassing them is the supported way to add SQL.
internal sealed class SqliteSearchMigrationsSqlGenerator(MigrationsSqlGeneratorDependencies dependencies, IRelationalAnnotationProvider annotations)
    : SqliteMigrationsSqlGenerator(dependencies, annotations)
{
    protected override void Generate(CreateTableOperation operation, IModel? model, MigrationCommandListBuilder builder, bool terminate = true)
    {
        base.Generate(operation, model, builder, terminate);
        if (operation.Name == SearchSchema.DocumentsTable && terminate)
        {
            SearchSchema.Append(builder, Dependencies.SqlGenerationHelper, SearchSchema.SqliteStatements);
        }
    }
}

internal sealed class PostgresSearchMigrationsSqlGenerator(MigrationsSqlGeneratorDependencies dependencies, INpgsqlSingletonOptions options)
    : NpgsqlMigrationsSqlGenerator(dependencies, options)
{
    protected override void Generate(CreateTableOperation operation, IModel? model, MigrationCommandListBuilder builder, bool terminate = true)
    {
        base.Generate(operation, model, builder, terminate);
        if (operation.Name == SearchSchema.DocumentsTable && terminate)
        {
            SearchSchema.Append(builder, Dependencies.SqlGenerationHelper, SearchSchema.PostgresStatements);
        }
    }
}
#pragma warning restore EF1001
