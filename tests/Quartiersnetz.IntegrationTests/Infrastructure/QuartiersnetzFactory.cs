using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Quartiersnetz.IntegrationTests.Infrastructure;

/// <summary>
/// The real application over a real database of its own (one per factory, i.e. per test class).
/// The bootstrap office account is created with a known test password.
/// </summary>
public class QuartiersnetzFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminEmail = "admin@quartiersnetz.test";
    public const string AdminPassword = "Test-Passwort-fuer-Admin-1";

    private readonly Dictionary<string, string?> _settings = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<Action<IServiceCollection>> _serviceOverrides = [];

    public QuartiersnetzFactory()
    {
        Database = TestDatabase.Create();
        foreach (var setting in Database.Settings())
        {
            _settings[setting.Key] = setting.Value;
        }

        _settings["Bootstrap:AdminEmail"] = AdminEmail;
        _settings["Bootstrap:AdminPassword"] = AdminPassword;
        _settings["DemoData:Enabled"] = "false";
        // All test clients share one address; tests of the limits themselves set small ones.
        _settings["RateLimits:PerAddress:PermitLimit"] = "100000";
        _settings["RateLimits:PerAccount:PermitLimit"] = "100000";
        Mailbox = new Mailbox(this);
    }

    /// <summary>The mails the app sent, as their recipients see them.</summary>
    public Mailbox Mailbox { get; }

    public TestDatabase Database { get; }

    /// <summary>Sets a configuration value before the app starts.</summary>
    public QuartiersnetzFactory WithSetting(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    /// <summary>Replaces services before the app starts (only for what lies outside the system, like the clock).</summary>
    public QuartiersnetzFactory WithServices(Action<IServiceCollection> configure)
    {
        _serviceOverrides.Add(configure);
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var setting in _settings)
        {
            builder.UseSetting(setting.Key, setting.Value);
        }

        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(_settings));
        builder.ConfigureTestServices(services =>
        {
            foreach (var overrides in _serviceOverrides)
            {
                overrides(services);
            }
        });
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Database.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Creates a scope to read or arrange data directly in the app's database.</summary>
    public AsyncServiceScope CreateScope() => Services.CreateAsyncScope();

    internal static void ReplaceSingleton<T>(IServiceCollection services, T instance)
        where T : class
    {
        services.RemoveAll<T>();
        services.AddSingleton(instance);
    }
}
