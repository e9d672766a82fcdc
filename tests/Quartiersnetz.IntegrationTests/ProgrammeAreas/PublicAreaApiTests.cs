using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Data.Reference;
using Quartiersnetz.Features.ProgrammeAreas;
using Quartiersnetz.IntegrationTests.ApiAccess;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Expertise;

namespace Quartiersnetz.IntegrationTests.ProgrammeAreas;

/// <summary>The reading API of programme areas (list, details, GeoJSON) and the expert-finder evidence of area contacts.</summary>
public sealed class PublicAreaApiTests(QuartiersnetzFactory factory) : IClassFixture<QuartiersnetzFactory>
{
    private const string Essen = "05113000";
    private const string Dortmund = "05913000";
    private const string Wuppertal = "05124000";
    private const string Bottrop = "05512000";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_list_filters_by_programme_status_ags_region_and_topic_with_its_sub_topics_and_pages()
    {
        var marker = PublicAreaTestSupport.Marker();
        var a = await factory.CreateAreaAsync($"A {marker}", Essen);
        var b = await factory.CreateAreaAsync($"B {marker}", Essen, x => x.Programme = UrbanDevelopmentProgramme.StadtumbauWest);
        var c = await factory.CreateAreaAsync($"C {marker}", Essen, x => x.Status = ProgrammeAreaStatus.InVorbereitung);
        var parent = await factory.CreateTopicForAreasAsync("Handlungsfeld", null, a.Id);
        await factory.CreateTopicForAreasAsync("Unterthema", parent.Id, c.Id);
        var client = factory.CreateBrowserLikeClient();

        var all = await ListAsync(client, $"?ags={Essen}");
        var byProgramme = await ListAsync(client, $"?ags={Essen}&programme=stadtumbauwest");
        var byStatus = await ListAsync(client, $"?ags={Essen}&status=InVorbereitung");
        var byTopic = await ListAsync(client, $"?topic={parent.Slug}");
        var byRegion = await ListAsync(client, $"?ags={Essen}&region=051");
        var otherRegion = await ListAsync(client, $"?ags={Essen}&region=053");
        var pageTwo = await ListAsync(client, $"?ags={Essen}&page=2&pageSize=2");

        Assert.Equal([a.Id, b.Id, c.Id], Ids(all));
        var first = all.GetProperty("items")[0];
        Assert.Equal(Essen, first.GetProperty("municipalityAgs").GetString());
        Assert.Equal("Essen, Stadt", first.GetProperty("municipalityName").GetString());
        Assert.Equal("SozialerZusammenhalt", first.GetProperty("programme").GetString());
        Assert.Equal("Laufend", first.GetProperty("status").GetString());
        Assert.Equal([b.Id], Ids(byProgramme));
        Assert.Equal([c.Id], Ids(byStatus));
        Assert.Equal([a.Id, c.Id], Ids(byTopic));
        Assert.Equal(3, Ids(byRegion).Length);
        Assert.Empty(Ids(otherRegion));
        Assert.Equal([c.Id], Ids(pageTwo));
        Assert.Equal(3, pageTwo.GetProperty("totalCount").GetInt32());
    }

