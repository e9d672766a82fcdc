namespace Quartiersnetz.Data;

/// <summary>
/// Data a feature needs in every installation (the topic vocabulary), added at start after the migrations.
/// Must be idempotent and must never undo what people changed in the running system.
/// </summary>
internal interface IStartupSeed
{
    Task SeedAsync(CancellationToken cancellationToken);
}
