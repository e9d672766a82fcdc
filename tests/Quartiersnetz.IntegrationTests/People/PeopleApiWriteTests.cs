using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.IntegrationTests.ApiAccess;
using Quartiersnetz.IntegrationTests.ExpertFinder;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.IntegrationTests.Topics;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.IntegrationTests.People;

/// <summary>The office keeps directory entries through the API: external contacts without sign-in, and directory fields of anyone.</summary>
public sealed class PeopleApiWriteTests(QuartiersnetzFactory factory) : IClassFixture<QuartiersnetzFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_office_creates_an_external_contact_which_is_audited_listed_and_found_as_expert()
    {
        var topic = await factory.CreateTopicAsync("Referierende " + ExpertTestSupport.Word());
        var api = await OfficeApiAsync();
        var email = $"Referentin-{Guid.NewGuid():N}@Beispiel.DE";

        using var response = await api.PostAsJsonAsync("/api/v1/people", new
        {
            displayName = "Rita Referentin",
            functionTitle = "Stadtforscherin",
            municipalityAgs = ApiTestPeople.Koeln,
            phone = "0221 123",
            email = $"  {email} ",
            topics = new[] { topic.Slug },
            nameVisibility = "Public",
            emailVisibility = "members",
        }, Ct);

        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        var created = JsonDocument.Parse(body).RootElement;
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal($"/api/v1/people/{id}", response.Headers.Location?.OriginalString);
        Assert.True(created.GetProperty("isExternalContact").GetBoolean());
        Assert.Empty(created.GetProperty("roles").EnumerateArray());
        var account = await FindAsync(id);
        Assert.True(account.IsExternalContact);
        Assert.Null(account.PasswordHash);
        Assert.Equal(id.ToString(), account.UserName);
        Assert.Equal(email.Trim()[..email.IndexOf('@')] + "@beispiel.de", account.Email);
        Assert.Equal(ProfileVisibility.Members, account.EmailVisibility);
        Assert.Equal(ProfileVisibility.Members, account.FunctionVisibility);
        var entry = Assert.Single(await factory.AuditEntriesAsync(id.ToString()));
        Assert.Equal("person.created", entry.Action);
        var changes = JsonSerializer.Deserialize<List<AuditChange>>(entry.Changes!)!;
        Assert.Contains(new AuditChange("Name", null, "Rita Referentin"), changes);
        Assert.Contains(new AuditChange("Themenfelder", null, topic.Name), changes);

        // The public reads the public name; members find her as an expert without any listing consent.
        using var publicDetail = JsonDocument.Parse(await factory.CreateClient().GetStringAsync(new Uri($"/api/v1/people/{id}", UriKind.Relative), Ct));
        Assert.Equal("Rita Referentin", publicDetail.RootElement.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, publicDetail.RootElement.GetProperty("email").ValueKind);
        var member = await factory.CreatePersonAsync([Roles.MemberStaff]);
        var memberApi = factory.CreateBearerClient(await factory.AccessTokenAsync(member));
        using var experts = JsonDocument.Parse(await memberApi.GetStringAsync(new Uri($"/api/v1/experts?topic={topic.Slug}", UriKind.Relative), Ct));
        Assert.Equal(id, experts.RootElement.GetProperty("items")[0].GetProperty("id").GetGuid());
    }

    [Theory]
    [InlineData("municipalityAgs", "\"99999999\"", "Gemeinde")]
    [InlineData("organisationId", "\"00000000-0000-0000-0000-000000000042\"", "Organisation")]
    [InlineData("topics", "[\"gibt-es-nicht\"]", "Thema")]
    [InlineData("email", "\"keine-adresse\"", "gültige E-Mail-Adresse")]
    [InlineData("email", "\"jörg@beispiel.de\"", "Umlaute")]
    [InlineData("email", "\"admin@quartiersnetz.test\"", "gehört schon")]
    [InlineData("displayName", "\"  \"", "Namen")]
    [InlineData("displayName", "null", "Namen")]
    [InlineData("phone", "\"ruf an\"", "Telefonnummer")]
    [InlineData("nameVisibility", "\"Geheim\"", "Public")]
    public async Task Bad_input_is_refused_with_the_field_named_and_nothing_is_stored(string field, string json, string expected)
    {
        var api = await OfficeApiAsync();
        var values = new Dictionary<string, string>
        {
            ["displayName"] = "\"Fehlerfall\"", ["municipalityAgs"] = $"\"{ApiTestPeople.Koeln}\"", ["email"] = "\"fehler@beispiel.de\"",
        };
        values[field] = json;
        var body = "{" + string.Join(",", values.Select(v => $"\"{v.Key}\":{v.Value}")) + "}";
        var before = await CountPeopleAsync();

        using var response = await api.PostAsync(new Uri("/api/v1/people", UriKind.Relative), new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Ct);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(expected, problem.GetProperty("errors").GetProperty(field)[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await CountPeopleAsync());
    }

    [Fact]
    public async Task The_office_updates_directory_fields_of_an_account_but_not_its_roles_or_address()
    {
        var first = await factory.CreateTopicAsync("Erstes " + ExpertTestSupport.Word());
        var second = await factory.CreateTopicAsync("Zweites " + ExpertTestSupport.Word());
        var person = await factory.CreateExpertAsync("Uwe Umbenannt", [first], roles: [Roles.MemberStaff]);
        var api = await OfficeApiAsync();
        var stampBefore = (await FindAsync(person)).SecurityStamp;

        using var updated = await api.PutAsJsonAsync($"/api/v1/people/{person}", new
        {
            displayName = "Uwe Umbenannt-Neu", functionTitle = "Sozialplanung", municipalityAgs = ApiTestPeople.Duesseldorf,
            topics = new[] { second.Slug }, functionVisibility = "Public",
        }, Ct);
        using var addressChange = await api.PutAsJsonAsync($"/api/v1/people/{person}", new { displayName = "Uwe", email = "neu@beispiel.de" }, Ct);
        using var missing = await api.PutAsJsonAsync($"/api/v1/people/{Guid.NewGuid()}", new { displayName = "Niemand" }, Ct);

        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var account = await FindAsync(person);
        Assert.Equal("Uwe Umbenannt-Neu", account.DisplayName);
        Assert.Equal("Sozialplanung", account.FunctionTitle);
        Assert.Equal(ProfileVisibility.Public, account.FunctionVisibility);
        Assert.Equal(ApiTestPeople.Duesseldorf, account.MunicipalityAgs);
        Assert.EndsWith("@quartiersnetz.test", account.Email, StringComparison.Ordinal);
        Assert.Equal(stampBefore, account.SecurityStamp);
        Assert.Equal([second.Slug], await TopicSlugsAsync(person));
        Assert.Equal(["MemberStaff"], (await GetJsonAsync(api, $"/api/v1/people/{person}")).GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        var entry = Assert.Single(await factory.AuditEntriesAsync(person.ToString()));
        Assert.Equal("person.updated", entry.Action);
        Assert.Contains(new AuditChange("Name", "Uwe Umbenannt", "Uwe Umbenannt-Neu"), JsonSerializer.Deserialize<List<AuditChange>>(entry.Changes!)!);
        var problem = await addressChange.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("nur die Person selbst", problem.GetProperty("errors").GetProperty("email")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("Uwe Umbenannt-Neu", (await FindAsync(person)).DisplayName);
        await missing.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Members_cannot_write_people()
    {
        var member = await factory.CreatePersonAsync([Roles.MunicipalCoordinator], ApiTestPeople.Koeln);
        var api = factory.CreateBearerClient(await factory.AccessTokenAsync(member));
        var before = await CountPeopleAsync();

        using var response = await api.PostAsJsonAsync("/api/v1/people", new { displayName = "Heimlich" }, Ct);

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(before, await CountPeopleAsync());
    }

    [Fact]
    public async Task An_external_contact_can_neither_sign_in_nor_get_a_password_reset()
    {
        var api = await OfficeApiAsync();
        var email = $"extern-{Guid.NewGuid():N}@beispiel.de";
        using var created = await api.PostAsJsonAsync("/api/v1/people", new { displayName = "Erika Extern", email }, Ct);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        var control = await factory.CreatePersonAsync([Roles.Expert]);
        var browser = factory.CreateBrowserLikeClient();

        using var signIn = await browser.SubmitFormAsync("/anmelden", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = "Irgendein-Passwort-123" });
        using var token = await factory.CreateClient().RequestTokenAsync(new { email, password = "Irgendein-Passwort-123" });
        (await browser.SubmitFormAsync("/passwort-vergessen", new Dictionary<string, string> { ["Input.Email"] = email })).Dispose();
        (await browser.SubmitFormAsync("/passwort-vergessen", new Dictionary<string, string> { ["Input.Email"] = control.Email })).Dispose();

        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Contains("Die Anmeldung ist fehlgeschlagen", (await signIn.ParseAsync()).QuerySelector("[role=alert]")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, token.StatusCode);
        // The control's mail was queued after the external contact's request would have been; once it arrived, none will come.
        _ = await factory.Mailbox.WaitForMailAsync(control.Email);
        Assert.Empty(await factory.Mailbox.MailsToAsync(email));

        // Even a valid reset token, had one ever been made, opens nothing.
        string code;
        await using (var scope = factory.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
            code = await users.GeneratePasswordResetTokenAsync((await users.FindByIdAsync(id.ToString()))!);
        }

        _ = await browser.GetDocumentAsync($"/passwort-zuruecksetzen?konto={id}&code={Uri.EscapeDataString(code)}", HttpStatusCode.BadRequest);
        Assert.Null((await FindAsync(id)).PasswordHash);
    }

    private async Task<HttpClient> OfficeApiAsync()
    {
        var office = await factory.CreatePersonAsync([Roles.Office], twoFactor: true);
        return factory.CreateBearerClient(await factory.AccessTokenAsync(office));
    }

    private async Task<UserAccount> FindAsync(Guid id)
    {
        await using var scope = factory.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>().Users.AsNoTracking().SingleAsync(u => u.Id == id, Ct);
    }

    private async Task<int> CountPeopleAsync()
    {
        await using var scope = factory.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>().Users.CountAsync(Ct);
    }

    private async Task<List<string>> TopicSlugsAsync(Guid id)
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        return await db.Set<TopicAssignment>().Where(a => a.ItemKind == TopicKinds.Person && a.ItemKey == id.ToString())
            .Join(db.Set<Topic>(), a => a.TopicId, t => t.Id, (_, t) => t.Slug).ToListAsync(Ct);
    }

    private static async Task<JsonElement> GetJsonAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).Clone();
    }
}
