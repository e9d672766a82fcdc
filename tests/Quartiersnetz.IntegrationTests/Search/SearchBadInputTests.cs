using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Quartiersnetz.IntegrationTests.Infrastructure;

namespace Quartiersnetz.IntegrationTests.Search;

/// <summary>Bad input never reaches the database and never ends in a 500: the API answers 400 naming the field, the page says why in German.</summary>
public sealed class SearchBadInputTests(QuartiersnetzFactory factory) : IClassFixture<QuartiersnetzFactory>
{
    public static TheoryData<string, string, string> BadQueries() => new()
    {
        { "q=%22", "q", "mindestens ein Wort" },
        { "q=*", "q", "mindestens ein Wort" },
        { "q=%22%22%22", "q", "mindestens ein Wort" },
        { "q=%3F!.%2C%3B%3A-()%5B%5D%7B%7D%5E~%2A%26%7C", "q", "mindestens ein Wort" },
        { "q=a%20b%20c", "q", "mindestens ein Wort" },
        { "q=", "q", "mindestens ein Wort" },
        { "", "q", "mindestens ein Wort" },
        { "q=" + new string('x', 2000), "q", "höchstens 200 Zeichen" },
        { "q=Quartier&kind=gibt-es-nicht", "kind", "Unbekannter Wert" },
        { "q=Quartier&topic=gibt-es-nicht", "topic", "Unbekannter Wert" },
        { "q=Quartier&municipality=99999999", "municipality", "Unbekannter Wert" },
        { "q=Quartier&bezirk=999", "bezirk", "Unbekannter Wert" },
        { "q=Quartier&year=zwanzig", "year", "Unbekannter Wert" },
        { "q=Quartier&type=Roman", "type", "Unbekannter Wert: Roman" },
        { "q=Quartier&type=Arbeitshilfe&type=Roman&type=Krimi", "type", "Krimi" },
        { "q=Quartier&page=0", "page", "Seite" },
        { "q=Quartier&pageSize=1000", "pageSize", "Seitengröße" },
    };

    [Theory]
    [MemberData(nameof(BadQueries))]
    public async Task The_api_answers_a_german_validation_problem(string query, string field, string message)
    {
        var response = await factory.CreateClient().GetAsync(new Uri("/api/v1/search?" + query, UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var errors = problem.GetProperty("errors").GetProperty(field);
        Assert.Contains(message, errors[0].GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("%22")]
    [InlineData("*")]
    [InlineData("%22Quartier")]
    [InlineData("Quartier%22%20OR%20%22x")]
    [InlineData("NEAR(a%20b)%20AND%20NOT%20%3A%3A%20%26%20%7C%20%21")]
    [InlineData("%27%3B%20DROP%20TABLE%20%22SearchDocuments%22%3B%20--")]
    public async Task The_page_never_fails(string query)
    {
        var response = await factory.CreateBrowserLikeClient().GetAsync(new Uri("/suche?q=" + query, UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_page_explains_bad_input_and_ignores_unknown_facets()
    {
        var client = factory.CreateBrowserLikeClient();
        var tooLong = await client.GetDocumentAsync("/suche?q=" + new string('x', 2000));
        Assert.Contains("höchstens 200 Zeichen", tooLong.QuerySelector("#search-q-error")!.TextContent, StringComparison.Ordinal);
        var onlyPunctuation = await client.GetDocumentAsync("/suche?q=%3F%21.");
        Assert.Contains("mindestens ein Wort", onlyPunctuation.QuerySelector("#search-q-error")!.TextContent, StringComparison.Ordinal);
        // An old bookmark with a facet value that no longer exists still searches.
        var unknownFacet = await client.GetDocumentAsync("/suche?q=Dortmund&kind=gibt-es-nicht&topic=weg&type=Roman");
        Assert.Null(unknownFacet.QuerySelector("#search-q-error"));
        Assert.NotNull(unknownFacet.QuerySelector("#search-hits"));
    }
}
