using Quartiersnetz.IntegrationTests.Infrastructure;

namespace Quartiersnetz.IntegrationTests.Search;

/// <summary>
/// The shared German query suite: the same queries with the same expected hits on SQLite (FTS5) and PostgreSQL
/// (tsvector) — ./test.sh runs this class on both. Searched as the public; expected titles are matched by their start.
/// </summary>
public sealed class GermanSearchQueryTests(SearchFixture fixture) : IClassFixture<SearchFixture>
{
    private const string Nordstadt = "Dortmund Nordstadt";
    private const string Chorweiler = "Köln-Chorweiler";
    private const string Sennestadt = "Bielefeld Sennestadt";
    private const string Tagung = "Fachtagung Soziale Stadt";
    private const string Buero = "Stadtteilbüro Hagen-Altenhagen";
    private const string Institut = "Institut für Landes- und Stadtentwicklungsforschung";
    private const string Mobilitaet = "Nachhaltige Mobilität im Testquartier";
    private const string Quellwasser = "Friederike Quellwasser";
    private const string Guide = SearchFixture.PublicGuide;
    private const string Report = SearchFixture.PublicReport;

    public static TheoryData<string, string[], string[]> Queries() => new()
    {
        // Plain words, case
        { "q=Quartiersmanagement", [Nordstadt], [Chorweiler] },
        { "q=quartiersmanagement", [Nordstadt], [] },
        { "q=Alleinerziehende", [Buero], [] },
        { "q=Quellwasser", [Quellwasser], [] },
        // Stemming
        { "q=Wohnung", [Nordstadt], [] },
        { "q=Wohnungen", [Nordstadt], [] },
        { "q=Quartiere", [Chorweiler, Tagung], [] },
        { "q=Spielplatz", [Chorweiler], [] },
        { "q=Fassade", [Sennestadt], [] },
        { "q=Dach", [Sennestadt], [] },
        { "q=Sprachkurs", [Buero], [] },
        { "q=Familie", [Nordstadt], [] },
        // Umlaut and ß folding
        { "q=Buergerbeteiligung", [Nordstadt], [] },
        { "q=Bürgerbeteiligung", [Nordstadt], [] },
        { "q=Muensterstrasse", [Nordstadt], [] },
        { "q=Münsterstraße", [Nordstadt], [] },
        { "q=Gruenflaechen", [Chorweiler], [] },
        { "q=Stadtteilbuero", [Buero], [] },
        { "q=Mobilitaet", [Mobilitaet], [] },
        { "q=Strasse%20Einheit", [Tagung], [] },
        // Compound parts
        { "q=Quartier", [Nordstadt, Chorweiler, Tagung], [Sennestadt] },
        { "q=Beteiligung", [Nordstadt], [] },
        { "q=Management", [Nordstadt], [] },
        { "q=Fläche", [Chorweiler], [] },
        { "q=Mieter", [Chorweiler], [] },
        { "q=Beratung", [Chorweiler, Buero], [] },
        { "q=Klima", [Sennestadt], [] },
        { "q=Arbeit", [Tagung], [] },
        { "q=Jugend", [Tagung], [] },
        { "q=Nachbarschaft", [Tagung], [] },
        { "q=Entwicklung", [Institut], [] },
        { "q=Verkehr", [Mobilitaet], [] },
        // Typos (five letters or more; two edits from nine letters)
        { "q=Quartiersmanagment", [Nordstadt], [] },
        { "q=Bürgerbeteilgung", [Nordstadt], [] },
        { "q=Klimaanpasung", [Sennestadt], [] },
        { "q=Gemeinwesenarbiet", [Tagung], [] },
        { "q=Aleinerziehnde", [Buero], [] },
        { "q=Dahc", [], [Sennestadt] },
        // Phrases
        { "q=%22Stra%C3%9Fe%20der%20Einheit%22", [Tagung], [] },
        { "q=%22Einheit%20der%20Stra%C3%9Fe%22", [], [Tagung] },
        { "q=%22Soziale%20Stadt%22", [Tagung], [] },
        { "q=%22neue%20Wohnungen%22", [Nordstadt], [Chorweiler] },
        { "q=%22neue%20Spielpl%C3%A4tze%22", [Chorweiler], [Nordstadt] },
        // Several words: all must occur
        { "q=Quartier%20Spielplatz", [Chorweiler], [Nordstadt, Tagung] },
        { "q=Klima%20Wohnung", [], [Sennestadt, Nordstadt] },
        // Facets
        { "q=Quartier&kind=area", [Nordstadt, Chorweiler], [Tagung] },
        { "q=Quartier&bezirk=053", [Chorweiler], [Nordstadt, Tagung] },
        { "q=Quartier&year=2025", [Tagung], [Nordstadt, Chorweiler] },
        { "q=Quartier&municipality=05913000", [Nordstadt], [Chorweiler] },
        { "q=Quartier&topic=" + SearchFixture.TopicSlug, [Nordstadt], [Chorweiler, Tagung] },
        { "q=Quartier&kind=area&kind=event", [Nordstadt, Chorweiler, Tagung], [] },
        { "q=Dortmund&kind=organisation", [Institut], [Nordstadt] },
        // Publications by words that occur only in the extracted text of their files
        { "q=Verfügungsfonds", [Guide], [Report] },
        { "q=Verfuegungsfonds", [Guide], [] },
        { "q=Haustuergespraech", [Guide], [] },
        { "q=Hochhaussiedlung", [Guide], [] },
        { "q=Siedlung", [Guide], [] },
        { "q=Stadtteilkonferenzen", [Report], [Guide] },
        { "q=Konferenz", [Report], [] },
        { "q=Ladenlokal", [Report], [] },
        { "q=Gemeinschaftsgaerten", [Report], [] },
        { "q=%22Zwischennutzung%20leerstehender%20Ladenlokale%22", [Report], [] },
        { "q=%22Ladenlokale%20leerstehender%20Zwischennutzung%22", [], [Report] },
        { "q=Stadterneuerung&type=Arbeitshilfe", [Guide], [Report] },
        { "q=Stadterneuerung&type=Arbeitshilfe&type=Abschlussbericht", [Guide, Report], [] },
        // What the public never finds
        { "q=Moorfroschteich", [], [SearchFixture.MembersStudy] },
        { "q=Seidenreiher", [], [SearchFixture.MembersStudy] },
        { "q=Kormoranweiher", [], [SearchFixture.DraftDocumentation] },
        { "q=Zwergflusspferd", [], ["Mitgliederversammlung"] },
        { "q=Lenkungskreis", [], ["Steuerungsrunde"] },
        { "q=Nebelkrähe", [], ["Bartholomäus"] },
        { "q=Wüstenspringmaus", [], ["Deaktivierte"] },
        { "q=Feldlerche", [], ["Ungelistete"] },
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task Finds_what_a_German_reader_expects(string query, string[] expected, string[] absent)
    {
        var client = fixture.Factory.CreateClient();
        var titles = SearchFixture.Titles(await SearchFixture.SearchAsync(client, query));
        foreach (var title in expected)
        {
            Assert.True(titles.Any(t => t.StartsWith(title, StringComparison.Ordinal)), $"{query}: expected \"{title}\" among [{string.Join(" | ", titles)}]");
        }

        foreach (var title in absent)
        {
            Assert.False(titles.Any(t => t.StartsWith(title, StringComparison.Ordinal)), $"{query}: \"{title}\" must not be found; got [{string.Join(" | ", titles)}]");
        }

        if (expected.Length == 0 && absent.Length > 0)
        {
            Assert.DoesNotContain(titles, t => absent.Any(a => t.Contains(a, StringComparison.Ordinal)));
        }
    }

    [Fact]
    public async Task Counts_facets_and_marks_the_matching_words()
    {
        var client = fixture.Factory.CreateClient();
        var answer = await SearchAsync(client, "q=Quartier&kind=area");
        // The kind facet ignores its own choice, so the other kinds stay selectable with their counts.
        Assert.Equal(2, SearchFixture.FacetCount(answer, "kind", "area"));
        Assert.Equal(1, SearchFixture.FacetCount(answer, "kind", "event"));
        Assert.Equal(1, SearchFixture.FacetCount(answer, "bezirk", "053"));
        Assert.Equal(1, SearchFixture.FacetCount(answer, "year", "2008"));
        Assert.Equal(2, answer.GetProperty("total").GetInt64());
        var snippet = answer.GetProperty("hits").EnumerateArray().First(h => h.GetProperty("title").GetString() == "Dortmund Nordstadt").GetProperty("snippet");
        var marked = snippet.EnumerateArray().Where(p => p.GetProperty("marked").GetBoolean()).Select(p => p.GetProperty("text").GetString()).ToList();
        Assert.Contains("Quartiersmanagement", marked);
    }

    [Fact]
    public async Task Hits_with_the_word_in_the_title_come_first_shorter_titles_first_then_the_newest()
    {
        var answer = await SearchAsync(fixture.Factory.CreateClient(), "q=Lurchbr%C3%BCcke");

        Assert.Equal(
            ["Lurchbrücke am Mühlbach", "Die große Lurchbrücke im Auenpark und ihre Pflege", "Krötenzaun am Mühlbach", "Amphibienschutz im Auenpark"],
            SearchFixture.Titles(answer));
        // Paging continues the same order.
        var third = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<System.Text.Json.JsonElement>(
            fixture.Factory.CreateClient(), new Uri("/api/v1/search?q=Lurchbr%C3%BCcke&page=3&pageSize=1", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(["Krötenzaun am Mühlbach"], SearchFixture.Titles(third));
        Assert.Equal(4, third.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task A_hit_in_the_title_shows_the_beginning_of_the_description_not_the_facet_words()
    {
        var answer = await SearchAsync(fixture.Factory.CreateClient(), "q=Chorweiler&kind=area");

        var snippet = answer.GetProperty("hits").EnumerateArray().Single().GetProperty("snippet");
        var text = string.Concat(snippet.EnumerateArray().Select(p => p.GetProperty("text").GetString()));
        Assert.StartsWith("Die Quartiere im Norden", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_shows_hits_facets_and_marks_safely()
    {
        var client = fixture.Factory.CreateBrowserLikeClient();
        var page = await client.GetDocumentAsync("/suche?q=Wohnungen");
        var hit = page.QuerySelectorAll("#search-hits > li").Single(li => li.QuerySelector("a")!.TextContent == "Dortmund Nordstadt");
        Assert.Contains(hit.QuerySelectorAll("mark"), m => m.TextContent == "Wohnungen");
        Assert.NotNull(page.QuerySelector("fieldset input[type=checkbox][name=kind][value=area]"));
    }

    [Fact]
    public async Task Counts_publication_types_and_keeps_the_other_types_selectable()
    {
        var answer = await SearchAsync(fixture.Factory.CreateClient(), "q=Stadterneuerung&type=Arbeitshilfe");

        Assert.Equal(1, answer.GetProperty("total").GetInt64());
        Assert.Equal(1, SearchFixture.FacetCount(answer, "type", "Arbeitshilfe"));
        // The type facet ignores its own choice; the members' study and the draft are not counted for the public.
        Assert.Equal(1, SearchFixture.FacetCount(answer, "type", "Abschlussbericht"));
        Assert.Equal(0, SearchFixture.FacetCount(answer, "type", "Fachstudie"));
        Assert.Equal(0, SearchFixture.FacetCount(answer, "type", "Dokumentation"));
        Assert.Equal(1, SearchFixture.FacetCount(answer, "kind", "publication"));
        var chosen = answer.GetProperty("facets").GetProperty("type").EnumerateArray().Single(v => v.GetProperty("value").GetString() == "Arbeitshilfe");
        Assert.True(chosen.GetProperty("selected").GetBoolean());
        Assert.Equal("Arbeitshilfe", chosen.GetProperty("label").GetString());
        Assert.Equal("Arbeitshilfe", answer.GetProperty("hits")[0].GetProperty("subtype").GetString());
    }

    [Fact]
    public async Task The_page_offers_the_publication_type_as_a_labelled_checkbox_group()
    {
        var page = await fixture.Factory.CreateBrowserLikeClient().GetDocumentAsync("/suche?q=Stadterneuerung&type=Abschlussbericht");

        var group = page.QuerySelectorAll("fieldset").Single(f => f.QuerySelector("legend")?.TextContent == "Publikationsart");
        var report = group.QuerySelector("input[type=checkbox][name=type][value=Abschlussbericht]")!;
        Assert.True(report.HasAttribute("checked"));
        Assert.Contains("Abschlussbericht (1)", group.QuerySelector($"label[for='{report.Id}']")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(group.QuerySelector("input[name=type][value=Arbeitshilfe]"));
        Assert.Null(group.QuerySelector("input[name=type][value=Fachstudie]"));
        Assert.Equal([SearchFixture.PublicReport], page.QuerySelectorAll("#search-hits > li a").Select(a => a.TextContent).ToArray());
    }

    private static Task<System.Text.Json.JsonElement> SearchAsync(HttpClient client, string query) => SearchFixture.SearchAsync(client, query);
}
