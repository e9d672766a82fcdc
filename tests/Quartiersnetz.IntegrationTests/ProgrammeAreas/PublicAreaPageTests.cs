using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Features.ProgrammeAreas;
using Quartiersnetz.IntegrationTests.ApiAccess;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Files;
using ProfileFactory = Quartiersnetz.IntegrationTests.Profile.ProfileFactory;

namespace Quartiersnetz.IntegrationTests.ProgrammeAreas;

/// <summary>The public pages of programme areas: list, area page, plan download and the sections on other pages.</summary>
public sealed class PublicAreaPageTests(ProfileFactory factory) : IClassFixture<ProfileFactory>
{
    private const string Bielefeld = "05711000";
    private const string Bochum = "05911000";
    private const string Hagen = "05914000";
    private const string Krefeld = "05114000";
    private const string Bonn = "05314000";
    private const string Herne = "05916000";
    private const string Muenster = "05515000";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_list_filters_by_programme_status_Regierungsbezirk_and_municipality_and_links_each_area()
    {
        var marker = PublicAreaTestSupport.Marker();
        var social = await factory.CreateAreaAsync($"Sozial {marker}", Bielefeld, a => a.AdmissionYear = 2008);
        var centre = await factory.CreateAreaAsync($"Zentrum {marker}", Bielefeld, a =>
        {
            a.Programme = UrbanDevelopmentProgramme.LebendigeZentren;
            a.Status = ProgrammeAreaStatus.Abgeschlossen;
        });
        var client = factory.CreateBrowserLikeClient();

        var all = await client.GetDocumentAsync("/programmgebiete?gemeinde=bielefeld");
        var byProgramme = await client.GetDocumentAsync("/programmgebiete?gemeinde=Bielefeld&programm=LebendigeZentren");
        var byStatus = await client.GetDocumentAsync("/programmgebiete?gemeinde=Bielefeld&status=Laufend");
        var detmold = await client.GetDocumentAsync("/programmgebiete?gemeinde=Bielefeld&regierungsbezirk=057");
        var arnsberg = await client.GetDocumentAsync("/programmgebiete?gemeinde=Bielefeld&regierungsbezirk=059");
        var badValues = await client.GetDocumentAsync("/programmgebiete?gemeinde=Bielefeld&programm=Kaiserhof&status=7&regierungsbezirk=999");

        Assert.Equal([social.Id, centre.Id], AreasOn(all));
        var row = all.QuerySelector($"[data-area-id='{social.Id}']")!;
        Assert.Equal($"/programmgebiete/{social.Id}", row.QuerySelector("th a")?.GetAttribute("href"));
        Assert.Equal($"/gemeinden/{Bielefeld}", row.QuerySelector("td a")?.GetAttribute("href"));
        Assert.Contains("Sozialer Zusammenhalt", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Detmold", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("2008", row.TextContent, StringComparison.Ordinal);
        Assert.Equal([centre.Id], AreasOn(byProgramme));
        Assert.Contains("Abgeschlossen", byProgramme.QuerySelector("tbody")!.TextContent, StringComparison.Ordinal);
        Assert.Equal([social.Id], AreasOn(byStatus));
        Assert.Equal([social.Id, centre.Id], AreasOn(detmold));
        Assert.Empty(AreasOn(arnsberg));
        Assert.Equal([social.Id, centre.Id], AreasOn(badValues)); // bad filter values on a page mean "all"
    }

    [Fact]
    public async Task The_list_is_alphabetical_and_paged_and_the_pager_keeps_the_filter()
    {
        var marker = PublicAreaTestSupport.Marker();
        await factory.AddAreasAsync(Enumerable.Range(0, 51).Select(i => PublicAreaTestSupport.NewArea($"Gebiet {i:D2} {marker}", Hagen)));
        var client = factory.CreateBrowserLikeClient();

        var first = await client.GetDocumentAsync("/programmgebiete?gemeinde=Hagen");
        var next = first.QuerySelector("a[rel=next]")?.GetAttribute("href");
        var second = await client.GetDocumentAsync(next!);

        Assert.Equal(50, AreasOn(first).Length);
        Assert.StartsWith("Gebiet 00", first.QuerySelector("tbody tr th")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Contains("gemeinde=Hagen", next, StringComparison.Ordinal);
        Assert.Single(AreasOn(second));
        Assert.StartsWith("Gebiet 50", second.QuerySelector("tbody tr th")!.TextContent.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_area_page_shows_the_facts_topics_and_location_with_links()
    {
        var name = $"Hustadt {PublicAreaTestSupport.Marker()}";
        var area = await factory.CreateAreaAsync(name, Bochum, a =>
        {
            a.AdmissionYear = 2005;
            a.EndYear = 2027;
            a.SizeHectares = 1234.5m;
            a.Population = 12345;
            a.Description = "Ein Quartier am Rand der Universität.";
            a.BoundaryGeoJson = PublicAreaTestSupport.Boundary;
            a.Latitude = 51.4481;
            a.Longitude = 7.2623;
            a.PlanTitle = "ISEK Hustadt 2020";
        });
        var topic = await factory.CreateTopicForAreasAsync("Quartiersmanagement", null, area.Id);

        var page = await factory.CreateBrowserLikeClient().GetDocumentAsync($"/programmgebiete/{area.Id}");

        Assert.Equal(name, page.QuerySelector("h1")?.TextContent);
        Assert.Equal($"/gemeinden/{Bochum}", page.QuerySelector("#area-municipality")?.GetAttribute("href"));
        var facts = page.QuerySelector("#area-facts")!.TextContent;
        Assert.Contains("Bochum", facts, StringComparison.Ordinal);
        Assert.Contains("Arnsberg", facts, StringComparison.Ordinal);
        Assert.Contains("Sozialer Zusammenhalt", page.QuerySelector("#area-programme")?.TextContent, StringComparison.Ordinal);
        Assert.Contains("Laufend", page.QuerySelector("#area-status")?.TextContent, StringComparison.Ordinal);
        Assert.Contains("Aufnahme 2005, Ende 2027", page.QuerySelector("#area-period")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("1.234,5 ha", page.QuerySelector("#area-size")?.TextContent.Trim());
        Assert.Equal("12.345", page.QuerySelector("#area-population")?.TextContent.Trim());
        Assert.Equal("Ein Quartier am Rand der Universität.", page.QuerySelector("#area-description")?.TextContent);
        Assert.Equal($"/themen/{topic.Slug}", page.QuerySelector("#area-topics a")?.GetAttribute("href"));
        Assert.Contains("51,4481° N, 7,2623° O", page.QuerySelector("#area-coordinates")?.TextContent, StringComparison.Ordinal);
        Assert.Contains("Polygon", page.QuerySelector("#area-map")?.GetAttribute("data-geometry"), StringComparison.Ordinal);
        // A title without an uploaded file is named, not linked.
        Assert.Null(page.QuerySelector("#area-plan"));
        Assert.Equal("ISEK Hustadt 2020", page.QuerySelector("#area-plan-title")?.TextContent);
    }

    [Fact]
    public async Task Contacts_appear_only_as_far_as_their_name_visibility_allows_and_never_when_deactivated()
    {
        var marker = PublicAreaTestSupport.Marker();
        var area = await factory.CreateAreaAsync($"Kontakte {marker}", Krefeld);
        var open = await factory.CreateContactAsync(area.Id, $"Offen {marker}", ProfileVisibility.Public, "Quartiersmanagement");
        var members = await factory.CreateContactAsync(area.Id, $"Intern {marker}", ProfileVisibility.Members, "Stadtverwaltung");
        var office = await factory.CreateContactAsync(area.Id, $"Verborgen {marker}", ProfileVisibility.Office, "Verborgene Rolle");
        await factory.CreateContactAsync(area.Id, $"Deaktiviert {marker}", ProfileVisibility.Public, "Früher", deactivated: true);
        var url = $"/programmgebiete/{area.Id}";

        var anonymous = await factory.CreateBrowserLikeClient().GetDocumentAsync(url);
        var member = await (await factory.CreateClientSignedInAsync(Roles.Expert)).GetDocumentAsync(url);
        var officePage = await (await factory.CreateClientSignedInAsync(Roles.Office)).GetDocumentAsync(url);

        Assert.Equal([open.Id], ContactsOn(anonymous));
        Assert.Contains("Quartiersmanagement", anonymous.QuerySelector("#area-contacts")?.TextContent, StringComparison.Ordinal);
        Assert.Equal($"/personen/{open.Id}", anonymous.QuerySelector("#area-contacts a")?.GetAttribute("href"));
        Assert.DoesNotContain($"Intern {marker}", anonymous.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(new[] { members.Id, open.Id }.Order(), ContactsOn(member).Order());
        Assert.DoesNotContain($"Verborgen {marker}", member.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Verborgene Rolle", member.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(new[] { members.Id, open.Id, office.Id }.Order(), ContactsOn(officePage).Order());
        Assert.DoesNotContain($"Deaktiviert {marker}", officePage.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_area_answers_the_404_page()
    {
        var page = await factory.CreateBrowserLikeClient().GetDocumentAsync($"/programmgebiete/{Guid.NewGuid()}", HttpStatusCode.NotFound);

        Assert.NotNull(page.QuerySelector("h1"));
    }

    [Fact]
    public async Task The_plan_is_a_PDF_download_and_404_when_there_is_none()
    {
        var marker = PublicAreaTestSupport.Marker();
        var key = $"plans/test-{marker}.pdf";
        var pdf = "%PDF-1.4\n% Handlungskonzept\n"u8.ToArray();
        await using (var scope = factory.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<IFileStorage>().SaveAsync(key, pdf, Ct);
        }

        var withPlan = await factory.CreateAreaAsync($"Mit Plan {marker}", Bonn, a => { a.PlanTitle = "InHK Bonn-Tannenbusch"; a.PlanFileName = key; });
        var withoutPlan = await factory.CreateAreaAsync($"Ohne Plan {marker}", Bonn);
        var lostFile = await factory.CreateAreaAsync($"Datei fehlt {marker}", Bonn, a => a.PlanFileName = $"plans/missing-{marker}.pdf");
        var client = factory.CreateBrowserLikeClient();

        var page = await client.GetDocumentAsync($"/programmgebiete/{withPlan.Id}");
        using var download = await client.GetAsync(new Uri($"/programmgebiete/{withPlan.Id}/plan", UriKind.Relative), Ct);
        using var none = await client.GetAsync(new Uri($"/programmgebiete/{withoutPlan.Id}/plan", UriKind.Relative), Ct);
        using var lost = await client.GetAsync(new Uri($"/programmgebiete/{lostFile.Id}/plan", UriKind.Relative), Ct);
        using var unknown = await client.GetAsync(new Uri($"/programmgebiete/{Guid.NewGuid()}/plan", UriKind.Relative), Ct);

        var link = page.QuerySelector("#area-plan");
        Assert.Equal($"/programmgebiete/{withPlan.Id}/plan", link?.GetAttribute("href"));
        Assert.Contains("InHK Bonn-Tannenbusch", link?.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, lost.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task The_municipality_page_lists_its_areas_and_a_municipality_without_any_shows_no_section()
    {
        var marker = PublicAreaTestSupport.Marker();
        var first = await factory.CreateAreaAsync($"Am Bahnhof {marker}", Herne);
        var second = await factory.CreateAreaAsync($"Zechensiedlung {marker}", Herne, a => a.Status = ProgrammeAreaStatus.Verstetigung);
        var client = factory.CreateBrowserLikeClient();

        var herne = await client.GetDocumentAsync($"/gemeinden/{Herne}");
        var without = await client.GetDocumentAsync("/gemeinden/05334002");

        Assert.Equal([first.Id, second.Id], herne.QuerySelectorAll("#municipality-areas [data-area-id]").Select(e => Guid.Parse(e.GetAttribute("data-area-id")!)));
        Assert.Equal($"/programmgebiete/{second.Id}", herne.QuerySelector($"#municipality-areas [data-area-id='{second.Id}'] a")?.GetAttribute("href"));
        Assert.Contains("Verstetigung", herne.QuerySelector($"#municipality-areas [data-area-id='{second.Id}']")?.TextContent, StringComparison.Ordinal);
        Assert.Null(without.QuerySelector("#municipality-areas"));
    }

    [Fact]
    public async Task The_topic_page_lists_tagged_areas_and_the_person_page_lists_the_areas_a_person_is_contact_for()
    {
        var marker = PublicAreaTestSupport.Marker();
        var area = await factory.CreateAreaAsync($"Themengebiet {marker}", Muenster);
        var untagged = await factory.CreateAreaAsync($"Ohne Thema {marker}", Muenster);
        var topic = await factory.CreateTopicForAreasAsync("Wohnumfeld", null, area.Id);
        var contact = await factory.CreateContactAsync(area.Id, $"Kontakt {marker}", ProfileVisibility.Public, "Quartiersbüro");
        var client = factory.CreateBrowserLikeClient();

        var topicPage = await client.GetDocumentAsync($"/themen/{topic.Slug}");
        var personPage = await client.GetDocumentAsync($"/personen/{contact.Id}");

        Assert.NotNull(topicPage.QuerySelector($"a[href='/programmgebiete/{area.Id}']"));
        Assert.Null(topicPage.QuerySelector($"a[href='/programmgebiete/{untagged.Id}']"));
        Assert.Contains("Münster", topicPage.Body!.TextContent, StringComparison.Ordinal);
        var listed = personPage.QuerySelector($"#person-areas [data-area-id='{area.Id}']");
        Assert.Equal($"/programmgebiete/{area.Id}", listed?.QuerySelector("a")?.GetAttribute("href"));
        Assert.Contains("Quartiersbüro", listed?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_contact_finds_the_areas_in_their_personal_data()
    {
        var marker = PublicAreaTestSupport.Marker();
        var area = await factory.CreateAreaAsync($"Meine Daten {marker}", Muenster);
        var contact = await factory.CreateContactAsync(area.Id, $"Kontakt {marker}", ProfileVisibility.Members, "Quartiersmanagement");
        var client = await factory.SignedInAsAsync(contact);

        using var response = await client.GetAsync(new Uri("/konto/meine-daten/download", UriKind.Relative), Ct);

        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var entry = Assert.Single(json.RootElement.GetProperty("Ansprechperson für Programmgebiete").EnumerateArray());
        Assert.Equal($"Meine Daten {marker}", entry.GetProperty("Programmgebiet").GetString());
        Assert.Equal("Quartiersmanagement", entry.GetProperty("Rolle").GetString());
    }

    private static Guid[] AreasOn(IHtmlDocument page) =>
        [.. page.QuerySelectorAll("#areas [data-area-id]").Select(e => Guid.Parse(e.GetAttribute("data-area-id")!))];

    private static Guid[] ContactsOn(IHtmlDocument page) =>
        [.. page.QuerySelectorAll("#area-contacts [data-person-id]").Select(e => Guid.Parse(e.GetAttribute("data-person-id")!))];
}
