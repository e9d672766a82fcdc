using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.IntegrationTests.Infrastructure;

namespace Quartiersnetz.BrowserTests.Infrastructure;

/// <summary>
/// The real app with its own fresh database (from <see cref="QuartiersnetzFactory"/>) on a real Kestrel
/// port, because a browser cannot talk to the in-memory TestServer.
/// </summary>
public class BrowserApp : QuartiersnetzFactory, IAsyncLifetime
{
    private Uri? _baseUri;

    public BrowserApp()
    {
        UseKestrel(0);
    }

    /// <summary>http://127.0.0.1:PORT/ – an IP literal, since Chromium resolves no host names in these tests.</summary>
    public Uri BaseUri => _baseUri ?? throw new InvalidOperationException("The app is not started.");

    public new ValueTask InitializeAsync()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            ?? throw new InvalidOperationException("Kestrel reports no addresses.");
        var port = addresses.Select(a => new Uri(a.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal)).Port).First();
        _baseUri = new UriBuilder("http", "127.0.0.1", port).Uri;
        return ValueTask.CompletedTask;
    }

    public Uri Url(string pathAndQuery) => new(BaseUri, pathAndQuery);
}