    [Theory]
    [InlineData("programme=Kaiserhof", "programme", "Unbekanntes Programm")]
    [InlineData("programme=0", "programme", "Unbekanntes Programm")]
    [InlineData("status=Ewig", "status", "Unbekannter Stand")]
    [InlineData("ags=5111", "ags", "8 Ziffern")]
    [InlineData("ags=09162000", "ags", "keine Gemeinde in NRW")]
    [InlineData("region=999", "region", "Unbekannter Regierungsbezirk")]
    [InlineData("topic=gibt-es-nicht", "topic", "kein Thema")]
    [InlineData("page=0", "page", "Seite")]
    [InlineData("pageSize=101", "pageSize", "Seitengröße")]
    public async Task Bad_parameters_answer_ProblemDetails_naming_the_field(string query, string field, string expected)
    {
        var client = factory.CreateBrowserLikeClient();

        using var list = await client.GetAsync(new Uri($"/api/v1/areas?{query}", UriKind.Relative), Ct);

        var errors = (await list.AssertProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.Contains(expected, errors.GetProperty(field)[0].GetString(), StringComparison.Ordinal);
        if (field is not ("page" or "pageSize"))
        {
            using var geoJson = await client.GetAsync(new Uri($"/api/v1/areas/geojson?{query}", UriKind.Relative), Ct);
            Assert.True((await geoJson.AssertProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty(field, out _));
        }
    }

    [Fact]
    public async Task The_details_carry_topics_visible_contacts_and_the_boundary_and_unknown_ids_answer_404()
    {
        var marker = PublicAreaTestSupport.Marker();
        var area = await factory.CreateAreaAsync($"Nordstadt {marker}", Dortmund, x =>
        {
            x.BoundaryGeoJson = PublicAreaTestSupport.Boundary;
            x.SizeHectares = 12.5m;
            x.PlanTitle = "InHK";
        });
        var topic = await factory.CreateTopicForAreasAsync("Integration", null, area.Id);
        var open = await factory.CreateContactAsync(area.Id, $"Offen {marker}", ProfileVisibility.Public, "Quartiersmanagement");
        var members = await factory.CreateContactAsync(area.Id, $"Intern {marker}", ProfileVisibility.Members, "Stadt");
        var hidden = await factory.CreateContactAsync(area.Id, $"Verborgen {marker}", ProfileVisibility.Office, "Geheim");
        var anonymous = factory.CreateBrowserLikeClient();
        var member = factory.CreateBearerClient(await factory.AccessTokenAsync(await factory.CreatePersonAsync([Roles.Expert])));
        var url = new Uri($"/api/v1/areas/{area.Id}", UriKind.Relative);

        var publicText = await anonymous.GetStringAsync(url, Ct);
        var memberText = await member.GetStringAsync(url, Ct);
        using var unknown = await anonymous.GetAsync(new Uri($"/api/v1/areas/{Guid.NewGuid()}", UriKind.Relative), Ct);

        var details = JsonDocument.Parse(publicText).RootElement;
        Assert.Equal($"Nordstadt {marker}", details.GetProperty("name").GetString());
        Assert.Equal("Reg.-Bez. Arnsberg", details.GetProperty("regionName").GetString());
        Assert.Equal(12.5m, details.GetProperty("sizeHectares").GetDecimal());
        Assert.Equal(JsonValueKind.Null, details.GetProperty("planUrl").ValueKind);
        Assert.Equal(topic.Slug, details.GetProperty("topics")[0].GetProperty("slug").GetString());
        Assert.Equal("Polygon", details.GetProperty("boundary").GetProperty("type").GetString());
        Assert.Equal(7.10, details.GetProperty("boundary").GetProperty("coordinates")[0][0][0].GetDouble());
        Assert.Equal([open.Id], details.GetProperty("contacts").EnumerateArray().Select(e => e.GetProperty("personId").GetGuid()));
        Assert.Equal("Quartiersmanagement", details.GetProperty("contacts")[0].GetProperty("role").GetString());
        Assert.DoesNotContain(members.DisplayName, publicText, StringComparison.Ordinal);
        Assert.Equal(
            new[] { open.Id, members.Id }.Order(),
            JsonDocument.Parse(memberText).RootElement.GetProperty("contacts").EnumerateArray().Select(e => e.GetProperty("personId").GetGuid()).Order());
        Assert.DoesNotContain(hidden.DisplayName, memberText, StringComparison.Ordinal);
        Assert.DoesNotContain("Geheim", memberText, StringComparison.Ordinal);
        Assert.DoesNotContain(hidden.Id.ToString(), memberText, StringComparison.Ordinal);
        await unknown.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_GeoJSON_is_a_FeatureCollection_with_the_boundary_or_the_point()
    {
        var marker = PublicAreaTestSupport.Marker();
        var polygon = await factory.CreateAreaAsync($"Fläche {marker}", Wuppertal, x => x.BoundaryGeoJson = PublicAreaTestSupport.Boundary);
        var point = await factory.CreateAreaAsync($"Punkt {marker}", Wuppertal, x =>
        {
            x.Latitude = 51.25;
            x.Longitude = 7.15;
            x.Programme = UrbanDevelopmentProgramme.LebendigeZentren;
        });
        var client = factory.CreateBrowserLikeClient();

        using var response = await client.GetAsync(new Uri($"/api/v1/areas/geojson?ags={Wuppertal}", UriKind.Relative), Ct);
        using var filtered = await client.GetAsync(new Uri($"/api/v1/areas/geojson?ags={Wuppertal}&programme=LebendigeZentren", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/geo+json", response.Content.Headers.ContentType?.MediaType);
        var collection = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal("FeatureCollection", collection.GetProperty("type").GetString());
        var features = collection.GetProperty("features").EnumerateArray().ToDictionary(f => f.GetProperty("properties").GetProperty("id").GetGuid());
        Assert.Equal(2, features.Count);
        var area = features[polygon.Id];
        Assert.Equal("Feature", area.GetProperty("type").GetString());
        Assert.Equal($"Fläche {marker}", area.GetProperty("properties").GetProperty("name").GetString());
        Assert.Equal(Wuppertal, area.GetProperty("properties").GetProperty("ags").GetString());
        Assert.Equal("SozialerZusammenhalt", area.GetProperty("properties").GetProperty("programme").GetString());
        Assert.Equal("Laufend", area.GetProperty("properties").GetProperty("status").GetString());
        Assert.Equal("Polygon", area.GetProperty("geometry").GetProperty("type").GetString());
        var geometry = features[point.Id].GetProperty("geometry");
        Assert.Equal("Point", geometry.GetProperty("type").GetString());
        Assert.Equal([7.15, 51.25], geometry.GetProperty("coordinates").EnumerateArray().Select(v => v.GetDouble()));
        var only = JsonDocument.Parse(await filtered.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("features");
        Assert.Equal(point.Id, Assert.Single(only.EnumerateArray()).GetProperty("properties").GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task The_expert_finder_learns_who_is_contact_for_an_area_on_the_topic_or_named_like_the_words()
    {
        var marker = PublicAreaTestSupport.Marker();
        var area = await factory.CreateAreaAsync($"Ebel {marker}", Bottrop);
        var other = await factory.CreateAreaAsync($"Welheim {marker}", Bottrop);
        var topic = await factory.CreateTopicForAreasAsync("Verfügungsfonds", null, area.Id);
        var contact = await factory.CreateContactAsync(area.Id, $"Kontakt {marker}", ProfileVisibility.Public, "Quartiersmanagement");
        var otherContact = await factory.CreateContactAsync(other.Id, $"Anderer {marker}", ProfileVisibility.Public, "");

        await using var scope = factory.CreateScope();
        var source = scope.ServiceProvider.GetServices<IExpertiseEvidenceSource>().OfType<AreaContactEvidence>().Single();
        var byTopic = await source.FindAsync(new ExpertiseQuery([topic.Id], []), Ct);
        var byWord = await source.FindAsync(new ExpertiseQuery([], [GermanSortKey.For("Welheim")]), Ct);
        var either = await source.FindAsync(new ExpertiseQuery([topic.Id], [GermanSortKey.For("Welheim")]), Ct);
        var nothing = await source.FindAsync(new ExpertiseQuery([], []), Ct);

        var evidence = Assert.Single(byTopic);
        Assert.Equal(contact.Id, evidence.PersonId);
        Assert.Equal(3, evidence.Weight);
        Assert.Equal(1, evidence.Count);
        Assert.Equal("Ansprechperson für {1} ({2})", evidence.Summary);
        Assert.Equal([$"Ebel {marker}", "Quartiersmanagement"], evidence.Arguments);
        Assert.Equal($"/programmgebiete/{area.Id}", evidence.Url);
        var named = Assert.Single(byWord, e => e.Arguments[0].EndsWith(marker, StringComparison.Ordinal));
        Assert.Equal(otherContact.Id, named.PersonId);
        Assert.Equal("Ansprechperson für {1}", named.Summary);
        Assert.Equal(new[] { contact.Id, otherContact.Id }.Order(), either.Where(e => e.Arguments[0].EndsWith(marker, StringComparison.Ordinal)).Select(e => e.PersonId).Order());
        Assert.Empty(nothing);
    }

    private static async Task<JsonElement> ListAsync(HttpClient client, string query)
    {
        using var response = await client.GetAsync(new Uri($"/api/v1/areas{query}", UriKind.Relative), Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement;
    }

    private static Guid[] Ids(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid())];
}
