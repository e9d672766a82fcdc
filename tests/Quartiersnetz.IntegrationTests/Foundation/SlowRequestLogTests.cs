using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.Platform.Http;

namespace Quartiersnetz.IntegrationTests.Foundation;

/// <summary>Requests over the threshold are logged by path (never with the query string outside bench runs), others not.</summary>
public sealed class SlowRequestLogTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_request_over_the_threshold_is_logged_with_method_path_and_status_but_without_its_query()
    {
        var log = new CapturedLog(category => category == SlowRequestLog.Category);
        await using var factory = Logging(log, "0.0001");

        using var response = await factory.CreateClient().GetAsync(new Uri("/suche?q=Geheimwort", UriKind.Relative), Ct);

        Assert.Contains(log.Messages, m => m.StartsWith("Slow request: GET /suche answered 200 after ", StringComparison.Ordinal));
        Assert.DoesNotContain(log.Messages, m => m.Contains("Geheimwort", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Requests_under_the_threshold_and_a_switched_off_log_write_nothing()
    {
        var log = new CapturedLog(category => category == SlowRequestLog.Category);
        await using var fast = Logging(log, "600000");
        using (await fast.CreateClient().GetAsync(new Uri("/impressum", UriKind.Relative), Ct))
        {
        }

        await using var off = Logging(log, "0");
        using (await off.CreateClient().GetAsync(new Uri("/impressum", UriKind.Relative), Ct))
        {
        }

        Assert.Empty(log.Messages);
    }

    private static QuartiersnetzFactory Logging(CapturedLog log, string thresholdMilliseconds) => new QuartiersnetzFactory()
        .WithSetting("Diagnostics:SlowRequestMilliseconds", thresholdMilliseconds)
        .WithServices(s => s.AddSingleton<ILoggerProvider>(log));
}
