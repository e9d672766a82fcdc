using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Organisations;
using Quartiersnetz.IntegrationTests.ApiAccess;
using Quartiersnetz.IntegrationTests.ExpertFinder;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.IntegrationTests.Topics;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Privacy;

namespace Quartiersnetz.IntegrationTests.People;

/// <summary>GET /api/v1/people: everyone may ask, each caller sees whom and what the profile visibility allows.</summary>
public sealed class PeopleApiReadTests(QuartiersnetzFactory factory) : IClassFixture<QuartiersnetzFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_public_sees_only_public_names_and_public_fields()
    {
        var marker = ExpertTestSupport.Word();
        var open = await factory.CreateExpertAsync($"{marker} Anna Offen", [], u =>
        {
            u.NameVisibility = ProfileVisibility.Public;
            u.FunctionTitle = "Quartiersmanagement";
            u.FunctionVisibility = ProfileVisibility.Public;
            u.EmailVisibility = ProfileVisibility.Members;
            u.PhoneNumber = "0211 12345";
            u.PhoneVisibility = ProfileVisibility.Public;
            u.MunicipalityAgs = ApiTestPeople.Koeln;
            u.OrganisationVisibility = ProfileVisibility.Members;
        });
        var membersOnly = await factory.CreateExpertAsync($"{marker} Bert Mitglied", []);
        var anonymous = factory.CreateClient();

        var list = await GetJsonAsync(anonymous, $"/api/v1/people?name={marker}");
        var detail = await GetJsonAsync(anonymous, $"/api/v1/people/{open}");
        using var hidden = await anonymous.GetAsync(new Uri($"/api/v1/people/{membersOnly}", UriKind.Relative), Ct);

        Assert.Equal([open], Ids(list));
        Assert.Equal("Quartiersmanagement", detail.GetProperty("function").GetString());
        Assert.Equal("0211 12345", detail.GetProperty("phone").GetString());
        Assert.Equal(JsonValueKind.Null, detail.GetProperty("email").ValueKind);
        Assert.Equal(JsonValueKind.Null, detail.GetProperty("municipalityAgs").ValueKind);
        Assert.False(detail.TryGetProperty("roles", out _));
        Assert.False(detail.TryGetProperty("isDeactivated", out _));
        var problem = await hidden.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains("Es gibt keine Person", problem.GetProperty("title").GetString() + problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Members_see_member_fields_and_the_office_everything_including_roles_and_deactivated_people()
    {
        var marker = ExpertTestSupport.Word();
        var member = await factory.CreateExpertAsync($"{marker} Carla Kollegin", [], u =>
        {
            u.MunicipalityAgs = ApiTestPeople.Koeln;
            u.EmailVisibility = ProfileVisibility.Members;
        }, roles: [Roles.MemberStaff]);
        var secret = await factory.CreateExpertAsync($"{marker} Dana Diskret", [], u => u.NameVisibility = ProfileVisibility.Office);
        var unlisted = await factory.CreateExpertAsync($"{marker} Egon Ungelistet", [], listed: false);
        var deactivated = await factory.CreateExpertAsync($"{marker} Fritz Frueher", [], deactivated: true);
        var memberApi = await ApiForAsync([Roles.Expert]);
        var officeApi = await ApiForAsync([Roles.Office], twoFactor: true);

        var seenByMember = await GetJsonAsync(memberApi, $"/api/v1/people?name={marker}");
        var seenByOffice = await GetJsonAsync(officeApi, $"/api/v1/people?name={marker}");
        using var deactivatedForMember = await memberApi.GetAsync(new Uri($"/api/v1/people/{deactivated}", UriKind.Relative), Ct);

        Assert.Equal([member], Ids(seenByMember));
        var carla = seenByMember.GetProperty("items")[0];
        Assert.EndsWith("@quartiersnetz.test", carla.GetProperty("email").GetString(), StringComparison.Ordinal);
        Assert.Equal("Köln, Stadt", carla.GetProperty("municipalityName").GetString());
        Assert.False(carla.TryGetProperty("roles", out _));
        Assert.Equal(new[] { member, secret, unlisted, deactivated }.Order(), Ids(seenByOffice).Order());
        var items = seenByOffice.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("id").GetGuid());
        Assert.Equal(["MemberStaff"], items[member].GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.True(items[deactivated].GetProperty("isDeactivated").GetBoolean());
        Assert.Equal("Office", items[secret].GetProperty("visibility").GetProperty("name").GetString());
        await deactivatedForMember.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_withdrawn_directory_consent_takes_the_person_out_of_members_lists_and_the_expert_finder()
    {
        var marker = ExpertTestSupport.Word();
        var topic = await factory.CreateTopicAsync("Widerruf " + marker);
        var stays = await factory.CreateExpertAsync($"{marker} Gerda Bleibt", [topic]);
        var leaves = await factory.CreateExpertAsync($"{marker} Hanno Geht", [topic]);
        await using (var scope = factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
            await db.Set<ConsentRecord>().Where(c => c.UserId == leaves && c.Kind == ConsentKinds.DirectoryListing)
                .ExecuteUpdateAsync(c => c.SetProperty(x => x.WithdrawnAtUtc, DateTime.UtcNow), Ct);
        }

        var memberApi = await ApiForAsync([Roles.Expert]);
        var member = await factory.CreateClientSignedInAsync(Roles.Expert);

        Assert.Equal([stays], Ids(await GetJsonAsync(memberApi, $"/api/v1/people?name={marker}")));
        var finder = await member.GetDocumentAsync($"/kurzer-draht?thema={topic.Slug}");
        Assert.NotNull(finder.QuerySelector($"[data-person-id='{stays}']"));
        Assert.Null(finder.QuerySelector($"[data-person-id='{leaves}']"));
    }

    [Fact]
    public async Task Filters_by_municipality_organisation_and_topic_but_not_by_hidden_details()
    {
        var marker = ExpertTestSupport.Word();
        var topic = await factory.CreateTopicAsync("Personenfilter " + marker);
        var organisation = await CreateOrganisationAsync("Träger " + marker);
        var koeln = await factory.CreateExpertAsync($"{marker} Koeln", [topic], u =>
        {
            u.MunicipalityAgs = ApiTestPeople.Koeln;
            u.OrganisationId = organisation;
        });
        var hiddenPlace = await factory.CreateExpertAsync($"{marker} Versteckt", [], u =>
        {
            u.MunicipalityAgs = ApiTestPeople.Koeln;
            u.OrganisationId = organisation;
            u.OrganisationVisibility = ProfileVisibility.Office;
        });
        await factory.CreateExpertAsync($"{marker} Duesseldorf", [], u => u.MunicipalityAgs = ApiTestPeople.Duesseldorf);
        var api = await ApiForAsync([Roles.Funder]);

        Assert.Equal([koeln], Ids(await GetJsonAsync(api, $"/api/v1/people?name={marker}&municipality={ApiTestPeople.Koeln}")));
        Assert.Equal([koeln], Ids(await GetJsonAsync(api, $"/api/v1/people?organisation={organisation}")));
        Assert.Equal([koeln], Ids(await GetJsonAsync(api, $"/api/v1/people?topic={topic.Slug}")));
        var hidden = (await GetJsonAsync(api, $"/api/v1/people?name={marker}")).GetProperty("items").EnumerateArray()
            .Single(i => i.GetProperty("id").GetGuid() == hiddenPlace);
        Assert.Equal(JsonValueKind.Null, hidden.GetProperty("organisationName").ValueKind);
        var topics = (await GetJsonAsync(api, $"/api/v1/people/{koeln}")).GetProperty("topics");
        Assert.Equal(topic.Slug, topics[0].GetProperty("slug").GetString());
    }

    [Theory]
    [InlineData("topic=gibt-es-nicht", "topic")]
    [InlineData("municipality=99999999", "municipality")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("page=0", "page")]
    public async Task Bad_filters_are_answered_with_a_validation_problem(string query, string field)
    {
        using var response = await factory.CreateClient().GetAsync(new Uri($"/api/v1/people?{query}", UriKind.Relative), Ct);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    private async Task<HttpClient> ApiForAsync(string[] roles, bool twoFactor = false)
    {
        var person = await factory.CreatePersonAsync(roles, twoFactor: twoFactor);
        return factory.CreateBearerClient(await factory.AccessTokenAsync(person));
    }

    private async Task<Guid> CreateOrganisationAsync(string name)
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        var organisation = new Organisation { Name = name, SortKey = name.ToLowerInvariant(), Type = OrganisationType.Traeger };
        db.Add(organisation);
        await db.SaveChangesAsync(Ct);
        return organisation.Id;
    }

    private static async Task<JsonElement> GetJsonAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative), Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static List<Guid> Ids(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid())];
}
