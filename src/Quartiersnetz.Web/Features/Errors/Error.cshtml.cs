using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Quartiersnetz.Features.Errors;

/// <summary>The German error page for every status code; re-executed by the error-handling middleware.</summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
// Both directives, as the antiforgery token of the layout's sign-out form demands: with "no-store" alone it replaced
// the header and logged a warning for every error page a signed-in person saw.
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
internal sealed class ErrorModel : PageModel
{
    public int Code { get; private set; }

    public IActionResult OnGet(int? code) => Render(code);

    // A failed POST (e.g. a 413 or 500 while posting a form) is re-executed as POST.
    public IActionResult OnPost(int? code) => Render(code);

    private PageResult Render(int? code)
    {
        var reExecuted = HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not null
            || HttpContext.Features.Get<IExceptionHandlerPathFeature>() is not null;
        Code = code is >= 400 and < 600 ? code.Value : Response.StatusCode >= 400 ? Response.StatusCode : 500;
        if (!reExecuted || Response.StatusCode < 400)
        {
            Response.StatusCode = Code;
        }

        if (Response.StatusCode == StatusCodes.Status503ServiceUnavailable)
        {
            Platform.Errors.Overload.SetRetryAfter(Response);
        }

        return Page();
    }
}
