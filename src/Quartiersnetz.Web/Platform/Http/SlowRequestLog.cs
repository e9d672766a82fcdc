using System.Diagnostics;
using Quartiersnetz.Platform.Benchmark;

namespace Quartiersnetz.Platform.Http;

/// <summary>
/// A warning for every request that took longer than <c>Diagnostics:SlowRequestMilliseconds</c> (default 1,000; 0
/// switches it off): method, path, status, milliseconds and, where the bench counts them, the database commands. It
/// names the slow tail of a load test (the bench's app log) and of production, which percentiles alone cannot. The
/// query string is logged only with <c>Benchmark:Enabled</c>: in production it can hold search words or names.
/// </summary>
internal static partial class SlowRequestLog
{
    public const string Category = "Quartiersnetz.SlowRequests";

    /// <summary>Right after the query counter, so the time of everything after it (error pages too) is measured.</summary>
    public static WebApplication UseSlowRequestLog(this WebApplication app)
    {
        var threshold = app.Configuration.GetValue("Diagnostics:SlowRequestMilliseconds", 1000.0);
        if (threshold <= 0)
        {
            return app;
        }

        var withQuery = BenchmarkSupport.IsEnabled(app.Configuration);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(Category);
        app.Use(async (context, next) =>
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await next(context);
            }
            finally
            {
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (elapsed >= threshold)
                {
                    var path = withQuery ? context.Request.Path + context.Request.QueryString : context.Request.Path.ToString();
                    LogSlow(logger, context.Request.Method, path, context.Response.StatusCode, Math.Round(elapsed), context.Features.Get<QueryCountFeature>()?.Count);
                }
            }
        });
        return app;
    }

    [LoggerMessage(EventId = 9100, Level = LogLevel.Warning, Message = "Slow request: {Method} {Path} answered {Status} after {Milliseconds} ms ({Queries} database commands)")]
    private static partial void LogSlow(ILogger logger, string method, string path, int status, double milliseconds, int? queries);
}
