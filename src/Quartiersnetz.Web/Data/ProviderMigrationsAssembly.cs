using System.Reflection;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Quartiersnetz.Data;

/// <summary>
/// Finds the migrations of the configured provider's assembly without the [DbContext] attribute.
/// The migration projects cannot reference the web project (it references them), so their
/// classes carry no context type; each assembly belongs to exactly one context.
/// See docs/adr/0001-migration-assemblies.md.
/// </summary>
internal sealed class ProviderMigrationsAssembly : IMigrationsAssembly
{
    private readonly IMigrationsIdGenerator _idGenerator;
    private readonly Lazy<IReadOnlyDictionary<string, TypeInfo>> _migrations;
    private readonly Lazy<ModelSnapshot?> _snapshot;

    public ProviderMigrationsAssembly(IDbContextOptions options, IMigrationsIdGenerator idGenerator)
    {
        _idGenerator = idGenerator;
        var relational = RelationalOptionsExtension.Extract(options);
        // Design-time tools hand over the assembly object; the app configures it by name.
        Assembly = relational?.MigrationsAssemblyObject
            ?? (relational?.MigrationsAssembly is { } name ? Assembly.Load(new AssemblyName(name)) : null)
            ?? throw new InvalidOperationException("No migrations assembly is configured.");
        _migrations = new Lazy<IReadOnlyDictionary<string, TypeInfo>>(() => Assembly.DefinedTypes
            .Where(t => !t.IsAbstract && t.IsSubclassOf(typeof(Migration)))
            .Select(t => (Id: t.GetCustomAttribute<MigrationAttribute>()?.Id, Type: t))
            .Where(m => m.Id is not null)
            .OrderBy(m => m.Id, StringComparer.Ordinal)
            .ToDictionary(m => m.Id!, m => m.Type, StringComparer.Ordinal));
        _snapshot = new Lazy<ModelSnapshot?>(() => Assembly.DefinedTypes
            .Where(t => !t.IsAbstract && t.IsSubclassOf(typeof(ModelSnapshot)))
            .Select(t => (ModelSnapshot)Activator.CreateInstance(t.AsType())!)
            .FirstOrDefault());
    }

    public IReadOnlyDictionary<string, TypeInfo> Migrations => _migrations.Value;

    public ModelSnapshot? ModelSnapshot => _snapshot.Value;

    public Assembly Assembly { get; }

    public string? FindMigrationId(string nameOrId) => Migrations.Keys.FirstOrDefault(id =>
        _idGenerator.IsValidId(nameOrId)
            ? string.Equals(id, nameOrId, StringComparison.OrdinalIgnoreCase)
            : string.Equals(_idGenerator.GetName(id), nameOrId, StringComparison.OrdinalIgnoreCase));

    public Migration CreateMigration(TypeInfo migrationClass, string activeProvider)
    {
        var migration = (Migration)Activator.CreateInstance(migrationClass.AsType())!;
        migration.ActiveProvider = activeProvider;
        return migration;
    }
}
