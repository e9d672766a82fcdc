using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Quartiersnetz.IntegrationTests.Infrastructure;

namespace Quartiersnetz.IntegrationTests.Foundation;

public sealed class SmallBodyLimitFactory : QuartiersnetzFactory
{
    public SmallBodyLimitFactory() => WithSetting("Limits:MaxRequestBodyBytes", "4096");
}

public sealed class RequestLimitTests(SmallBodyLimitFactory factory) : IClassFixture<SmallBodyLimitFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_oversized_form_post_gets_413_and_the_German_page()
    {
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Message"] = new string('x', 10_000) });

        using var response = await factory.CreateBrowserLikeClient().PostAsync(new Uri("/barrierefreiheit/barriere-melden", UriKind.Relative), content, Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var page = await response.ParseAsync();
        Assert.Equal("Die Anfrage ist zu groß", page.QuerySelector("h1")?.TextContent);
    }

    [Fact]
    public async Task An_oversized_api_request_gets_413_as_problem_details()
    {
        using var content = new StringContent(new string('x', 10_000));

        using var response = await factory.CreateBrowserLikeClient().PostAsync(new Uri("/api/v1/municipalities", UriKind.Relative), content, Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("Anfrage zu groß", problem.GetProperty("title").GetString());
    }
}
