using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Quartiersnetz.IntegrationTests.Infrastructure;

namespace Quartiersnetz.IntegrationTests.Municipalities;

public sealed class MunicipalitiesApiTests(QuartiersnetzFactory factory) : IClassFixture<QuartiersnetzFactory>
{
    private readonly HttpClient _client = factory.CreateBrowserLikeClient();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Lists_municipalities_paged_in_German_alphabetical_order()
    {
        var page = await _client.GetFromJsonAsync<JsonElement>("/api/v1/municipalities?pageSize=10&page=2", Ct);

        Assert.Equal(396, page.GetProperty("totalCount").GetInt32());
        Assert.Equal(40, page.GetProperty("totalPages").GetInt32());
        Assert.Equal(2, page.GetProperty("page").GetInt32());
        var names = page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("shortName").GetString()!).ToList();
        Assert.Equal(10, names.Count);
        Assert.Equal(names.OrderBy(n => n, StringComparer.Create(new System.Globalization.CultureInfo("de-DE"), true)), names);
    }

    [Theory]
    [InlineData("köln")]
    [InlineData("KOELN")]
    [InlineData("Köln")]
    public async Task Filters_by_name_ignoring_case_and_umlaut_spelling(string name)
    {
        var page = await _client.GetFromJsonAsync<JsonElement>($"/api/v1/municipalities?name={Uri.EscapeDataString(name)}", Ct);

        var items = page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("ags").GetString()).ToList();
        Assert.Contains("05315000", items);
    }

    [Fact]
    public async Task Filters_by_Kreis_key_and_by_Kreis_name()
    {
        var byKey = await _client.GetFromJsonAsync<JsonElement>("/api/v1/municipalities?district=05166&pageSize=100", Ct);
        var byName = await _client.GetFromJsonAsync<JsonElement>("/api/v1/municipalities?district=viersen&pageSize=100", Ct);

        Assert.Equal(9, byKey.GetProperty("totalCount").GetInt32());
        Assert.All(byKey.GetProperty("items").EnumerateArray(), i => Assert.Equal("05166", i.GetProperty("districtAgs").GetString()));
        Assert.Equal(9, byName.GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task Returns_one_municipality_with_its_boundary()
    {
        var m = await _client.GetFromJsonAsync<JsonElement>("/api/v1/municipalities/05111000", Ct);

        Assert.Equal("Düsseldorf, Stadt", m.GetProperty("name").GetString());
        Assert.Equal("Reg.-Bez. Düsseldorf", m.GetProperty("regionName").GetString());
        Assert.Equal("Polygon", m.GetProperty("boundary").GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("/api/v1/municipalities?page=abc", "page")]
    [InlineData("/api/v1/municipalities?page=0", "page")]
    [InlineData("/api/v1/municipalities?pageSize=101", "pageSize")]
    [InlineData("/api/v1/municipalities?pageSize=-1", "pageSize")]
    [InlineData("/api/v1/municipalities/0511100X", "ags")]
    [InlineData("/api/v1/municipalities/123", "ags")]
    public async Task Malformed_requests_get_a_German_problem_naming_the_field(string url, string field)
    {
        using var response = await _client.GetAsync(new Uri(url, UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("Ungültige Anfrage", problem.GetProperty("title").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), problem.ToString());
        Assert.Contains(messages.EnumerateArray(), m => m.GetString()!.Length > 10);
    }

    [Fact]
    public async Task An_overlong_name_filter_is_rejected()
    {
        using var response = await _client.GetAsync(new Uri("/api/v1/municipalities?name=" + new string('x', 101), UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty("name", out _));
    }

    [Fact]
    public async Task An_unknown_key_gets_a_German_404_problem()
    {
        using var response = await _client.GetAsync(new Uri("/api/v1/municipalities/05999999", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("Nicht gefunden", problem.GetProperty("title").GetString());
        Assert.Contains("05999999", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_api_address_gets_a_404_problem()
    {
        using var response = await _client.GetAsync(new Uri("/api/v1/gibt-es-nicht", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
