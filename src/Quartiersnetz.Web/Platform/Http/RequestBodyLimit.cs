using Microsoft.AspNetCore.Http.Features;

namespace Quartiersnetz.Platform.Http;

/// <summary>
/// Rejects request bodies above Limits:MaxRequestBodyBytes with 413 before anything reads them.
/// Kestrel enforces the same limit for bodies without Content-Length; this middleware answers the
/// common case at once and on every server (including the test server).
/// </summary>
internal static class RequestBodyLimit
{
    public const string SettingKey = "Limits:MaxRequestBodyBytes";
    public const long Default = 30 * 1024 * 1024;

    public static long FromConfiguration(IConfiguration configuration) =>
        configuration.GetValue<long?>(SettingKey) is { } value and > 0 ? value : Default;

    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app, long maxBytes) => app.Use(async (context, next) =>
    {
        // The error page re-executes the same request; it must not be rejected a second time.
        if (context.Request.ContentLength > maxBytes && context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is null)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = maxBytes;
        }

        await next(context);
    });
}
