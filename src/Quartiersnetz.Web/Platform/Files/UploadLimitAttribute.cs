using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Quartiersnetz.Platform.Files;

/// <summary>
/// Refuses request bodies above a page's own limit with 413 (the German error page) before anything
/// reads the form, including the antiforgery check. Browsers send Content-Length with form posts; for
/// bodies without one the server limit is lowered as well, as [RequestSizeLimit] does.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class UploadLimitAttribute(long maxRequestBytes) : Attribute, IAuthorizationFilter, IOrderedFilter
{
    public long MaxRequestBytes { get; } = maxRequestBytes;

    // Before the antiforgery filter (order 1000), which reads the form.
    public int Order => 900;

    public void OnAuthorization(AuthorizationFilterContext context)
    {
        var http = context.HttpContext;
        if (http.Request.ContentLength > MaxRequestBytes)
        {
            context.Result = new StatusCodeResult(StatusCodes.Status413PayloadTooLarge);
            return;
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = MaxRequestBytes;
        }
    }
}
