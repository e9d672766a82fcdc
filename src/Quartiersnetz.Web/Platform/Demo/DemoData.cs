namespace Quartiersnetz.Platform.Demo;

/// <summary>
/// A feature's sample content for trying the portal out. Implementations are registered by the
/// feature's module and run only when DemoData:Enabled is true; each must be idempotent.
/// </summary>
internal interface IDemoDataContributor
{
    Task ContributeAsync(IServiceProvider services, CancellationToken cancellationToken);
}

internal static class DemoData
{
    public const string SettingKey = "DemoData:Enabled";

    public static async Task SeedIfEnabledAsync(IServiceProvider services, IConfiguration configuration, ILogger logger, CancellationToken cancellationToken)
    {
        if (!configuration.GetValue<bool>(SettingKey))
        {
            return;
        }

        await using var scope = services.CreateAsyncScope();
        foreach (var contributor in scope.ServiceProvider.GetServices<IDemoDataContributor>())
        {
            await contributor.ContributeAsync(scope.ServiceProvider, cancellationToken);
        }

        logger.LogInformation("Demo data is switched on ({Key}): sample people and content are marked as demo", SettingKey);
    }
}
