namespace Quartiersnetz.Platform.Security;

/// <summary>
/// Security headers on every response. The Content-Security-Policy has no 'unsafe-inline': pages load
/// scripts and styles only from files of this site, so injected markup cannot run.
/// </summary>
internal static class SecurityHeaders
{
    /// <summary>Configuration key of the map's background tiles (a URL template; empty = no tiles).</summary>
    public const string TileUrlKey = "Map:TileUrl";

    public const string DefaultTileUrl = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";

    private const string PolicyBefore =
        "default-src 'self'; base-uri 'self'; object-src 'none'; frame-ancestors 'none'; form-action 'self'; "
        + "script-src 'self'; style-src 'self'; img-src 'self' data:";

    private const string PolicyAfter = "; font-src 'self'; connect-src 'self'";

    /// <summary>The policy allowing images from <paramref name="tileOrigin"/> (the map's tile server), or from nowhere else when null.</summary>
    public static string PolicyFor(string? tileOrigin) => PolicyBefore + (tileOrigin is null ? "" : " " + tileOrigin) + PolicyAfter;

    /// <summary>
    /// The configured tile URL template: the default when the key is missing, null when it is set empty (no tiles)
    /// or is not an absolute http(s) URL.
    /// </summary>
    public static string? TileUrl(IConfiguration configuration)
    {
        var value = configuration[TileUrlKey];
        if (value is null)
        {
            return DefaultTileUrl;
        }

        return TileOrigin(value) is null ? null : value.Trim();
    }

    /// <summary>
    /// Stops the start when <c>Map:TileUrl</c> is set but unusable: the map would otherwise show no tiles without
    /// anyone knowing why. Empty means "no tiles" on purpose and is accepted.
    /// </summary>
    public static void EnsureTileUrlValid(IConfiguration configuration)
    {
        var value = configuration[TileUrlKey];
        if (!string.IsNullOrWhiteSpace(value) && TileOrigin(value) is null)
        {
            throw new Quartiersnetz.Platform.Errors.StartupConfigurationException(
                $"Setting {TileUrlKey} is not an absolute http(s) URL template: '{value}'. Leave it empty for a map without background tiles.");
        }
    }

    /// <summary>
    /// The CSP source of a tile URL template ("https://tile.openstreetmap.org"); a "{s}" sub-domain placeholder
    /// becomes a wildcard. Null for an empty or unusable template.
    /// </summary>
    public static string? TileOrigin(string? tileUrl)
    {
        if (string.IsNullOrWhiteSpace(tileUrl))
        {
            return null;
        }

        var probe = tileUrl.Trim().Replace("{s}", "subdomain-placeholder", StringComparison.Ordinal);
        if (!Uri.TryCreate(probe, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return null;
        }

        var host = uri.Host.Replace("subdomain-placeholder", "*", StringComparison.Ordinal);
        return uri.IsDefaultPort ? $"{uri.Scheme}://{host}" : $"{uri.Scheme}://{host}:{uri.Port}";
    }

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        // The tile server is fixed for the life of the process, so the header is built once.
        var policy = PolicyFor(TileOrigin(TileUrl(app.ApplicationServices.GetRequiredService<IConfiguration>())));
        return app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = policy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                return Task.CompletedTask;
            });
            await next(context);
        });
    }
}
