namespace Quartiersnetz.BrowserTests.Infrastructure;

/// <summary>
/// Per test run: one headless Debian Chromium (never a downloaded browser), the Nu checker and a plain
/// HTTP client for fetching server HTML. Tests open their own <see cref="BrowserSession"/> on top.
/// </summary>
public sealed class BrowserEnvironment : IAsyncLifetime
{
    private static readonly string[] ChromiumArguments =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        // Only loopback resolves: a page that pulls anything from another host shows up as a failed request.
        // localhost too, because WebAuthn (passkey tests) refuses IP addresses as relying party.
        "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private NuChecker? _nu;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser is not started.");

    public NuChecker Nu => _nu ?? throw new InvalidOperationException("The Nu checker is not started.");

    /// <summary>No redirects, no cookie jar: callers pass the browser context's cookies themselves.</summary>
    public HttpClient Http { get; } = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
    {
        Timeout = TimeSpan.FromMinutes(1),
    };

    public async ValueTask InitializeAsync()
    {
        // The JVM takes ~10 s to load its schemas; start it first and launch Chromium meanwhile.
        var nu = NuChecker.StartAsync(TestContext.Current.CancellationToken);
        try
        {
            // Machines here are small and the run is parallel; Playwright's 5 s default for expectations is tight.
            SetDefaultExpectTimeout(15_000);
            _playwright = await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = Environment.GetEnvironmentVariable("QN_CHROMIUM") ?? "/usr/bin/chromium",
                Headless = true,
                Args = ChromiumArguments,
            });
        }
        finally
        {
            _nu = await nu;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_nu is not null)
        {
            await _nu.DisposeAsync();
        }

        Http.Dispose();
    }
}
