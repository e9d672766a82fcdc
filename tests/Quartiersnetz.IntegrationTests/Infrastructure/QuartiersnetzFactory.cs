using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Quartiersnetz.IntegrationTests.Infrastructure;

/// <summary>
/// The real application over a real database of its own (one per factory, i.e. per test class), sending
/// its mails to a real SMTP server of its own inside the test process (<see cref="Smtp"/>).
/// The bootstrap office account is created with a known test password.
/// </summary>
public class QuartiersnetzFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminEmail = "admin@quartiersnetz.test";
    public const string AdminPassword = "Test-Passwort-fuer-Admin-1";

    private readonly Dictionary<string, string?> _settings = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<Action<IServiceCollection>> _serviceOverrides = [];

    private readonly bool _ownsResources;
    private readonly string _pickupFolder = Path.Combine(Path.GetTempPath(), "qn-tests", "mail-" + Guid.NewGuid().ToString("N"));

    public QuartiersnetzFactory()
        : this(TestDatabase.Create(), SmtpTestServer.StartOnFreePort(), ownsResources: true)
    {
    }

    /// <summary>A factory on a given database and SMTP server, e.g. a second app node or the app after a restart.</summary>
    protected QuartiersnetzFactory(TestDatabase database, SmtpTestServer smtp, bool ownsResources)
    {
        Database = database;
        Smtp = smtp;
        _ownsResources = ownsResources;
        foreach (var setting in Database.Settings())
        {
            _settings[setting.Key] = setting.Value;
        }

        _settings["Bootstrap:AdminEmail"] = AdminEmail;
        _settings["Bootstrap:AdminPassword"] = AdminPassword;
        _settings["DemoData:Enabled"] = "false";
        _settings["BackgroundJobs:StartDelaySeconds"] = "0";
        _settings["Email:Smtp:Host"] = SmtpTestServer.Host;
        _settings["Email:Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _settings["Email:Smtp:Security"] = "None";
        _settings["Email:PickupDirectory"] = _pickupFolder;
        _settings["Email:PollInterval"] = "00:00:00.2";
        _settings["Email:RetryBaseDelay"] = "00:00:00.5";
        // All test clients share one address; tests of the limits themselves set small ones.
        _settings["RateLimits:PerAddress:PermitLimit"] = "100000";
        _settings["RateLimits:PerAccount:PermitLimit"] = "100000";
        // Tests run offline: the map shows its boundaries without background tiles (tests of the tiles set a URL).
        _settings["Map:TileUrl"] = "";
        Mailbox = new Mailbox(this);
    }

    /// <summary>
    /// Another app instance on the same database and SMTP server, which stay alive when it is disposed:
    /// a second node beside a running one, or the app started again after the first one was stopped.
    /// </summary>
    public static QuartiersnetzFactory On(TestDatabase database, SmtpTestServer smtp) => new(database, smtp, ownsResources: false);

    /// <summary>The SMTP server this app sends to.</summary>
    public SmtpTestServer Smtp { get; }

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
        if (_ownsResources)
        {
            await Database.DisposeAsync();
            await Smtp.DisposeAsync();
        }

        if (Directory.Exists(_pickupFolder))
        {
            Directory.Delete(_pickupFolder, recursive: true);
        }

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
