namespace Quartiersnetz.Platform.Http;

/// <summary>
/// Absolute addresses for links that leave the site, such as those in e-mails. Behind a reverse proxy the
/// request's own host may be internal, so Site:PublicBaseUrl wins when it is set; without it (development,
/// tests) the current request's scheme and host are used.
/// </summary>
internal sealed class PublicUrls(IConfiguration configuration, IHttpContextAccessor accessor)
{
    public const string SettingKey = "Site:PublicBaseUrl";

    // Read once (a singleton): the configuration's indexer takes a process-wide lock, and every page builds links.
    private readonly string? configured = configuration[SettingKey];

    /// <summary>Turns "/einladung/abc" into "https://portal.example/einladung/abc".</summary>
    public string Absolute(string pathAndQuery)
    {
        if (!pathAndQuery.StartsWith('/'))
        {
            throw new ArgumentException("Expected a path starting with '/'.", nameof(pathAndQuery));
        }

        return BaseUrl().TrimEnd('/') + pathAndQuery;
    }

    private string BaseUrl()
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        var request = accessor.HttpContext?.Request
            ?? throw new InvalidOperationException($"{SettingKey} must be set to build links outside a request.");
        return $"{request.Scheme}://{request.Host}{request.PathBase}";
    }
}
