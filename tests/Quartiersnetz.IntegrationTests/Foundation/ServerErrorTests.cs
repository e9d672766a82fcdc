using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Accessibility;
using Quartiersnetz.IntegrationTests.Infrastructure;

namespace Quartiersnetz.IntegrationTests.Foundation;

/// <summary>A clock that fails on demand: the one thing outside the system a request here depends on.</summary>
public sealed class FailingClock : TimeProvider
{
    public bool Fail { get; set; }

    public override DateTimeOffset GetUtcNow() =>
        Fail ? throw new InvalidOperationException("Simulated failure outside the system.") : System.GetUtcNow();
}

public sealed class FailingClockFactory : QuartiersnetzFactory
{
    public FailingClockFactory() => WithServices(services => ReplaceSingleton<TimeProvider>(services, Clock));

    public FailingClock Clock { get; } = new();
}

public sealed class ServerErrorTests(FailingClockFactory factory) : IClassFixture<FailingClockFactory>
{
    [Fact]
    public async Task An_unexpected_error_shows_the_German_500_page_and_stores_nothing()
    {
        var client = factory.CreateBrowserLikeClient();
        _ = await client.GetDocumentAsync("/barrierefreiheit/barriere-melden");
        factory.Clock.Fail = true;
        try
        {
            using var response = await client.SubmitFormAsync("/barrierefreiheit/barriere-melden", new Dictionary<string, string>
            {
                ["Input.Message"] = "Dieser Bericht darf nicht gespeichert werden.",
            });

            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
            var page = await response.ParseAsync();
            Assert.Equal("Ein Fehler ist aufgetreten", page.QuerySelector("h1")?.TextContent);
            Assert.DoesNotContain("InvalidOperationException", page.DocumentElement.OuterHtml, StringComparison.Ordinal);
        }
        finally
        {
            factory.Clock.Fail = false;
        }

        await using var scope = factory.CreateScope();
        var stored = await scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>().Set<AccessibilityFeedback>()
            .CountAsync(f => f.Message == "Dieser Bericht darf nicht gespeichert werden.", TestContext.Current.CancellationToken);
        Assert.Equal(0, stored);
    }
}
