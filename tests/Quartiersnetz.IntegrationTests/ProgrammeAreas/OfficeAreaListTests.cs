using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Quartiersnetz.IntegrationTests.Exports;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.IntegrationTests.ProgrammeAreas;

/// <summary>The office's programme-area list and its export filter by a municipality's name or AGS typed into one text field.</summary>
public sealed class OfficeAreaListTests(QuartiersnetzFactory factory) : IClassFixture<QuartiersnetzFactory>
{
    private const string List = "/geschaeftsstelle/programmgebiete";
    private const string Essen = "05113000";
    private const string Muelheim = "05117000";
    private const string Gelsenkirchen = "05513000";

    [Fact]
    public async Task The_municipality_filter_is_a_labelled_text_field_with_a_hint_instead_of_a_list_of_every_municipality()
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);

        var page = await office.GetDocumentAsync($"{List}?gemeinde={Essen}");

        var input = Assert.IsAssignableFrom<IHtmlInputElement>(page.QuerySelector("#filter-gemeinde"));
        Assert.Equal(("search", "gemeinde", Essen), (input.Type, input.Name, input.Value));
        Assert.Equal("Gemeinde: Name oder AGS", page.QuerySelector("label[for=filter-gemeinde]")?.TextContent);
        Assert.Equal("filter-gemeinde-hint", input.GetAttribute("aria-describedby"));
        Assert.Contains("AGS", page.QuerySelector("#filter-gemeinde-hint")?.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("select[name=gemeinde]"));
    }

    [Theory]
    [InlineData("gelsen")]
    [InlineData("GELSENKIRCHEN")]
    public async Task A_municipality_name_filters_the_list_whatever_its_case(string municipality)
    {
        var marker = await ArrangeAsync();
        var office = await factory.CreateClientSignedInAsync(Roles.Office);

        var page = await office.GetDocumentAsync($"{List}?name={marker}&gemeinde={municipality}");

        Assert.Equal([$"Schalke {marker}"], Names(page));
    }

    [Fact]
    public async Task A_complete_AGS_filters_exactly_and_its_first_digits_find_every_municipality_starting_with_them()
    {
        var marker = await ArrangeAsync();
        var office = await factory.CreateClientSignedInAsync(Roles.Office);

        var exact = await office.GetDocumentAsync($"{List}?name={marker}&gemeinde={Essen}");
        var prefix = await office.GetDocumentAsync($"{List}?name={marker}&gemeinde=0511");

        Assert.Equal([$"Altendorf {marker}", $"Katernberg {marker}"], Names(exact));
        // In the list's order: municipality, then area. Gelsenkirchen (05513000) does not start with 0511.
        Assert.Equal([$"Altendorf {marker}", $"Katernberg {marker}", $"Styrum {marker}"], Names(prefix));
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("xlsx")]
    public async Task The_export_links_carry_a_municipality_name_and_the_file_holds_only_its_areas(string format)
    {
        var marker = await ArrangeAsync();
        var office = await factory.CreateClientSignedInAsync(Roles.Office);

        var page = await office.GetDocumentAsync($"{List}?gemeinde=essen");
        var link = page.QuerySelectorAll(".area-actions a").Select(a => a.GetAttribute("href")!).Single(h => h.Contains("format=" + format, StringComparison.Ordinal));
        var file = await office.DownloadAsync(link);

        Assert.Contains("gemeinde=essen", link, StringComparison.Ordinal);
        Assert.Equal([$"Altendorf {marker}", $"Katernberg {marker}"], file.Column("name").Where(n => n.EndsWith(marker, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_export_link_with_an_AGS_from_before_the_text_field_still_filters_exactly()
    {
        var marker = await ArrangeAsync();
        var office = await factory.CreateClientSignedInAsync(Roles.Office);

        var byAgs = await office.DownloadAsync($"{List}/export?format=csv&ags={Muelheim}");
        var byText = await office.DownloadAsync($"{List}/export?format=csv&gemeinde={Muelheim}");

        Assert.Equal([$"Styrum {marker}"], byAgs.Column("name").Where(n => n.EndsWith(marker, StringComparison.Ordinal)));
        Assert.All(byAgs.Rows, r => Assert.Equal(Muelheim, r["ags"]));
        Assert.Equal(byAgs.Column("name"), byText.Column("name"));
    }

    [Fact]
    public async Task An_unknown_municipality_gives_an_empty_list_with_the_German_message()
    {
        var marker = await ArrangeAsync();
        var office = await factory.CreateClientSignedInAsync(Roles.Office);

        var page = await office.GetDocumentAsync($"{List}?name={marker}&gemeinde=Atlantis");

        Assert.Empty(page.QuerySelectorAll("tr[data-area-id]"));
        Assert.Equal("0 Treffer", page.QuerySelector("#area-count")?.TextContent);
        Assert.Equal("Kein Programmgebiet passt zu diesem Filter. Filter zurücksetzen", page.QuerySelector("#no-areas")?.TextContent);
        Assert.Equal(List, page.QuerySelector("#no-areas a")?.GetAttribute("href"));
    }

    [Theory]
    [InlineData('x')]
    [InlineData('0')]
    public async Task A_filter_of_2000_characters_is_cut_not_failed_on_the_list_and_the_export(char character)
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var value = new string(character, 2000);

        var page = await office.GetDocumentAsync($"{List}?gemeinde={value}");
        var file = await office.DownloadAsync($"{List}/export?format=csv&gemeinde={value}");

        Assert.Equal(100, page.QuerySelector<IHtmlInputElement>("#filter-gemeinde")?.Value.Length);
        Assert.NotNull(page.QuerySelector("#no-areas"));
        Assert.Empty(file.Rows);
    }

    /// <summary>Two areas in Essen, one in Mülheim (its AGS shares the first four digits) and one in Gelsenkirchen.</summary>
    private async Task<string> ArrangeAsync()
    {
        var marker = PublicAreaTestSupport.Marker();
        await factory.AddAreasAsync(
        [
            PublicAreaTestSupport.NewArea($"Katernberg {marker}", Essen),
            PublicAreaTestSupport.NewArea($"Altendorf {marker}", Essen),
            PublicAreaTestSupport.NewArea($"Styrum {marker}", Muelheim),
            PublicAreaTestSupport.NewArea($"Schalke {marker}", Gelsenkirchen),
        ]);
        return marker;
    }

    private static List<string> Names(IHtmlDocument page) =>
        [.. page.QuerySelectorAll("tr[data-area-id] th").Select(th => th.TextContent)];
}
