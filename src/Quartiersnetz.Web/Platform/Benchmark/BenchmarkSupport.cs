using System.Text;
using System.Text.Encodings.Web;
using Quartiersnetz.Data;
using Quartiersnetz.Data.Reference;

namespace Quartiersnetz.Platform.Benchmark;

/// <summary>
/// What the benchmark harness (bench/) needs from the running app, behind the switch
/// <c>Benchmark:Enabled</c> (off unless set): the header <c>X-Db-Queries</c> on every response, and a
/// Fortunes-style reference page at <c>/bench/fortunes</c> that shows what one query and a small HTML
/// template cost in this app, so every measured page can be reported as a ratio to it.
/// </summary>
internal static class BenchmarkSupport
{
    public const string QueryCountHeader = "X-Db-Queries";

    public static bool IsEnabled(IConfiguration configuration) => configuration.GetValue("Benchmark:Enabled", false);

    /// <summary>First in the pipeline, so that every query of the request is counted.</summary>
    public static WebApplication UseQueryCountHeader(this WebApplication app)
    {
        if (!IsEnabled(app.Configuration))
        {
            return app;
        }

        app.Use(static (context, next) =>
        {
            var feature = new QueryCountFeature();
            context.Features.Set(feature);
            context.Response.OnStarting(() =>
            {
                context.Response.Headers[QueryCountHeader] = feature.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }

    public static WebApplication MapBenchmarkReference(this WebApplication app)
    {
        if (IsEnabled(app.Configuration))
        {
            app.MapGet("/bench/fortunes", FortunesAsync).AllowAnonymous().ExcludeFromDescription();
        }

        return app;
    }

    /// <summary>
    /// The TechEmpower "Fortunes" shape on this app's data: one query for a dozen short rows, one row
    /// added in memory, sorted, HTML-encoded into a small table.
    /// </summary>
    private static async Task<IResult> FortunesAsync(QuartiersnetzDbContext db, CancellationToken cancellationToken)
    {
        // Reference data (the platform's own, not a feature's): twelve short rows by primary key.
        var rows = await db.Set<Municipality>().AsNoTracking()
            .OrderBy(m => m.Ags)
            .Take(12)
            .Select(m => new { m.Ags, m.Name })
            .ToListAsync(cancellationToken);
        var fortunes = rows.Select(r => (r.Ags, r.Name)).ToList();
        fortunes.Add(("0", "Zusätzliche Zeile, zur Laufzeit hinzugefügt <script>"));
        fortunes.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));

        var html = new StringBuilder("<!DOCTYPE html><html lang=\"de\"><head><meta charset=\"utf-8\"><title>Fortunes</title></head><body><table><tr><th>id</th><th>message</th></tr>");
        foreach (var (id, name) in fortunes)
        {
            html.Append("<tr><td>").Append(id).Append("</td><td>").Append(HtmlEncoder.Default.Encode(name)).Append("</td></tr>");
        }

        html.Append("</table></body></html>");
        return Results.Content(html.ToString(), "text/html; charset=utf-8");
    }
}
