using System.Globalization;
using System.Net;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.Platform.Benchmark;

namespace Quartiersnetz.IntegrationTests.Bench;

/// <summary>The benchmark switch: off by default (no header, no reference page); on, both work.</summary>
public sealed class BenchmarkSwitchTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Off_by_default_there_is_no_query_header_and_no_reference_page()
    {
        await using var app = new QuartiersnetzFactory();
        var client = app.CreateBrowserLikeClient();

        using var home = await client.GetAsync(new Uri("/gemeinden", UriKind.Relative), Ct);
        using var fortunes = await client.GetAsync(new Uri("/bench/fortunes", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.False(home.Headers.Contains(BenchmarkSupport.QueryCountHeader));
        Assert.Equal(HttpStatusCode.NotFound, fortunes.StatusCode);
    }

    [Fact]
    public async Task On_every_response_counts_its_queries_and_the_reference_page_renders_one_query_safely()
    {
        await using var app = new QuartiersnetzFactory().WithSetting("Benchmark:Enabled", "true");
        var client = app.CreateBrowserLikeClient();

        using var fortunes = await client.GetAsync(new Uri("/bench/fortunes", UriKind.Relative), Ct);
        using var list = await client.GetAsync(new Uri("/gemeinden", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.OK, fortunes.StatusCode);
        Assert.Equal("text/html", fortunes.Content.Headers.ContentType?.MediaType);
        Assert.Equal("1", Assert.Single(fortunes.Headers.GetValues(BenchmarkSupport.QueryCountHeader)));
        var html = await fortunes.Content.ReadAsStringAsync(Ct);
        Assert.Equal(13, html.Split("<tr><td>").Length - 1);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.True(int.Parse(Assert.Single(list.Headers.GetValues(BenchmarkSupport.QueryCountHeader)), CultureInfo.InvariantCulture) >= 1);
    }
}
