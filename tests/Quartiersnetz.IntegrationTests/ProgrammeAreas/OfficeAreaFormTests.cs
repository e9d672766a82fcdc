using System.Net;
using System.Text;
using System.Text.Json;
using AngleSharp.Dom;
using Quartiersnetz.Features.ProgrammeAreas;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.IntegrationTests.ApiAccess;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.IntegrationTests.Profile;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;
using static Quartiersnetz.IntegrationTests.ProgrammeAreas.OfficeAreaTestSupport;

namespace Quartiersnetz.IntegrationTests.ProgrammeAreas;

/// <summary>The office creates, changes and deletes programme areas through its pages; every bad input is refused in German.</summary>
public sealed class OfficeAreaFormTests(QuartiersnetzFactory factory) : IClassFixture<QuartiersnetzFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_office_creates_an_area_with_a_boundary_topics_and_German_numbers_and_it_is_audited_and_listed()
    {
        var marker = Marker();
        var office = await factory.CreateClientSignedInAsync(Roles.Office);

        using var response = await office.PostFormAsync(NewPage, "#area-form", Fields("Katernberg " + marker,
            ("Input.BoundaryGeoJson", Katernberg), ("Input.Latitude", ""), ("Input.Longitude", ""),
            ("Input.SizeHectares", "12,5"), ("Input.Population", "8.400"), ("Input.AdmissionYear", "2016"), ("Input.EndYear", "2027"),
            ("Input.Description", "Großsiedlung im Essener Norden"), ("Input.TopicSlugs", "verfuegungsfonds")));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var area = Assert.Single(await factory.AreasNamedAsync(marker));
        Assert.Equal($"/geschaeftsstelle/programmgebiete/{area.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal(Essen, area.MunicipalityAgs);
        Assert.Equal(12.5m, area.SizeHectares);
        Assert.Equal(8400, area.Population);
        Assert.Equal((2016, 2027), (area.AdmissionYear!.Value, area.EndYear!.Value));
        Assert.Contains("\"Polygon\"", area.BoundaryGeoJson, StringComparison.Ordinal);
        Assert.NotNull(area.MapGeoJson);
        Assert.InRange(area.Latitude, 51.48, 51.49);
        Assert.InRange(area.Longitude, 7.04, 7.05);
        Assert.Equal(["verfuegungsfonds"], await TopicSlugsAsync(area.Id));
        var entry = Assert.Single(await factory.AuditEntriesAsync(area.Id.ToString()));
        Assert.Equal("area.created", entry.Action);
        Assert.Contains(new AuditChange("Grenze", null, "geändert"), JsonSerializer.Deserialize<List<AuditChange>>(entry.Changes!)!);

        var edit = await office.GetDocumentAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("angelegt", edit.QuerySelector("[role=status]")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("12,5", edit.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Input_SizeHectares")?.Value);
        Assert.Contains("Polygon", edit.QuerySelector("#Input_BoundaryGeoJson")?.TextContent, StringComparison.Ordinal);
        var list = await office.GetDocumentAsync($"/geschaeftsstelle/programmgebiete?name={marker.ToUpperInvariant()}&gemeinde={Essen}&programm=SozialerZusammenhalt&stand=Laufend");
        Assert.Single(list.QuerySelectorAll($"tr[data-area-id='{area.Id}']"));
        var otherProgramme = await office.GetDocumentAsync($"/geschaeftsstelle/programmgebiete?name={marker}&programm=LebendigeZentren");
        Assert.Empty(otherProgramme.QuerySelectorAll("tr[data-area-id]"));
    }

    [Fact]
    public async Task The_office_creates_an_area_with_a_point_only_in_German_or_English_decimal_notation()
    {
        var marker = Marker();
        var office = await factory.CreateClientSignedInAsync(Roles.Office);

        using var german = await office.PostFormAsync(NewPage, "#area-form", Fields("Punkt A " + marker));
        using var dotted = await office.PostFormAsync(NewPage, "#area-form", Fields("Punkt B " + marker, ("Input.Latitude", "51.4855"), ("Input.Longitude", "7.0455")));

        Assert.Equal(HttpStatusCode.Redirect, german.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, dotted.StatusCode);
        var areas = (await factory.AreasNamedAsync(marker)).OrderBy(a => a.Name).ToList();
        Assert.Equal([(51.485, 7.045), (51.4855, 7.0455)], areas.Select(a => (a.Latitude, a.Longitude)));
        Assert.All(areas, a => Assert.Null(a.BoundaryGeoJson));
    }

    [Fact]
    public async Task A_boundary_file_is_uploaded_and_a_file_that_is_no_GeoJSON_is_refused()
    {
        var marker = Marker();
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var feature = Encoding.UTF8.GetBytes($$"""{"type":"Feature","properties":{"name":"Katernberg"},"geometry":{{Katernberg}}}""");

        using var uploaded = await office.PostMultipartAsync(NewPage, "#area-form", Fields("Datei " + marker, ("Input.Latitude", ""), ("Input.Longitude", "")),
            "BoundaryFile", feature, "katernberg.geojson", "application/geo+json");
        using var picture = await office.PostMultipartAsync(NewPage, "#area-form", Fields("Bild " + marker),
            "BoundaryFile", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13], "grenze.geojson", "application/geo+json");

        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        Assert.Equal(HttpStatusCode.OK, picture.StatusCode);
        Assert.Contains("keine GeoJSON-Datei", await picture.ErrorSummaryAsync(), StringComparison.Ordinal);
        var area = Assert.Single(await factory.AreasNamedAsync(marker));
        Assert.StartsWith("Datei", area.Name, StringComparison.Ordinal);
        Assert.NotNull(area.BoundaryGeoJson);
    }

    public static TheoryData<string, string, string, string> BadInputs() => new()
    {
        { "Input.BoundaryGeoJson", """{"type":"Polygon","coordinates":[[[7.04,51.48],[7.05,51.49],[7.05,51.48],[7.04,51.49],[7.04,51.48]]]}""", "schneidet sich selbst", "#Input_BoundaryGeoJson-error" },
        { "Input.BoundaryGeoJson", """{"type":"Polygon","crs":{"type":"name","properties":{"name":"EPSG:25832"}},"coordinates":[[[364000,5706000],[365000,5706000],[365000,5707000],[364000,5706000]]]}""", "EPSG:25832 wird nicht unterstützt", "#Input_BoundaryGeoJson-error" },
        { "Input.BoundaryGeoJson", """{"type":"Polygon","coordinates":[[[364000,5706000],[365000,5706000],[365000,5707000],[364000,5706000]]]}""", "keine Längen- und Breitengrade", "#Input_BoundaryGeoJson-error" },
        { "Input.BoundaryGeoJson", """{"type":"LineString","coordinates":[[7.04,51.48],[7.05,51.49]]}""", "Polygon oder MultiPolygon sein", "#Input_BoundaryGeoJson-error" },
        { "Input.BoundaryGeoJson", """{"type":"Point","coordinates":[7.04,51.48]}""", "Polygon oder MultiPolygon sein", "#Input_BoundaryGeoJson-error" },
        { "Input.BoundaryGeoJson", """{"type":"Polygon","coordinates":[[[13.40,52.51],[13.41,52.51],[13.41,52.52],[13.40,52.51]]]}""", "nicht (vollständig) in Nordrhein-Westfalen", "#Input_BoundaryGeoJson-error" },
        { "Input.BoundaryGeoJson", """{"type":"Polygon","coordinates":[[[6.77,51.22],[6.78,51.22],[6.78,51.23],[6.77,51.22]]]}""", "Essen", "#Input_BoundaryGeoJson-error" },
        { "Input.BoundaryGeoJson", "kein json", "kein lesbares GeoJSON", "#Input_BoundaryGeoJson-error" },
        { "Input.Latitude", "51,22", "Essen", "#Input_Latitude-error" },
        { "Input.Latitude", "52,52", "nicht in Nordrhein-Westfalen", "#Input_Latitude-error" },
        { "Input.Latitude", "einundfünfzig", "Breitengrad als Dezimalzahl", "#Input_Latitude-error" },
        { "Input.MunicipalityAgs", "05999999", "keine NRW-Gemeinde mit dem Schlüssel 05999999", "#Input_MunicipalityAgs-error" },
        { "Input.MunicipalityAgs", "99999999", "beginnt mit 05", "#Input_MunicipalityAgs-error" },
        { "Input.Programme", "7", "Programm aus der Liste", "#Input_Programme-error" },
        { "Input.Status", "Erfunden", "Stand aus der Liste", "#Input_Status-error" },
        { "Input.SizeHectares", "zwölf", "Größe in Hektar als Zahl", "#Input_SizeHectares-error" },
        { "Input.SizeHectares", "0", "zwischen 0,01 und 100.000 Hektar", "#Input_SizeHectares-error" },
        { "Input.AdmissionYear", "1900", "zwischen 1971 und 2100", "#Input_AdmissionYear-error" },
        { "Input.EndYear", "2001", "nicht vor dem Aufnahmejahr", "#Input_EndYear-error" },
        { "Input.Name", "", "Namen des Gebiets", "#Input_Name-error" },
        { "Input.TopicSlugs", "gibt-es-nicht", "nur Themen aus der Liste", "#Input_TopicSlugs-error" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Bad_input_is_refused_in_German_at_its_field_and_nothing_is_stored(string field, string value, string expected, string errorSelector)
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var fields = Fields("Fehlerfall " + Marker(), ("Input.AdmissionYear", field == "Input.EndYear" ? "2010" : ""), (field, value));
        var before = await factory.AreaCountAsync();

        using var response = await office.PostFormAsync(NewPage, "#area-form", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ParseAsync();
        Assert.Contains(expected, page.QuerySelector("[role=alert]")?.TextContent, StringComparison.Ordinal);
        Assert.Contains(expected, page.QuerySelector(errorSelector)?.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await factory.AreaCountAsync());
    }

    [Fact]
    public async Task A_refused_form_keeps_what_was_entered()
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);

        using var response = await office.PostFormAsync(NewPage, "#area-form", Fields("Behalten " + Marker(),
            ("Input.SizeHectares", "12,5"), ("Input.BoundaryGeoJson", "{\"type\":\"Point\",\"coordinates\":[7.04,51.48]}"), ("Input.TopicSlugs", "verfuegungsfonds")));

        var page = await response.ParseAsync();
        Assert.Equal("12,5", page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Input_SizeHectares")?.Value);
        Assert.Contains("Point", page.QuerySelector("#Input_BoundaryGeoJson")?.TextContent, StringComparison.Ordinal);
        Assert.True(page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#topic-verfuegungsfonds")?.IsChecked);
        Assert.Equal(Essen, page.QuerySelector<AngleSharp.Html.Dom.IHtmlSelectElement>("#Input_MunicipalityAgs")?.Value);
    }

    [Theory]
    [InlineData("Altstadt-Süd {0}", "ALTSTADT-SÜD {0}")]
    [InlineData("Altstadt-Süd {0}", "altstadt-sued {0}")]
    [InlineData("Bismarckstraße {0}", "Bismarckstrasse {0}")]
    public async Task A_name_is_unique_within_its_municipality_also_differently_cased_or_transliterated(string first, string second)
    {
        var marker = Marker();
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        using var created = await office.PostFormAsync(NewPage, "#area-form", Fields(string.Format(System.Globalization.CultureInfo.InvariantCulture, first, marker)));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);

        using var duplicate = await office.PostFormAsync(NewPage, "#area-form", Fields(string.Format(System.Globalization.CultureInfo.InvariantCulture, second, marker)));
        using var elsewhere = await office.PostFormAsync(NewPage, "#area-form", Fields(string.Format(System.Globalization.CultureInfo.InvariantCulture, second, marker),
            ("Input.MunicipalityAgs", ApiTestPeople.Koeln), ("Input.Latitude", "50,94"), ("Input.Longitude", "6,96")));

        Assert.Equal(HttpStatusCode.OK, duplicate.StatusCode);
        Assert.Contains("gibt es bereits ein Programmgebiet mit dem Namen", await duplicate.ErrorSummaryAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, elsewhere.StatusCode);
        Assert.Equal(2, (await factory.AreasNamedAsync(marker)).Count);
    }

    [Fact]
    public async Task The_office_edits_an_area_and_the_change_is_audited()
    {
        var marker = Marker();
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        using var created = await office.PostFormAsync(NewPage, "#area-form", Fields("Vorher " + marker, ("Input.TopicSlugs", "verfuegungsfonds")));
        var url = created.Headers.Location!.OriginalString;
        var id = Assert.Single(await factory.AreasNamedAsync(marker)).Id;

        using var edited = await office.SubmitFormAsync(url, new Dictionary<string, string>
        {
            ["Input.MunicipalityAgs"] = Essen,
            ["Input.Programme"] = nameof(UrbanDevelopmentProgramme.SozialerZusammenhalt),
            ["Input.Name"] = "Nachher " + marker,
            ["Input.Status"] = nameof(ProgrammeAreaStatus.Verstetigung),
            ["Input.BoundaryGeoJson"] = Katernberg,
            ["Input.SizeHectares"] = "1.200,75",
        }, "#area-form");

        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        var area = Assert.Single(await factory.AreasNamedAsync(marker));
        Assert.Equal(("Nachher " + marker, ProgrammeAreaStatus.Verstetigung, 1200.75m), (area.Name, area.Status, area.SizeHectares!.Value));
        Assert.NotNull(area.BoundaryGeoJson);
        Assert.Equal(["verfuegungsfonds"], await TopicSlugsAsync(id));
        var updated = Assert.Single(await factory.AuditEntriesAsync(id.ToString()), e => e.Action == "area.updated");
        var changes = JsonSerializer.Deserialize<List<AuditChange>>(updated.Changes!)!;
        Assert.Contains(new AuditChange("Name", "Vorher " + marker, "Nachher " + marker), changes);
        Assert.Contains(changes, c => c.Field == "Stand" && c.After == "Verstetigung");

        using var refused = await office.SubmitFormAsync(url, new Dictionary<string, string>
        {
            ["Input.MunicipalityAgs"] = Essen, ["Input.Programme"] = nameof(UrbanDevelopmentProgramme.SozialerZusammenhalt),
            ["Input.Status"] = nameof(ProgrammeAreaStatus.Laufend),
            ["Input.BoundaryGeoJson"] = """{"type":"LineString","coordinates":[[7.04,51.48],[7.05,51.49]]}""",
        }, "#area-form");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Polygon oder MultiPolygon", await refused.ErrorSummaryAsync(), StringComparison.Ordinal);
        Assert.Equal(area.BoundaryGeoJson, Assert.Single(await factory.AreasNamedAsync(marker)).BoundaryGeoJson);
    }

    [Fact]
    public async Task The_office_adds_and_removes_contacts_found_in_the_directory()
    {
        var marker = Marker();
        var person = await factory.CreatePersonAsync([Roles.MemberStaff], displayName: "Quartiersmanagerin " + marker);
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        using var created = await office.PostFormAsync(NewPage, "#area-form", Fields("Kontakte " + marker));
        var url = created.Headers.Location!.OriginalString;
        var id = Assert.Single(await factory.AreasNamedAsync(marker)).Id;

        var search = await office.GetDocumentAsync($"{url}?person={marker}");
        Assert.Equal(person.Id.ToString(), search.QuerySelector<AngleSharp.Html.Dom.IHtmlSelectElement>("#contact-person")?.Value);
        using var withoutRole = await office.PostFormAsync($"{url}?person={marker}", "#add-contact-form",
            [new("personId", person.Id.ToString()), new("role", " "), new("person", marker)]);
        using var unknown = await office.PostFormAsync($"{url}?person={marker}", "#add-contact-form",
            [new("personId", Guid.NewGuid().ToString()), new("role", "Quartiersmanagement"), new("person", marker)]);
        using var added = await office.PostFormAsync($"{url}?person={marker}", "#add-contact-form",
            [new("personId", person.Id.ToString()), new("role", "Quartiersmanagement"), new("person", marker)]);

        Assert.Contains("Rolle an", await withoutRole.ErrorSummaryAsync(), StringComparison.Ordinal);
        Assert.Contains("aus dem Verzeichnis", await unknown.ErrorSummaryAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var page = await office.GetDocumentAsync(url);
        Assert.Contains("Quartiersmanagement", page.QuerySelector($"tr[data-contact-id='{person.Id}']")?.TextContent, StringComparison.Ordinal);
        Assert.Equal([(person.Id, "Quartiersmanagement")], await ContactsAsync(id));

        using var removed = await office.PostFormAsync(url, $"tr[data-contact-id='{person.Id}'] form", [new("personId", person.Id.ToString())]);
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Empty(await ContactsAsync(id));
        Assert.Equal(2, (await factory.AuditEntriesAsync(id.ToString())).Count(e => e.Action == "area.updated"));
    }

    [Fact]
    public async Task The_office_deletes_an_area_only_after_confirming_and_it_is_audited()
    {
        var marker = Marker();
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        using var created = await office.PostFormAsync(NewPage, "#area-form", Fields("Löschen " + marker, ("Input.TopicSlugs", "verfuegungsfonds")));
        var url = created.Headers.Location!.OriginalString;
        var id = Assert.Single(await factory.AreasNamedAsync(marker)).Id;

        using var unconfirmed = await office.PostFormAsync(url, "#delete-form", []);
        Assert.Equal(HttpStatusCode.OK, unconfirmed.StatusCode);
        Assert.Contains("Bitte bestätigen Sie", await unconfirmed.ErrorSummaryAsync(), StringComparison.Ordinal);
        Assert.Single(await factory.AreasNamedAsync(marker));

        using var deleted = await office.PostFormAsync(url, "#delete-form", [new("confirm", "true")]);
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Empty(await factory.AreasNamedAsync(marker));
        Assert.Empty(await TopicSlugsAsync(id));
        Assert.Contains(await factory.AuditEntriesAsync(id.ToString()), e => e.Action == "area.deleted");
        var list = await office.GetDocumentAsync(deleted.Headers.Location!.OriginalString);
        Assert.Contains("gelöscht", list.QuerySelector("[role=status]")?.TextContent, StringComparison.Ordinal);
        await office.GetDocumentAsync(url, HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData(Roles.MemberStaff)]
    [InlineData(Roles.MunicipalCoordinator)]
    [InlineData(Roles.Expert)]
    public async Task Other_roles_can_neither_open_nor_post_the_office_pages(string role)
    {
        var client = await factory.CreateClientSignedInAsync(role);
        var before = await factory.AreaCountAsync();

        using var list = await client.GetAsync(new Uri("/geschaeftsstelle/programmgebiete", UriKind.Relative), Ct);
        using var form = await client.GetAsync(new Uri(NewPage, UriKind.Relative), Ct);
        using var content = new FormUrlEncodedContent(Fields("Unerlaubt " + Marker()));
        using var post = await client.PostAsync(new Uri(NewPage, UriKind.Relative), content, Ct);
        using var anonymous = await factory.CreateBrowserLikeClient().GetAsync(new Uri(NewPage, UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, form.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/anmelden?ReturnUrl=", anonymous.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Equal(before, await factory.AreaCountAsync());
    }

    private Task<List<string>> TopicSlugsAsync(Guid id) =>
        factory.QueryAsync(db => db.Set<TopicAssignment>().AsNoTracking()
            .Where(a => a.ItemKind == TopicKinds.ProgrammeArea && a.ItemKey == id.ToString())
            .Join(db.Set<Topic>(), a => a.TopicId, t => t.Id, (_, t) => t.Slug).OrderBy(s => s).ToListAsync(Ct));

    private async Task<List<(Guid, string)>> ContactsAsync(Guid id) =>
        (await factory.QueryAsync(db => db.Set<ProgrammeAreaContact>().AsNoTracking().Where(c => c.AreaId == id).ToListAsync(Ct)))
        .Select(c => (c.PersonId, c.Role)).ToList();
}
