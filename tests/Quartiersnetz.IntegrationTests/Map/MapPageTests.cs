using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Quartiersnetz.Features.Municipalities;
using Quartiersnetz.Features.ProgrammeAreas;
using Quartiersnetz.IntegrationTests.Infrastructure;
using static Quartiersnetz.IntegrationTests.Map.MapTestData;

namespace Quartiersnetz.IntegrationTests.Map;

/// <summary>Four areas in four Regierungsbezirke; the same filter narrows the table and the map's data alike.</summary>
public sealed class MapPageTests(QuartiersnetzFactory factory) : IClassFixture<QuartiersnetzFactory>
{
    private const string KoelnPolygon = "{\"type\":\"Polygon\",\"coordinates\":[[[6.95,50.94],[6.96,50.94],[6.96,50.95],[6.95,50.94]]]}";
    private const string Organisation = "organisation-finanzierung-und-management-von-stadtteilprojekten";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task SeedAsync()
    {
        if (await factory.ReadAsync(db => db.Set<ProgrammeArea>().AnyAsync(Ct)))
        {
            return;
        }

        await factory.AddAreaAsync("Altstadt-Nord", Koeln, UrbanDevelopmentProgramme.SozialerZusammenhalt, ProgrammeAreaStatus.Laufend, 2015, KoelnPolygon, "verfuegungsfonds");
        await factory.AddAreaAsync("Bahnhofsviertel", Duesseldorf, UrbanDevelopmentProgramme.LebendigeZentren, ProgrammeAreaStatus.InVorbereitung, 2021, null);
        await factory.AddAreaAsync("Zechensiedlung", Dortmund, UrbanDevelopmentProgramme.SozialerZusammenhalt, ProgrammeAreaStatus.Abgeschlossen, null, null, "energetische-sanierung");
        await factory.AddAreaAsync("Hafenquartier", Muenster, UrbanDevelopmentProgramme.StadtumbauWest, ProgrammeAreaStatus.Verstetigung, 2009, null, Organisation);
    }

    private async Task<(IHtmlDocument Page, List<string> Table, List<string> Map)> OpenAsync(string query)
    {
        await SeedAsync();
        var client = factory.CreateBrowserLikeClient();
        var page = await client.GetDocumentAsync("/karte" + query);
        var table = page.QuerySelectorAll("#tabelle tbody tr th").Select(c => c.TextContent.Trim()).ToList();
        var dataUrl = page.QuerySelector("#karte")!.GetAttribute("data-areas-url")!;
        using var json = await GeoJsonAsync(client, dataUrl);
        var map = json.RootElement.GetProperty("features").EnumerateArray()
            .Select(f => f.GetProperty("properties").GetProperty("name").GetString()!).ToList();
        return (page, table, map);
    }

