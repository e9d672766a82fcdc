using Quartiersnetz.IntegrationTests.Infrastructure;

namespace Quartiersnetz.IntegrationTests.Municipalities;

public sealed class MunicipalitiesPageTests(QuartiersnetzFactory factory) : IClassFixture<QuartiersnetzFactory>
{
    private readonly HttpClient _client = factory.CreateBrowserLikeClient();

    [Fact]
    public async Task Shows_numbers_in_German_format_with_the_source_named()
    {
        var page = await _client.GetDocumentAsync("/gemeinden?name=D%C3%BCsseldorf");

        var row = page.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains("Düsseldorf, Stadt", StringComparison.Ordinal));
        Assert.Contains("631.217", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("217,41", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Datenlizenz Deutschland", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_through_all_municipalities_fifty_at_a_time()
    {
        var first = await _client.GetDocumentAsync("/gemeinden");
        var last = await _client.GetDocumentAsync("/gemeinden?seite=8");

        Assert.Equal(50, first.QuerySelectorAll("tbody tr").Length);
        Assert.Equal(396 - (7 * 50), last.QuerySelectorAll("tbody tr").Length);
        Assert.NotNull(first.QuerySelector("a[rel=next][href='/gemeinden?seite=2']"));
    }

    [Fact]
    public async Task Filters_by_Kreis_and_keeps_the_filter_in_the_pager()
    {
        var page = await _client.GetDocumentAsync("/gemeinden?kreis=05166");

        Assert.Equal(9, page.QuerySelectorAll("tbody tr").Length);
        Assert.Equal("05166", page.QuerySelector("#filter-kreis option[selected]")?.GetAttribute("value"));
    }

    [Theory]
    [InlineData("/gemeinden?seite=-5")]
    [InlineData("/gemeinden?seite=abc")]
    [InlineData("/gemeinden?seite=9999")]
    public async Task Bad_paging_values_from_the_address_bar_do_not_fail(string url)
    {
        var page = await _client.GetDocumentAsync(url);

        Assert.NotNull(page.QuerySelector("h1"));
    }

    [Fact]
    public async Task An_overlong_filter_is_cut_not_failed()
    {
        var page = await _client.GetDocumentAsync("/gemeinden?name=" + new string('a', 5000));

        Assert.Contains("Keine Gemeinde", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }
}
