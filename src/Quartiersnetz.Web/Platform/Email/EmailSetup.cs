using Quartiersnetz.Platform.Errors;
using Quartiersnetz.Platform.Privacy;

namespace Quartiersnetz.Platform.Email;

/// <summary>Registers the outbox, its sender and the e-mail settings.</summary>
internal static class EmailSetup
{
    public static IServiceCollection AddEmail(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(_ => EmailSettings.FromConfiguration(configuration));
        services.AddSingleton<OutboxSignal>();
        services.AddScoped<EmailOutbox>();
        services.AddHostedService<OutboxSender>();
        services.AddScoped<IPersonalDataContributor, OutboxPersonalData>();
        return services;
    }

    /// <summary>
    /// Reads the settings before the app serves anything, so a wrong value stops the start with its key
    /// named instead of failing in the background later; without SMTP, the pickup folder must be writable.
    /// </summary>
    public static void EnsureConfigured(IServiceProvider services)
    {
        var settings = services.GetRequiredService<EmailSettings>();
        if (settings.UsesSmtp)
        {
            return;
        }

        var folder = settings.PickupFolder;
        try
        {
            Directory.CreateDirectory(folder);
            var probe = Path.Combine(folder, $".write-test-{Guid.NewGuid():N}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StartupConfigurationException(
                $"The mail pickup folder '{folder}' from Email:PickupDirectory is not writable (no Email:Smtp:Host is set): {ex.Message}", ex);
        }
    }
}
