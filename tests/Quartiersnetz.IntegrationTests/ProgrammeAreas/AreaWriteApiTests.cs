using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Data;
using Quartiersnetz.Features.ProgrammeAreas;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.IntegrationTests.ApiAccess;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.IntegrationTests.Profile;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.IntegrationTests.ProgrammeAreas;

/// <summary>The office writes programme areas through the API, with the form's checks and ProblemDetails for bad input.</summary>
public sealed class AreaWriteApiTests(QuartiersnetzFactory factory) : IClassFixture<QuartiersnetzFactory>
{
    private const string Essen = "05113000";
    private static readonly double[][][] Katernberg = [[[7.04, 51.48], [7.05, 51.48], [7.05, 51.49], [7.04, 51.49], [7.04, 51.48]]];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_office_creates_changes_and_deletes_an_area_with_boundary_topics_and_a_contact()
    {
        var api = await OfficeApiAsync();
        var contact = await factory.CreatePersonAsync([Roles.MemberStaff], Essen);
        var topic = await factory.QueryAsync(db => db.Set<Topic>().Where(t => t.Status == TopicStatus.Active).Select(t => t.Slug).FirstAsync(Ct));
        var name = "Katernberg " + Marker();

        using var created = await api.PostAsJsonAsync("/api/v1/areas", new
        {
            name, municipalityAgs = Essen, programme = "SozialerZusammenhalt", status = "Laufend", admissionYear = 2008, sizeHectares = 126.5,
            boundary = new { type = "Polygon", coordinates = Katernberg }, topics = new[] { topic },
            contacts = new[] { new { personId = contact.Id, role = "Quartiersmanagement" } },
        }, Ct);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        Assert.Equal($"/api/v1/areas/{id}", created.Headers.Location?.OriginalString);
        var area = await AreaAsync(id);
        Assert.NotNull(area!.MapGeoJson);
        Assert.Equal(126.5m, area.SizeHectares);
        Assert.Equal("Quartiersmanagement", (await factory.QueryAsync(db => db.Set<ProgrammeAreaContact>().SingleAsync(c => c.AreaId == id, Ct))).Role);
        Assert.Equal("area.created", Assert.Single(await factory.AuditEntriesAsync(id.ToString())).Action);

        using var updated = await api.PutAsJsonAsync($"/api/v1/areas/{id}", new
        {
            name, municipalityAgs = Essen, programme = "SozialerZusammenhalt", status = "Verstetigung", latitude = 51.485, longitude = 7.045,
        }, Ct);

        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        area = await AreaAsync(id);
        Assert.Equal(ProgrammeAreaStatus.Verstetigung, area!.Status);
        Assert.Null(area.BoundaryGeoJson);
        Assert.Equal(0, await factory.QueryAsync(db => db.Set<ProgrammeAreaContact>().CountAsync(c => c.AreaId == id, Ct)));

        using var deleted = await api.DeleteAsync(new Uri($"/api/v1/areas/{id}", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Null(await AreaAsync(id));
        var key = id.ToString();
        Assert.Equal(0, await factory.QueryAsync(db => db.Set<TopicAssignment>().CountAsync(a => a.ItemKind == TopicKinds.ProgrammeArea && a.ItemKey == key, Ct)));
    }

    public static TheoryData<string, string, string> BadAreas => new()
    {
        { """{"name":"A","municipalityAgs":"05113000","programme":"SozialerZusammenhalt","status":"Laufend","boundary":{"type":"Polygon","coordinates":[[[7.04,51.48],[7.05,51.49],[7.05,51.48],[7.04,51.49],[7.04,51.48]]]}}""", "boundary", "schneidet sich selbst" },
        { """{"name":"A","municipalityAgs":"05113000","programme":"SozialerZusammenhalt","status":"Laufend","boundary":{"type":"Point","coordinates":[7.04,51.48]}}""", "boundary", "Polygon oder MultiPolygon" },
        { """{"name":"A","municipalityAgs":"05113000","programme":"SozialerZusammenhalt","status":"Laufend","boundary":{"type":"Polygon","crs":{"type":"name","properties":{"name":"EPSG:31467"}},"coordinates":[[[7.04,51.48],[7.05,51.48],[7.05,51.49],[7.04,51.48]]]}}""", "boundary", "EPSG:31467" },
        { """{"name":"A","municipalityAgs":"05113000","programme":"SozialerZusammenhalt","status":"Laufend","latitude":48.137,"longitude":11.575}""", "latitude", "nicht in Nordrhein-Westfalen" },
        { """{"name":"A","municipalityAgs":"05999999","programme":"SozialerZusammenhalt","status":"Laufend","latitude":51.485,"longitude":7.045}""", "municipalityAgs", "05999999" },
        { """{"name":"A","municipalityAgs":"09162000","programme":"SozialerZusammenhalt","status":"Laufend","latitude":51.485,"longitude":7.045}""", "municipalityAgs", "beginnt mit 05" },
        { """{"name":"A","municipalityAgs":"05113000","programme":"SozialerZusammenhalt","status":"Laufend"}""", "boundary", "mindestens einen Punkt" },
        { """{"name":"A","municipalityAgs":"05113000","programme":"SozialerZusammenhalt","status":"Laufend","latitude":51.485,"longitude":7.045,"admissionYear":2020,"endYear":2010}""", "endYear", "nicht vor dem Aufnahmejahr" },
        { """{"name":"A","municipalityAgs":"05113000","programme":"SozialerZusammenhalt","status":"Laufend","latitude":51.485,"longitude":7.045,"topics":["gibt-es-nicht"]}""", "topics", "Themen aus der Liste" },
        { """{"name":"","municipalityAgs":"05113000","programme":"SozialerZusammenhalt","status":"Laufend","latitude":51.485,"longitude":7.045}""", "name", "Namen des Gebiets" },
    };

    [Theory]
    [MemberData(nameof(BadAreas))]
    public async Task Bad_input_gets_a_validation_problem_in_German_and_nothing_is_stored(string body, string field, string expected)
    {
        var api = await OfficeApiAsync();
        var before = await factory.QueryAsync(db => db.Set<ProgrammeArea>().CountAsync(Ct));

        using var response = await api.PostAsync(new Uri("/api/v1/areas", UriKind.Relative), new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Ct);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(expected, problem.GetProperty("errors").GetProperty(field)[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await factory.QueryAsync(db => db.Set<ProgrammeArea>().CountAsync(Ct)));
    }

    [Fact]
    public async Task A_second_area_of_the_same_name_in_one_municipality_is_refused_even_spelt_differently()
    {
        var api = await OfficeApiAsync();
        var marker = Marker();
        using var first = await api.PostAsJsonAsync("/api/v1/areas", Point($"Südliche Innenstadt {marker}"), Ct);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        using var second = await api.PostAsJsonAsync("/api/v1/areas", Point($"SUEDLICHE innenstadt {marker}"), Ct);

        var problem = await second.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("gibt es bereits ein Programmgebiet", problem.GetProperty("errors").GetProperty("name")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_areas_are_not_found_and_members_may_not_write()
    {
        var api = await OfficeApiAsync();
        var member = await factory.CreatePersonAsync([Roles.MemberStaff], Essen);
        var memberApi = factory.CreateBearerClient(await factory.AccessTokenAsync(member));

        using var missing = await api.PutAsJsonAsync($"/api/v1/areas/{Guid.NewGuid()}", Point("X"), Ct);
        using var missingDelete = await api.DeleteAsync(new Uri($"/api/v1/areas/{Guid.NewGuid()}", UriKind.Relative), Ct);
        using var forbidden = await memberApi.PostAsJsonAsync("/api/v1/areas", Point("Y " + Marker()), Ct);

        await missing.AssertProblemAsync(HttpStatusCode.NotFound);
        await missingDelete.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    private static object Point(string name) =>
        new { name, municipalityAgs = Essen, programme = "SozialerZusammenhalt", status = "Laufend", latitude = 51.485, longitude = 7.045 };

    private async Task<HttpClient> OfficeApiAsync() =>
        factory.CreateBearerClient(await factory.AccessTokenAsync(await factory.CreatePersonAsync([Roles.Office], twoFactor: true)));

    private async Task<ProgrammeArea?> AreaAsync(Guid id)
    {
        await using var scope = factory.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>().Set<ProgrammeArea>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, Ct);
    }

    private static string Marker() => Guid.NewGuid().ToString("N")[..8];
}
