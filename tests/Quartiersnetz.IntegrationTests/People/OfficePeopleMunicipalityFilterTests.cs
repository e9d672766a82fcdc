using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Quartiersnetz.IntegrationTests.ApiAccess;
using Quartiersnetz.IntegrationTests.Exports;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.IntegrationTests.People;

/// <summary>The office people list and its export filter by a municipality's name or AGS typed into one text field.</summary>
public sealed class OfficePeopleMunicipalityFilterTests(QuartiersnetzFactory factory) : IClassFixture<QuartiersnetzFactory>
{
    private const string List = "/geschaeftsstelle/personen";
    private const string Duisburg = "05112000";

    [Fact]
    public async Task The_municipality_filter_is_a_labelled_text_field_with_a_hint_instead_of_a_list_of_every_municipality()
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);

        var page = await office.GetDocumentAsync($"{List}?kommune=%20K%C3%B6ln%20");

        var input = Assert.IsAssignableFrom<IHtmlInputElement>(page.QuerySelector("#filter-kommune"));
        Assert.Equal(("search", "kommune", "Köln"), (input.Type, input.Name, input.Value));
        Assert.Equal("Kommune: Name oder AGS", page.QuerySelector("label[for=filter-kommune]")?.TextContent);
        Assert.Equal("filter-kommune-hint", input.GetAttribute("aria-describedby"));
        Assert.Contains("AGS", page.QuerySelector("#filter-kommune-hint")?.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("select[name=kommune]"));
    }

    [Theory]
    [InlineData("düssel")]
    [InlineData("DUESSELDORF")]
    [InlineData("Düsseldorf")]
    public async Task A_municipality_name_filters_the_list_whatever_its_case_and_spelling(string municipality)
    {
        var marker = Marker();
        await ArrangeAsync(marker);
        var office = await factory.CreateClientSignedInAsync(Roles.Office);

        var page = await office.GetDocumentAsync($"{List}?suche={marker}&kommune={Uri.EscapeDataString(municipality)}");

        Assert.Equal([$"Filter {marker} Düsseldorf 0", $"Filter {marker} Düsseldorf 1"], Names(page));
    }

    [Fact]
    public async Task A_complete_AGS_filters_exactly_and_its_first_digits_find_every_municipality_starting_with_them()
    {
        var marker = Marker();
        await ArrangeAsync(marker);
        var office = await factory.CreateClientSignedInAsync(Roles.Office);

        var exact = await office.GetDocumentAsync($"{List}?suche={marker}&kommune={ApiTestPeople.Duesseldorf}");
        var prefix = await office.GetDocumentAsync($"{List}?suche={marker}&kommune=0511");

        Assert.Equal([$"Filter {marker} Düsseldorf 0", $"Filter {marker} Düsseldorf 1"], Names(exact));
        // 0511… are the kreisfreie Städte around Düsseldorf, Duisburg among them; Köln is 05315000.
        Assert.Equal([$"Filter {marker} Duisburg", $"Filter {marker} Düsseldorf 0", $"Filter {marker} Düsseldorf 1"], Names(prefix));
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("xlsx")]
    public async Task The_export_links_carry_a_municipality_name_and_the_file_holds_only_those_people(string format)
    {
        var marker = Marker();
        await ArrangeAsync(marker);
        var office = await factory.CreateClientSignedInAsync(Roles.Office);

        var page = await office.GetDocumentAsync($"{List}?suche={marker}&kommune=d%C3%BCssel");
        var link = page.QuerySelectorAll(".export-links a").Select(a => a.GetAttribute("href")!).Single(h => h.Contains("format=" + format, StringComparison.Ordinal));
        var file = await office.DownloadAsync(link);

        Assert.Contains("kommune=d%C3%BCssel", link, StringComparison.Ordinal);
        Assert.Equal([$"Filter {marker} Düsseldorf 0", $"Filter {marker} Düsseldorf 1"], file.Column("Name"));
        Assert.All(file.Column("Kommune"), k => Assert.StartsWith("Düsseldorf", k, StringComparison.Ordinal));
        var entry = Assert.Single(await factory.AuditEntriesAsync(), e => e.Action == "export.people" && e.Changes!.Contains(marker, StringComparison.Ordinal));
        Assert.Equal(
            $"Name oder E-Mail-Adresse enthält „{marker}“; Kommune (Name oder AGS): „düssel“",
            JsonSerializer.Deserialize<List<AuditChange>>(entry.Changes!)!.Single(c => c.Field == "Filter").After);
    }

    [Fact]
    public async Task An_export_with_a_complete_AGS_holds_that_municipality_only_and_names_it_in_the_audit_log()
    {
        var marker = Marker();
        await ArrangeAsync(marker);
        var office = await factory.CreateClientSignedInAsync(Roles.Office);

        var file = await office.DownloadAsync($"{List}/export?format=csv&suche={marker}&kommune={ApiTestPeople.Koeln}");

        Assert.Equal([$"Filter {marker} Köln"], file.Column("Name"));
        var entry = Assert.Single(await factory.AuditEntriesAsync(), e => e.Action == "export.people" && e.Changes!.Contains(marker, StringComparison.Ordinal));
        Assert.Equal(
            $"Name oder E-Mail-Adresse enthält „{marker}“; Kommune: Köln, Stadt",
            JsonSerializer.Deserialize<List<AuditChange>>(entry.Changes!)!.Single(c => c.Field == "Filter").After);
    }

    [Fact]
    public async Task An_unknown_municipality_gives_an_empty_list_with_the_German_message()
    {
        var marker = Marker();
        await ArrangeAsync(marker);
        var office = await factory.CreateClientSignedInAsync(Roles.Office);

        var page = await office.GetDocumentAsync($"{List}?suche={marker}&kommune=Atlantis");

        Assert.Empty(page.QuerySelectorAll("tr[data-person-id]"));
        Assert.Equal("0 Treffer", page.QuerySelector("main [role=status]")?.TextContent);
        Assert.Contains("Keine Person passt zu diesem Filter.", page.QuerySelector("main")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("Atlantis", page.QuerySelector<IHtmlInputElement>("#filter-kommune")?.Value);
    }

    [Theory]
    [InlineData('x')]
    [InlineData('0')]
    public async Task A_filter_of_2000_characters_is_cut_not_failed_on_the_list_and_the_export(char character)
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var value = new string(character, 2000);

        var page = await office.GetDocumentAsync($"{List}?kommune={value}");
        var file = await office.DownloadAsync($"{List}/export?format=csv&kommune={value}");

        Assert.Equal(100, page.QuerySelector<IHtmlInputElement>("#filter-kommune")?.Value.Length);
        Assert.Contains("Keine Person passt zu diesem Filter.", page.QuerySelector("main")?.TextContent, StringComparison.Ordinal);
        Assert.Empty(file.Rows);
    }

    /// <summary>Two people in Düsseldorf, one in Duisburg (its AGS shares the first four digits) and one in Köln.</summary>
    private async Task ArrangeAsync(string marker)
    {
        await factory.AddPeopleAsync(2, i => $"Filter {marker} Düsseldorf {i}", ApiTestPeople.Duesseldorf, Roles.MemberStaff);
        await factory.AddPeopleAsync(1, _ => $"Filter {marker} Duisburg", Duisburg, Roles.MemberStaff);
        await factory.AddPeopleAsync(1, _ => $"Filter {marker} Köln", ApiTestPeople.Koeln, Roles.MemberStaff);
    }

    private static List<string> Names(IHtmlDocument page) =>
        [.. page.QuerySelectorAll("tr[data-person-id] th").Select(th => th.TextContent)];

    private static string Marker() => "m" + Guid.NewGuid().ToString("N")[..8];
}
