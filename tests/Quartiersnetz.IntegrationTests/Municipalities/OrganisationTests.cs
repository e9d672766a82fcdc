using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Organisations;
using Quartiersnetz.IntegrationTests.ApiAccess;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.IntegrationTests.Municipalities;

public sealed class OrganisationTests(QuartiersnetzFactory factory) : IClassFixture<QuartiersnetzFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_office_creates_an_organisation_which_is_audited_and_listed_publicly_by_type()
    {
        var name = "Caritasverband " + Marker();
        var office = await factory.CreateClientSignedInAsync(Roles.Office);

        using var response = await office.PostFormAsync("/geschaeftsstelle/organisationen/neu", "#organisation-form",
        [
            new("Input.Name", name), new("Input.Type", nameof(OrganisationType.Traeger)), new("Input.AddressLine1", "Domplatz 1"),
            new("Input.PostalCode", "50667"), new("Input.City", "Köln"), new("Input.Website", "https://caritas.example"),
            new("Input.MunicipalityAgs", ApiTestPeople.Koeln),
        ]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var id = await IdOfAsync(name);
        var entry = Assert.Single(await factory.AuditEntriesAsync(id.ToString()));
        Assert.Equal("organisation.created", entry.Action);
        Assert.Contains(new AuditChange("Name", null, name), JsonSerializer.Deserialize<List<AuditChange>>(entry.Changes!)!);
        var anonymous = factory.CreateBrowserLikeClient();
        var traeger = await anonymous.GetDocumentAsync($"/organisationen?art=Traeger&name={Uri.EscapeDataString(name)}");
        var universities = await anonymous.GetDocumentAsync($"/organisationen?art=Hochschule&name={Uri.EscapeDataString(name)}");
        Assert.Single(traeger.QuerySelectorAll($"[data-organisation-id='{id}']"));
        Assert.Empty(universities.QuerySelectorAll("[data-organisation-id]"));
        var page = await anonymous.GetDocumentAsync($"/organisationen/{id}");
        Assert.Equal(name, page.QuerySelector("h1")?.TextContent);
        Assert.Contains("50667 Köln", page.QuerySelector("#organisation-address")?.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("a[href='https://caritas.example']"));
    }

    [Theory]
    [InlineData("Input.Website", "javascript:alert(1)", "http:// oder https://")]
    [InlineData("Input.Website", "ftp://example.org", "http:// oder https://")]
    [InlineData("Input.PostalCode", "5066", "5 Ziffern")]
    [InlineData("Input.MunicipalityAgs", "99999999", "Kommune aus der Liste")]
    [InlineData("Input.Type", "Kaiserhof", "für „Art“ ungültig")]
    [InlineData("Input.Name", "", "Namen ein")]
    public async Task Bad_input_is_refused_in_German_and_nothing_is_stored(string field, string value, string expected)
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var values = new Dictionary<string, string>
        {
            ["Input.Name"] = "Fehlerfall " + Marker(), ["Input.Type"] = nameof(OrganisationType.Sonstige), ["Input.Website"] = "",
            ["Input.PostalCode"] = "", ["Input.MunicipalityAgs"] = "",
        };
        values[field] = value;
        var before = await CountAsync();

        using var response = await office.PostFormAsync("/geschaeftsstelle/organisationen/neu", "#organisation-form", values);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(expected, (await response.ParseAsync()).QuerySelector("[role=alert]")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task A_name_is_unique_per_type_but_may_repeat_across_types()
    {
        var name = "Institut " + Marker();
        var first = await CreateAsync(name, OrganisationType.Hochschule);
        var office = await factory.CreateClientSignedInAsync(Roles.Office);

        using var duplicate = await office.PostFormAsync("/geschaeftsstelle/organisationen/neu", "#organisation-form",
            [new("Input.Name", name), new("Input.Type", nameof(OrganisationType.Hochschule))]);
        using var otherType = await office.PostFormAsync("/geschaeftsstelle/organisationen/neu", "#organisation-form",
            [new("Input.Name", name), new("Input.Type", nameof(OrganisationType.Beratungsbuero))]);

        Assert.Equal(HttpStatusCode.OK, duplicate.StatusCode);
        Assert.Contains("schon eine Organisation dieser Art", (await duplicate.ParseAsync()).QuerySelector("[role=alert]")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, otherType.StatusCode);
        Assert.Single(await factory.AuditEntriesAsync(first.ToString()));
    }

    [Fact]
    public async Task An_organisation_with_people_cannot_be_deleted_and_one_without_can_and_is_audited()
    {
        var linked = await CreateAsync("Verbunden " + Marker(), OrganisationType.Fachverband);
        var empty = await CreateAsync("Leer " + Marker(), OrganisationType.Fachverband);
        var person = await factory.CreatePersonAsync([Roles.Expert]);
        await LinkAsync(person.Id, linked);
        var office = await factory.CreateClientSignedInAsync(Roles.Office);

        var linkedPage = await office.GetDocumentAsync($"/geschaeftsstelle/organisationen/{linked}");
        using var refused = await PostDeleteAsync(office, linked);
        using var deleted = await PostDeleteAsync(office, empty);

        Assert.Null(linkedPage.QuerySelector("#delete-form"));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("solange Personen", (await refused.ParseAsync()).QuerySelector("[role=alert]")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal([linked], await QueryAsync(db => db.Set<Organisation>().Where(o => o.Id == linked || o.Id == empty).Select(o => o.Id).ToListAsync(Ct)));
        Assert.Contains(await factory.AuditEntriesAsync(empty.ToString()), e => e.Action == "organisation.deleted");
    }

    [Fact]
    public async Task The_office_links_a_person_to_an_organisation_and_the_change_is_audited()
    {
        var organisation = await CreateAsync("Ministerium " + Marker(), OrganisationType.Ministerium);
        var person = await factory.CreatePersonAsync([Roles.Expert]);
        var office = await factory.CreateClientSignedInAsync(Roles.Office);

        using var response = await office.PostFormAsync($"/geschaeftsstelle/personen/{person.Id}", "#assignment-form",
            [new("Input.Roles", Roles.Expert), new("Input.OrganisationId", organisation.ToString())]);
        using var unknown = await office.PostFormAsync($"/geschaeftsstelle/personen/{person.Id}", "#assignment-form",
            [new("Input.Roles", Roles.Expert), new("Input.OrganisationId", Guid.NewGuid().ToString())]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var entry = Assert.Single(await factory.AuditEntriesAsync(person.Id.ToString()));
        Assert.Contains(JsonSerializer.Deserialize<List<AuditChange>>(entry.Changes!)!, c => c.Field == "Organisation im Verzeichnis" && c.Before == null && c.After!.Contains("Ministerium", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Contains("Organisation aus der Liste", (await unknown.ParseAsync()).QuerySelector("[role=alert]")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(organisation, await QueryAsync(db => db.Users.Where(u => u.Id == person.Id).Select(u => u.OrganisationId).SingleAsync(Ct)));
    }

    [Fact]
    public async Task The_organisation_page_shows_each_viewer_only_the_people_they_may_see()
    {
        var organisation = await CreateAsync("Hochschule " + Marker(), OrganisationType.Hochschule);
        var open = await MunicipalityPageTests.CreateListedPersonAsync(factory, ApiTestPeople.Koeln, "Anna Öffentlich", ProfileVisibility.Public, consent: true);
        var internalOnly = await MunicipalityPageTests.CreateListedPersonAsync(factory, ApiTestPeople.Koeln, "Bea Intern", ProfileVisibility.Members, consent: true);
        var unlisted = await MunicipalityPageTests.CreateListedPersonAsync(factory, ApiTestPeople.Koeln, "Cem Ungelistet", ProfileVisibility.Public, consent: false);
        foreach (var p in new[] { open, internalOnly, unlisted })
        {
            await LinkAsync(p.Id, organisation);
        }

        var url = $"/organisationen/{organisation}";
        var anonymous = await factory.CreateBrowserLikeClient().GetDocumentAsync(url);
        var member = await (await factory.CreateClientSignedInAsync(Roles.MemberStaff)).GetDocumentAsync(url);
        var office = await (await factory.CreateClientSignedInAsync(Roles.Office)).GetDocumentAsync(url);

        Assert.Equal([open.Id], PeopleOn(anonymous));
        Assert.DoesNotContain("Bea Intern", anonymous.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal([open.Id, internalOnly.Id], PeopleOn(member));
        Assert.Equal(3, PeopleOn(office).Length);
    }

    [Fact]
    public async Task The_api_lists_and_shows_organisations_without_people_and_answers_404_for_unknown_ids()
    {
        var name = "Bezirksregierung " + Marker();
        var id = await CreateAsync(name, OrganisationType.Bezirksregierung);
        var person = await factory.CreatePersonAsync([Roles.Expert]);
        await LinkAsync(person.Id, id);
        var client = factory.CreateBrowserLikeClient();

        var list = await client.GetStringAsync(new Uri($"/api/v1/organisations?type=Bezirksregierung&name={Uri.EscapeDataString(name)}", UriKind.Relative), Ct);
        using var details = JsonDocument.Parse(await client.GetStringAsync(new Uri($"/api/v1/organisations/{id}", UriKind.Relative), Ct));
        using var unknown = await client.GetAsync(new Uri($"/api/v1/organisations/{Guid.NewGuid()}", UriKind.Relative), Ct);
        using var badType = await client.GetAsync(new Uri("/api/v1/organisations?type=Kaiserhof", UriKind.Relative), Ct);

        var item = Assert.Single(JsonDocument.Parse(list).RootElement.GetProperty("items").EnumerateArray());
        Assert.Equal(id, item.GetProperty("id").GetGuid());
        Assert.DoesNotContain(person.DisplayName, list, StringComparison.Ordinal);
        Assert.Equal(name, details.RootElement.GetProperty("name").GetString());
        await unknown.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.True((await badType.AssertProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("type", out _));
    }

    [Fact]
    public async Task The_office_creates_and_updates_organisations_through_the_api_with_German_validation_messages()
    {
        var officePerson = await factory.CreatePersonAsync([Roles.Office], twoFactor: true);
        var api = factory.CreateBearerClient(await factory.AccessTokenAsync(officePerson));
        var name = "Beratung " + Marker();

        using var created = await api.PostAsJsonAsync("/api/v1/organisations", new { name, type = "Beratungsbuero", website = "https://beratung.example" }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        using var updated = await api.PutAsJsonAsync($"/api/v1/organisations/{id}", new { name, type = "Beratungsbuero", city = "Dortmund" }, Ct);
        using var invalid = await api.PostAsJsonAsync("/api/v1/organisations", new { name = "X " + Marker(), type = "Sonstige", website = "ftp://x.example", postalCode = "1" }, Ct);
        using var duplicate = await api.PostAsJsonAsync("/api/v1/organisations", new { name, type = "Beratungsbuero" }, Ct);
        using var missing = await api.PutAsJsonAsync($"/api/v1/organisations/{Guid.NewGuid()}", new { name = "Y", type = "Sonstige" }, Ct);

        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal("Dortmund", (await updated.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("city").GetString());
        var errors = (await invalid.AssertProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.Contains("http:// oder https://", errors.GetProperty("website")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("5 Ziffern", errors.GetProperty("postalCode")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("schon eine Organisation", (await duplicate.AssertProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("name")[0].GetString(), StringComparison.Ordinal);
        await missing.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(["organisation.created", "organisation.updated"], (await factory.AuditEntriesAsync(id.ToString())).Select(e => e.Action));
    }

    [Fact]
    public async Task Members_without_the_office_role_cannot_write_organisations_through_the_api()
    {
        var member = await factory.CreatePersonAsync([Roles.MunicipalCoordinator], ApiTestPeople.Koeln);
        var api = factory.CreateBearerClient(await factory.AccessTokenAsync(member));
        var before = await CountAsync();

        using var response = await api.PostAsJsonAsync("/api/v1/organisations", new { name = "Heimlich " + Marker(), type = "Sonstige" }, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(before, await CountAsync());
    }

    private static string Marker() => Guid.NewGuid().ToString("N")[..8];

    private static Guid[] PeopleOn(AngleSharp.Html.Dom.IHtmlDocument page) =>
        [.. page.QuerySelectorAll("#organisation-people [data-person-id]").Select(e => Guid.Parse(e.GetAttribute("data-person-id")!))];

    private static async Task<HttpResponseMessage> PostDeleteAsync(HttpClient office, Guid id)
    {
        // The delete button is hidden while people are linked; a hand-made request must still be refused.
        var page = await office.GetDocumentAsync($"/geschaeftsstelle/organisationen/{id}");
        var token = page.QuerySelector("#organisation-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var content = new FormUrlEncodedContent([new("__RequestVerificationToken", token)]);
        return await office.PostAsync(new Uri($"/geschaeftsstelle/organisationen/{id}?handler=Delete", UriKind.Relative), content, Ct);
    }

    private async Task<Guid> CreateAsync(string name, OrganisationType type)
    {
        await using var scope = factory.CreateScope();
        var services = scope.ServiceProvider;
        var (result, id) = await SaveOrganisation.CreateAsync(
            services.GetRequiredService<QuartiersnetzDbContext>(), services.GetRequiredService<AuditLog>(), AuditActor.System,
            new SaveOrganisation.Input { Name = name, Type = type }, Ct);
        Assert.Equal(SaveOrganisation.Result.Saved, result);
        return id;
    }

    private async Task LinkAsync(Guid personId, Guid organisationId)
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        (await db.Users.SingleAsync(u => u.Id == personId, Ct)).OrganisationId = organisationId;
        await db.SaveChangesAsync(Ct);
    }

    private Task<Guid> IdOfAsync(string name) =>
        QueryAsync(db => db.Set<Organisation>().Where(o => o.Name == name).Select(o => o.Id).SingleAsync(Ct));

    private async Task<T> QueryAsync<T>(Func<QuartiersnetzDbContext, Task<T>> query)
    {
        await using var scope = factory.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>());
    }

    private Task<int> CountAsync() => QueryAsync(db => db.Set<Organisation>().CountAsync(Ct));
}