    private static async Task<JsonDocument> GeoJsonAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/geo+json", response.Content.Headers.ContentType?.MediaType);
        return await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(Ct), cancellationToken: Ct);
    }

    [Fact]
    public async Task The_public_map_page_has_a_labelled_map_a_way_past_it_and_the_same_areas_in_a_table()
    {
        var (page, table, map) = await OpenAsync("");

        Assert.Equal("Karte der Programmgebiete – Quartiersnetz", page.Title);
        var container = page.QuerySelector("#karte")!;
        Assert.Equal("region", container.GetAttribute("role"));
        // The German labels of the codes in the areas' GeoJSON travel with the page.
        using (var labels = JsonDocument.Parse(container.GetAttribute("data-labels")!))
        {
            string Label(string group, int code) => labels.RootElement.GetProperty(group).GetProperty(code.ToString(System.Globalization.CultureInfo.InvariantCulture)).GetString()!;
            Assert.Equal("Sozialer Zusammenhalt", Label("programme", (int)Quartiersnetz.Features.ProgrammeAreas.UrbanDevelopmentProgramme.SozialerZusammenhalt));
            Assert.Equal("Aktive Stadt- und Ortsteilzentren", Label("programme", (int)Quartiersnetz.Features.ProgrammeAreas.UrbanDevelopmentProgramme.AktiveStadtUndOrtsteilzentren));
            Assert.Equal("Laufend", Label("status", (int)Quartiersnetz.Features.ProgrammeAreas.ProgrammeAreaStatus.Laufend));
        }

        Assert.False(string.IsNullOrWhiteSpace(container.GetAttribute("aria-label")));
        var note = page.GetElementById(container.GetAttribute("aria-describedby")!)!;
        Assert.Contains("Die Tabelle unter der Karte enthält dieselben Inhalte", note.TextContent, StringComparison.Ordinal);
        var skip = page.QuerySelector("a[href='#tabelle']")!;
        Assert.True(skip.CompareDocumentPosition(container).HasFlag(DocumentPositions.Following), "The skip link comes before the map.");
        Assert.NotNull(page.GetElementById("tabelle"));
        Assert.Contains("GeoBasis-DE / BKG", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        // Named by its content hash (leaflet.abc123.js), so browsers may keep it.
        Assert.Matches(@"^/lib/leaflet/leaflet\.[a-z0-9]+\.js$", page.QuerySelectorAll("script").Select(s => s.GetAttribute("src") ?? "").First());

        Assert.Equal(["Altstadt-Nord", "Bahnhofsviertel", "Hafenquartier", "Zechensiedlung"], table);
        Assert.Equal(table, map);
        Assert.Contains("4 Programmgebiete", page.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        var row = page.QuerySelectorAll("#tabelle tbody tr")[0];
        Assert.Equal(
            ["Altstadt-Nord", "Köln, Stadt", "Köln, Stadt", "Reg.-Bez. Köln", "Sozialer Zusammenhalt", "Laufend", "2015"],
            row.Children.Select(c => c.TextContent.Trim()).ToList());
        Assert.StartsWith("/programmgebiete/", row.QuerySelector("th a")!.GetAttribute("href"), StringComparison.Ordinal);
        Assert.Equal("/gemeinden/" + Koeln, row.QuerySelector("td a")!.GetAttribute("href"));
    }

    [Theory]
    [InlineData("?programm=SozialerZusammenhalt", new[] { "Altstadt-Nord", "Zechensiedlung" })]
    [InlineData("?programm=LebendigeZentren", new[] { "Bahnhofsviertel" })]
    [InlineData("?thema=verfuegungsfonds", new[] { "Altstadt-Nord" })]
    [InlineData("?thema=" + Organisation, new[] { "Altstadt-Nord", "Hafenquartier" })]
    [InlineData("?thema=oekologisch-nachhaltige-quartiersgestaltung", new[] { "Zechensiedlung" })]
    [InlineData("?bezirk=053", new[] { "Altstadt-Nord" })]
    [InlineData("?bezirk=059", new[] { "Zechensiedlung" })]
    [InlineData("?programm=SozialerZusammenhalt&bezirk=051", new string[0])]
    [InlineData("?programm=SozialerZusammenhalt&thema=" + Organisation + "&bezirk=053", new[] { "Altstadt-Nord" })]
    public async Task A_filter_narrows_the_table_and_the_map_data_alike(string query, string[] expected)
    {
        var (page, table, map) = await OpenAsync(query);

        Assert.Equal(expected, table);
        Assert.Equal(expected, map);
        Assert.Null(page.QuerySelector("#filterfehler"));
        if (expected.Length == 0)
        {
            Assert.Contains("Kein Programmgebiet passt zu diesem Filter.", page.GetElementById("tabelle")!.TextContent, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_filter_form_works_without_javascript_and_shows_the_chosen_values()
    {
        var (page, _, _) = await OpenAsync("?programm=SozialerZusammenhalt&thema=verfuegungsfonds&bezirk=053");

        var form = (IHtmlFormElement)page.QuerySelector("form[role=search]")!;
        Assert.Equal("get", form.Method);
        Assert.Equal("SozialerZusammenhalt", ((IHtmlSelectElement)form.QuerySelector("#filter-programm")!).Value);
        Assert.Equal("verfuegungsfonds", ((IHtmlSelectElement)form.QuerySelector("#filter-thema")!).Value);
        Assert.Equal("053", ((IHtmlSelectElement)form.QuerySelector("#filter-bezirk")!).Value);
        Assert.Equal("/karte/gebiete.geojson?programm=SozialerZusammenhalt&thema=verfuegungsfonds&bezirk=053", page.QuerySelector("#karte")!.GetAttribute("data-areas-url"));
        // A Handlungsfeld can be chosen as a whole, its sub-topics one by one.
        Assert.NotNull(form.QuerySelector($"optgroup option[value='{Organisation}']"));
        Assert.Equal(5, form.QuerySelectorAll("#filter-bezirk option[value]").Count(o => o.GetAttribute("value") != ""));
    }

    [Theory]
    [InlineData("", "Programmgebiet", "ascending", new[] { "Altstadt-Nord", "Bahnhofsviertel", "Hafenquartier", "Zechensiedlung" })]
    [InlineData("?richtung=ab", "Programmgebiet", "descending", new[] { "Zechensiedlung", "Hafenquartier", "Bahnhofsviertel", "Altstadt-Nord" })]
    [InlineData("?sortierung=gemeinde", "Gemeinde", "ascending", new[] { "Zechensiedlung", "Bahnhofsviertel", "Altstadt-Nord", "Hafenquartier" })]
    [InlineData("?sortierung=kreis&richtung=ab", "Kreis", "descending", new[] { "Hafenquartier", "Altstadt-Nord", "Bahnhofsviertel", "Zechensiedlung" })]
    [InlineData("?sortierung=bezirk", "Regierungsbezirk", "ascending", new[] { "Zechensiedlung", "Bahnhofsviertel", "Altstadt-Nord", "Hafenquartier" })]
    [InlineData("?sortierung=programm", "Programm", "ascending", new[] { "Bahnhofsviertel", "Altstadt-Nord", "Zechensiedlung", "Hafenquartier" })]
    [InlineData("?sortierung=status", "Status", "ascending", new[] { "Zechensiedlung", "Bahnhofsviertel", "Altstadt-Nord", "Hafenquartier" })]
    [InlineData("?sortierung=jahr", "Aufnahmejahr", "ascending", new[] { "Hafenquartier", "Altstadt-Nord", "Bahnhofsviertel", "Zechensiedlung" })]
    [InlineData("?sortierung=jahr&richtung=ab", "Aufnahmejahr", "descending", new[] { "Bahnhofsviertel", "Altstadt-Nord", "Hafenquartier", "Zechensiedlung" })]
    [InlineData("?sortierung=unbekannt&richtung=quer", "Programmgebiet", "ascending", new[] { "Altstadt-Nord", "Bahnhofsviertel", "Hafenquartier", "Zechensiedlung" })]
    public async Task The_table_sorts_by_each_column_with_aria_sort_on_the_sorted_one(string query, string column, string ariaSort, string[] expected)
    {
        var (page, table, _) = await OpenAsync(query);

        Assert.Equal(expected, table);
        var headers = page.QuerySelectorAll("#tabelle thead th").ToList();
        Assert.Equal(7, headers.Count);
        var sorted = Assert.Single(headers, h => h.HasAttribute("aria-sort"));
        Assert.StartsWith(column, sorted.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal(ariaSort, sorted.GetAttribute("aria-sort"));
        Assert.All(headers, h => Assert.NotNull(h.QuerySelector("a[href^='/karte']")));
        // The sorted column's link turns the direction round; the others start ascending.
        var link = sorted.QuerySelector("a")!.GetAttribute("href")!;
        Assert.Equal(ariaSort == "ascending", link.Contains("richtung=ab", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sorting_keeps_the_filter()
    {
        var (page, table, _) = await OpenAsync("?programm=SozialerZusammenhalt&sortierung=gemeinde");

        Assert.Equal(["Zechensiedlung", "Altstadt-Nord"], table);
        var yearLink = page.QuerySelectorAll("#tabelle thead th a").Select(a => a.GetAttribute("href")!).Single(h => h.Contains("sortierung=jahr", StringComparison.Ordinal));
        Assert.Contains("programm=SozialerZusammenhalt", yearLink, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("?programm=Unbekannt", "Das Programm „Unbekannt“ gibt es nicht.")]
    [InlineData("?programm=3", "Das Programm „3“ gibt es nicht.")]
    [InlineData("?thema=gibt-es-nicht", "Das Thema „gibt-es-nicht“ gibt es nicht.")]
    [InlineData("?bezirk=999", "Den Regierungsbezirk „999“ gibt es nicht.")]
    public async Task An_unknown_filter_value_is_named_in_German_and_visibly_not_applied(string query, string message)
    {
        var (page, table, map) = await OpenAsync(query);

        var alert = page.GetElementById("filterfehler")!;
        Assert.Equal("alert", alert.GetAttribute("role"));
        Assert.Contains(message, alert.TextContent, StringComparison.Ordinal);
        Assert.Contains("wird nicht angewendet", alert.TextContent, StringComparison.Ordinal);
        Assert.Equal(4, table.Count);
        Assert.Equal(table, map);
        Assert.Equal("/karte/gebiete.geojson", page.QuerySelector("#karte")!.GetAttribute("data-areas-url"));
        Assert.NotNull(page.QuerySelector("[role=status] a[href='/karte']"));
    }

    [Fact]
    public async Task A_bad_value_with_a_good_one_keeps_the_good_one()
    {
        var (page, table, map) = await OpenAsync("?programm=SozialerZusammenhalt&bezirk=Nirgendwo");

        Assert.Contains("Nirgendwo", page.GetElementById("filterfehler")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["Altstadt-Nord", "Zechensiedlung"], table);
        Assert.Equal(table, map);
    }

    [Fact]
    public async Task A_Regierungsbezirk_may_also_be_named()
    {
        var (_, table, map) = await OpenAsync("?bezirk=K%C3%B6ln");

        Assert.Equal(["Altstadt-Nord"], table);
        Assert.Equal(table, map);
    }

    [Fact]
    public async Task Member_municipalities_are_marked_for_the_map_and_former_members_are_not()
    {
        await SeedAsync();
        await using (var scope = factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Quartiersnetz.Data.QuartiersnetzDbContext>();
            db.Add(new NetworkMembership { MunicipalityAgs = "05113000", MemberSince = new DateOnly(2020, 1, 1) });
            db.Add(new NetworkMembership { MunicipalityAgs = "05911000", MemberSince = new DateOnly(2015, 1, 1), LeftOn = new DateOnly(2019, 1, 1) });
            await db.SaveChangesAsync(Ct);
        }

        var page = await factory.CreateBrowserLikeClient().GetDocumentAsync("/karte");

        var members = page.QuerySelector("#karte")!.GetAttribute("data-members")!.Split(' ');
        Assert.Contains("05113000", members);
        Assert.DoesNotContain("05911000", members);
        Assert.Contains("Mitgliedskommune des Netzwerks", page.QuerySelector(".map-legend")!.TextContent, StringComparison.Ordinal);
    }
}
