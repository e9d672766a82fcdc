using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Data;
using Quartiersnetz.IntegrationTests.ApiAccess;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.IntegrationTests.Topics;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.IntegrationTests.ExpertFinder;

/// <summary>GET /api/v1/experts: the page's search for scripts, with ProblemDetails for bad input.</summary>
public sealed class ExpertFinderApiTests(QuartiersnetzFactory factory) : IClassFixture<QuartiersnetzFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Members_get_the_same_ranking_and_explanation_as_on_the_page()
    {
        var field = await factory.CreateTopicAsync("Api-Feld " + ExpertTestSupport.Word());
        var sub = await factory.CreateTopicAsync("Api-Unterthema " + ExpertTestSupport.Word(), field.Id);
        var two = await factory.CreateExpertAsync("Zweimal Belegt", [field, sub]);
        var one = await factory.CreateExpertAsync("Einmal Belegt", [sub], u => u.FunctionTitle = "Stadtplanung");
        var hidden = await factory.CreateExpertAsync("Versteckt Belegt", [sub], u => u.NameVisibility = ProfileVisibility.Office);
        var api = await MemberApiAsync();

        using var json = JsonDocument.Parse(await api.GetStringAsync(new Uri($"/api/v1/experts?topic={field.Slug}", UriKind.Relative), Ct));

        var items = json.RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([two, one], items.Select(i => i.GetProperty("id").GetGuid()));
        Assert.Equal(2, items[0].GetProperty("score").GetInt32());
        Assert.Equal($"Themen im Profil: {field.Name}, {sub.Name}", items[0].GetProperty("reasons")[0].GetProperty("text").GetString());
        Assert.Equal("Stadtplanung", items[1].GetProperty("function").GetString());
        Assert.Equal(2, json.RootElement.GetProperty("totalCount").GetInt32());
        Assert.DoesNotContain(hidden.ToString(), json.RootElement.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Free_text_and_filters_work_as_on_the_page()
    {
        var word = ExpertTestSupport.Word();
        var topic = await factory.CreateTopicAsync($"Straßenraum {word}");
        var koeln = await factory.CreateExpertAsync("Käthe Köln", [topic], u => u.MunicipalityAgs = ApiTestPeople.Koeln);
        await factory.CreateExpertAsync("Dirk Düsseldorf", [topic], u => u.MunicipalityAgs = ApiTestPeople.Duesseldorf);
        var api = await MemberApiAsync();

        using var json = JsonDocument.Parse(await api.GetStringAsync(
            new Uri($"/api/v1/experts?q=strassenraum%20{word}&region=053", UriKind.Relative), Ct));

        Assert.Equal([koeln], json.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
    }

    [Theory]
    [InlineData("topic=gibt-es-nicht", "topic", "gibt es nicht")]
    [InlineData("q=", "q", "Thema (topic) oder einen Suchtext (q)")]
    [InlineData("", "q", "Thema (topic) oder einen Suchtext (q)")]
    [InlineData("q=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "q", "höchstens 100 Zeichen")]
    [InlineData("q=Leerstand&municipality=99999999", "municipality", "gibt es nicht")]
    [InlineData("q=Leerstand&district=12345", "district", "gibt es nicht")]
    [InlineData("q=Leerstand&region=999", "region", "gibt es nicht")]
    [InlineData("q=Leerstand&role=Kaiser", "role", "Unbekannte Rolle")]
    [InlineData("q=Leerstand&pageSize=1000", "pageSize", "zwischen 1 und 100")]
    public async Task Bad_input_is_answered_with_a_German_validation_problem(string query, string field, string expected)
    {
        var api = await MemberApiAsync();

        using var response = await api.GetAsync(new Uri($"/api/v1/experts?{query}", UriKind.Relative), Ct);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(expected, problem.GetProperty("errors").GetProperty(field)[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_public_is_refused()
    {
        using var response = await factory.CreateClient().GetAsync(new Uri("/api/v1/experts?q=Leerstand", UriKind.Relative), Ct);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    private async Task<HttpClient> MemberApiAsync()
    {
        var person = await factory.CreatePersonAsync([Roles.MemberStaff]);
        return factory.CreateBearerClient(await factory.AccessTokenAsync(person));
    }
}

/// <summary>The finder asks each source once and then the database a fixed number of times, however many people match.</summary>
public sealed class ExpertFinderQueryTests : IAsyncLifetime
{
    private readonly CommandCounter _counter = new();
    private readonly QuartiersnetzFactory _factory;

    // The audience cache would answer the repeated search without asking the database; this test counts what a search costs.
    public ExpertFinderQueryTests() =>
        _factory = new QuartiersnetzFactory().WithSetting("Caching:PublicPageSeconds", "0").WithServices(services =>
            services.ConfigureDbContext<QuartiersnetzDbContext>(options => options.AddInterceptors(_counter)));

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task A_search_needs_as_many_queries_for_twenty_five_people_as_for_one()
    {
        var few = await _factory.CreateTopicAsync("Wenige " + ExpertTestSupport.Word());
        var many = await _factory.CreateTopicAsync("Viele " + ExpertTestSupport.Word());
        for (var i = 0; i < 25; i++)
        {
            await _factory.CreateExpertAsync($"Person {i:00}", i == 0 ? [few, many] : [many],
                u => u.MunicipalityAgs = i % 2 == 0 ? ApiTestPeople.Koeln : ApiTestPeople.Duesseldorf);
        }

        var person = await _factory.CreatePersonAsync([Roles.Expert]);
        var api = _factory.CreateBearerClient(await _factory.AccessTokenAsync(person));
        var ct = TestContext.Current.CancellationToken;
        // Warm up: the first request of a token loads the account.
        await api.GetStringAsync(new Uri($"/api/v1/experts?topic={few.Slug}", UriKind.Relative), ct);

        _counter.Reset();
        var one = await api.GetStringAsync(new Uri($"/api/v1/experts?topic={few.Slug}", UriKind.Relative), ct);
        var forOne = _counter.Count;
        _counter.Reset();
        var all = await api.GetStringAsync(new Uri($"/api/v1/experts?topic={many.Slug}&pageSize=100", UriKind.Relative), ct);
        var forAll = _counter.Count;

        Assert.Equal(1, JsonDocument.Parse(one).RootElement.GetProperty("totalCount").GetInt32());
        Assert.Equal(25, JsonDocument.Parse(all).RootElement.GetProperty("totalCount").GetInt32());
        Assert.Equal(forOne, forAll);
    }
}
