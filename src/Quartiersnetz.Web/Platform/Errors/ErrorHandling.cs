using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Platform.Localization;

namespace Quartiersnetz.Platform.Errors;

/// <summary>
/// Errors never show a stack trace or an English framework page: pages re-execute the German error
/// page (/fehler/{code}); /api/v1 answers with ProblemDetails in German that name the faulty field.
/// </summary>
internal static partial class ErrorHandling
{
    public const string ErrorPagePath = "/fehler";

    public static IServiceCollection AddErrorHandling(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var l = context.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<Texts>>();
            var status = context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode;
            if (context.ProblemDetails.Title is null || EnglishDefaultTitles.Contains(context.ProblemDetails.Title))
            {
                context.ProblemDetails.Title = GermanTitle(l, status);
            }

            context.ProblemDetails.Type ??= $"https://httpstatuses.io/{status}";
            context.ProblemDetails.Extensions["traceId"] = context.HttpContext.TraceIdentifier;
        });
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return services;
    }

    public static IApplicationBuilder UseErrorHandling(this IApplicationBuilder app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = ErrorPagePath,
            StatusCodeSelector = ex => ex is BadHttpRequestException bad ? bad.StatusCode
                : Overload.IsOverload(ex) ? StatusCodes.Status503ServiceUnavailable
                : StatusCodes.Status500InternalServerError,
        });
        app.UseWhen(IsApi, api => api.UseStatusCodePages());
        app.UseWhen(context => !IsApi(context), pages => pages.UseStatusCodePagesWithReExecute(ErrorPagePath + "/{0}"));
        return app;
    }

    public static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api");

    public static string GermanTitle(IStringLocalizer l, int status) => status switch
    {
        400 => l["Ungültige Anfrage"],
        401 => l["Anmeldung erforderlich"],
        403 => l["Keine Berechtigung"],
        404 => l["Nicht gefunden"],
        405 => l["Methode nicht erlaubt"],
        409 => l["Konflikt"],
        413 => l["Anfrage zu groß"],
        415 => l["Nicht unterstütztes Format"],
        422 => l["Die Eingaben sind ungültig"],
        429 => l["Zu viele Anfragen"],
        503 => l["Vorübergehend überlastet"],
        _ when status >= 500 => l["Interner Fehler"],
        _ => l["Fehler"],
    };

    private static readonly HashSet<string> EnglishDefaultTitles = new(StringComparer.Ordinal)
    {
        "Bad Request", "Unauthorized", "Forbidden", "Not Found", "Method Not Allowed", "Not Acceptable",
        "Conflict", "Unsupported Media Type", "Unprocessable Entity", "Payload Too Large", "Content Too Large", "Service Unavailable",
        "Too Many Requests", "An error occurred while processing your request.",
        "One or more validation errors occurred.", "Internal Server Error",
    };

    [GeneratedRegex("parameter \"(?:[^\"]*\\s)?(?<name>[^\"\\s]+)\"")]
    private static partial Regex ParameterName();

    /// <summary>Turns exceptions under /api into ProblemDetails; pages fall through to the error page.</summary>
    private sealed class ApiExceptionHandler(IProblemDetailsService problemDetails, IStringLocalizer<Texts> l, ILogger<ApiExceptionHandler> logger)
        : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
        {
            // The middleware has already switched the path to the error page; the original is in the feature.
            var originalPath = httpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? httpContext.Request.Path;
            if (!originalPath.StartsWith("/api", StringComparison.Ordinal))
            {
                return false;
            }

            var problem = new ProblemDetails();
            if (exception is BadHttpRequestException bad)
            {
                problem.Status = bad.StatusCode;
                var field = ParameterName().Match(bad.Message) is { Success: true } m ? m.Groups["name"].Value : null;
                if (field is not null)
                {
                    problem.Detail = bad.Message.Contains("JSON", StringComparison.Ordinal)
                        ? l["Der Inhalt der Anfrage ist kein gültiges JSON für „{0}“.", field]
                        : l["Der Parameter „{0}“ hat einen ungültigen Wert.", field];
                    problem.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [problem.Detail] };
                }
                else
                {
                    problem.Detail = bad.StatusCode == StatusCodes.Status413PayloadTooLarge
                        ? l["Die Anfrage ist zu groß."]
                        : l["Die Anfrage ist fehlerhaft."];
                }
            }
            else if (Overload.IsOverload(exception))
            {
                // An error, not a warning: a command timeout may also be a runaway query, and since .NET 10 the
                // middleware does not log what a handler handled, so this is the only trace.
                logger.LogError(exception, "Database overloaded or timed out in API request {Path}; answered 503", originalPath);
                problem.Status = StatusCodes.Status503ServiceUnavailable;
                problem.Detail = l["Der Dienst ist gerade überlastet. Bitte versuchen Sie es in einigen Sekunden erneut."];
                Overload.SetRetryAfter(httpContext.Response);
            }
            else
            {
                logger.LogError(exception, "Unhandled exception in API request {Path}", originalPath);
                problem.Status = StatusCodes.Status500InternalServerError;
                problem.Detail = l["Ein unerwarteter Fehler ist aufgetreten. Bitte versuchen Sie es später erneut."];
            }

            httpContext.Response.StatusCode = problem.Status.Value;
            return await problemDetails.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = httpContext,
                ProblemDetails = problem,
                Exception = exception,
            });
        }
    }
}
