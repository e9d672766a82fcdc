using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Data;
using Quartiersnetz.IntegrationTests.ApiAccess;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.IntegrationTests.People;

public sealed class PeopleAdministrationTests(QuartiersnetzFactory factory) : IClassFixture<QuartiersnetzFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_office_filters_people_by_name_role_and_municipality()
    {
        var marker = Guid.NewGuid().ToString("N")[..6];
        var staff = await factory.CreatePersonAsync([Roles.MemberStaff], ApiTestPeople.Koeln, displayName: $"Anna {marker} Köln");
        await factory.CreatePersonAsync([Roles.Expert], ApiTestPeople.Duesseldorf, displayName: $"Bernd {marker} Düsseldorf");
        var office = await factory.CreateClientSignedInAsync(Roles.Office);

        var byName = await office.GetDocumentAsync($"/geschaeftsstelle/personen?suche={marker}");
        var byRole = await office.GetDocumentAsync($"/geschaeftsstelle/personen?suche={marker}&rolle={Roles.MemberStaff}");
        var byMunicipality = await office.GetDocumentAsync($"/geschaeftsstelle/personen?suche={marker}&kommune={ApiTestPeople.Duesseldorf}");
        var byEmail = await office.GetDocumentAsync($"/geschaeftsstelle/personen?suche={Uri.EscapeDataString(staff.Email.ToUpperInvariant())}");

        Assert.Equal(2, byName.QuerySelectorAll("tr[data-person-id]").Length);
        var row = Assert.Single(byRole.QuerySelectorAll("tr[data-person-id]"));
        Assert.Contains("Mitarbeitende", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Köln", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Bernd", Assert.Single(byMunicipality.QuerySelectorAll("tr[data-person-id]")).TextContent, StringComparison.Ordinal);
        Assert.Equal(staff.Id.ToString(), Assert.Single(byEmail.QuerySelectorAll("tr[data-person-id]")).GetAttribute("data-person-id"));
    }

    [Theory]
    [InlineData("?rolle=Kaiser")]
    [InlineData("?seite=-3")]
    [InlineData("?kommune=xyz&seite=abc")]
    public async Task Odd_filter_values_are_corrected_not_failed(string query)
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);

        var page = await office.GetDocumentAsync("/geschaeftsstelle/personen" + query);

        Assert.Equal("Personen", page.QuerySelector("h1")?.TextContent);
    }

    [Fact]
    public async Task A_role_change_is_saved_and_audited_with_before_and_after()
    {
        var person = await factory.CreatePersonAsync([Roles.MemberStaff], ApiTestPeople.Koeln);
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var url = $"/geschaeftsstelle/personen/{person.Id}";

        using var response = await office.PostFormAsync(url, "#assignment-form",
        [
            new("Input.Roles", Roles.MunicipalCoordinator),
            new("Input.Roles", Roles.Jury),
            new("Input.MunicipalityAgs", ApiTestPeople.Duesseldorf),
            new("Input.FunctionTitle", "Koordination Soziale Stadt"),
            new("Input.Organisation", ""),
        ]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await office.GetDocumentAsync(url);
        Assert.Contains("gespeichert", page.QuerySelector("[role=status]")?.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector($"#role-{Roles.MunicipalCoordinator}[checked]"));
        Assert.Null(page.QuerySelector($"#role-{Roles.MemberStaff}[checked]"));
        var entry = Assert.Single(await factory.AuditEntriesAsync(person.Id.ToString()));
        Assert.Equal("person.updated", entry.Action);
        Assert.Equal("Test Person", entry.ActorName);
        var changes = JsonSerializer.Deserialize<List<AuditChange>>(entry.Changes!)!;
        Assert.Contains(new AuditChange("Rollen", "Mitarbeitende", "Kommunale Koordination, Jury"), changes);
        Assert.Contains(changes, c => c.Field == "Kommune" && c.Before!.Contains("Köln", StringComparison.Ordinal) && c.After!.Contains("Düsseldorf", StringComparison.Ordinal));
        Assert.Contains(new AuditChange("Funktion", null, "Koordination Soziale Stadt"), changes);
        Assert.DoesNotContain(changes, c => c.Field == "Organisation");

        var me = await factory.CreateBearerClient(await factory.AccessTokenAsync(person)).GetStringAsync(new Uri("/api/v1/me", UriKind.Relative), Ct);
        Assert.Contains(Roles.MunicipalCoordinator, me, StringComparison.Ordinal);
        Assert.DoesNotContain(Roles.MemberStaff, me, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Saving_without_changes_writes_no_audit_entry()
    {
        var person = await factory.CreatePersonAsync([Roles.Expert]);
        var office = await factory.CreateClientSignedInAsync(Roles.Office);

        using var response = await office.PostFormAsync($"/geschaeftsstelle/personen/{person.Id}", "#assignment-form",
            [new("Input.Roles", Roles.Expert), new("Input.MunicipalityAgs", "")]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Empty(await factory.AuditEntriesAsync(person.Id.ToString()));
    }

    [Theory]
    [InlineData("Input.Roles", "Kaiser", "Rollen aus der Liste")]
    [InlineData("Input.MunicipalityAgs", "99999999", "Kommune aus der Liste")]
    [InlineData("Input.MunicipalityAgs", "Köln", "Kommune aus der Liste")]
    public async Task Unknown_roles_or_municipalities_are_refused_and_nothing_changes(string field, string value, string expected)
    {
        var person = await factory.CreatePersonAsync([Roles.MemberStaff], ApiTestPeople.Koeln);
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var values = new List<KeyValuePair<string, string>> { new("Input.Roles", Roles.MemberStaff), new("Input.Roles", Roles.Jury) };
        values.Add(new(field, value));
        if (field != "Input.MunicipalityAgs")
        {
            values.Add(new("Input.MunicipalityAgs", ApiTestPeople.Koeln));
        }

        using var response = await office.PostFormAsync($"/geschaeftsstelle/personen/{person.Id}", "#assignment-form", values);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ParseAsync();
        Assert.Contains(expected, page.QuerySelector("[role=alert]")?.TextContent, StringComparison.Ordinal);
        Assert.Empty(await factory.AuditEntriesAsync(person.Id.ToString()));
        Assert.Equal([Roles.MemberStaff], await RolesOfAsync(person.Id));
    }

    [Fact]
    public async Task An_overlong_function_is_refused()
    {
        var person = await factory.CreatePersonAsync([Roles.MemberStaff]);
        var office = await factory.CreateClientSignedInAsync(Roles.Office);

        using var response = await office.PostFormAsync($"/geschaeftsstelle/personen/{person.Id}", "#assignment-form",
            [new("Input.Roles", Roles.MemberStaff), new("Input.FunctionTitle", new string('x', UserAccount.FunctionTitleMaxLength + 1))]);

        var page = await response.ParseAsync();
        Assert.Contains("höchstens 200 Zeichen", page.QuerySelector("#Input_FunctionTitle-error")?.TextContent, StringComparison.Ordinal);
        Assert.Empty(await factory.AuditEntriesAsync(person.Id.ToString()));
    }

    [Fact]
    public async Task A_deactivated_person_can_neither_sign_in_nor_use_tokens_until_reactivated()
    {
        var person = await factory.CreatePersonAsync([Roles.MemberStaff]);
        var accessToken = await factory.AccessTokenAsync(person);
        var secret = await (await factory.SignedInAsAsync(person)).CreatePersonalAccessTokenAsync("Vor der Sperre");
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var url = $"/geschaeftsstelle/personen/{person.Id}";

        using var deactivated = await office.SubmitFormAsync(url, new Dictionary<string, string>(), "#deactivate-form");

        Assert.Equal(HttpStatusCode.Redirect, deactivated.StatusCode);
        Assert.Equal("deaktiviert", (await office.GetDocumentAsync(url)).QuerySelector("#person-status")?.TextContent);
        using (var signIn = await factory.CreateBrowserLikeClient().SubmitFormAsync("/anmelden", new Dictionary<string, string>
        {
            ["Input.Email"] = person.Email,
            ["Input.Password"] = person.Password,
        }))
        {
            Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        }

        using (var oldAccessToken = await factory.CreateBearerClient(accessToken).GetAsync(new Uri("/api/v1/me", UriKind.Relative), Ct))
        {
            await oldAccessToken.AssertProblemAsync(HttpStatusCode.Unauthorized);
        }

        using (var pat = await factory.CreateBearerClient(secret).GetAsync(new Uri("/api/v1/me", UriKind.Relative), Ct))
        {
            await pat.AssertProblemAsync(HttpStatusCode.Unauthorized);
        }

        using (var newToken = await factory.CreateClient().RequestTokenAsync(new { email = person.Email, password = person.Password }))
        {
            await newToken.AssertProblemAsync(HttpStatusCode.Locked);
        }

        using var reactivated = await office.SubmitFormAsync(url, new Dictionary<string, string>(), "#reactivate-form");
        Assert.Equal(HttpStatusCode.Redirect, reactivated.StatusCode);
        using var patAgain = await factory.CreateBearerClient(secret).GetAsync(new Uri("/api/v1/me", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, patAgain.StatusCode);
        await factory.SignedInAsAsync(person);
        var audit = await factory.AuditEntriesAsync(person.Id.ToString());
        Assert.Equal(["person.deactivated", "person.reactivated"], audit.Select(e => e.Action));
        Assert.Contains(new AuditChange("Status", "aktiv", "deaktiviert"), JsonSerializer.Deserialize<List<AuditChange>>(audit[0].Changes!)!);
    }

    [Fact]
    public async Task The_office_cannot_deactivate_itself_or_drop_its_own_office_role()
    {
        var self = await factory.CreatePersonAsync([Roles.Office]);
        var office = await factory.SignedInAsAsync(self);
        var url = $"/geschaeftsstelle/personen/{self.Id}";
        var page = await office.GetDocumentAsync(url);
        Assert.Null(page.QuerySelector("#deactivate-form"));
        var antiforgery = page.QuerySelector("#assignment-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        using var form = new FormUrlEncodedContent([new("__RequestVerificationToken", antiforgery)]);
        using var deactivate = await office.PostAsync(new Uri($"{url}?handler=Deactivate", UriKind.Relative), form, Ct);
        using var dropRole = await office.PostFormAsync(url, "#assignment-form", [new("Input.Roles", Roles.Jury)]);

        Assert.Contains("eigenen Zugang nicht deaktivieren", (await deactivate.ParseAsync()).QuerySelector("[role=alert]")?.TextContent, StringComparison.Ordinal);
        Assert.Contains("nicht selbst entziehen", (await dropRole.ParseAsync()).QuerySelector("[role=alert]")?.TextContent, StringComparison.Ordinal);
        Assert.Equal([Roles.Office], await RolesOfAsync(self.Id));
        Assert.Empty(await factory.AuditEntriesAsync(self.Id.ToString()));
    }

    [Fact]
    public async Task An_unknown_person_is_404()
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);

        await office.GetDocumentAsync($"/geschaeftsstelle/personen/{Guid.NewGuid()}", HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData(Roles.MunicipalCoordinator)]
    [InlineData(Roles.MemberStaff)]
    public async Task Members_cannot_open_the_office_people_pages(string role)
    {
        var member = await factory.CreateClientSignedInAsync(role);
        var person = await factory.CreatePersonAsync([Roles.MemberStaff]);

        using var list = await member.GetAsync(new Uri("/geschaeftsstelle/personen", UriKind.Relative), Ct);
        using var detail = await member.GetAsync(new Uri($"/geschaeftsstelle/personen/{person.Id}", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, detail.StatusCode);
    }

    [Fact]
    public async Task A_coordinator_sees_only_people_of_their_own_municipality()
    {
        var coordinator = await factory.CreatePersonAsync([Roles.MunicipalCoordinator], ApiTestPeople.Koeln);
        var colleague = await factory.CreatePersonAsync([Roles.MemberStaff], ApiTestPeople.Koeln);
        var elsewhere = await factory.CreatePersonAsync([Roles.MemberStaff], ApiTestPeople.Duesseldorf);
        var browser = await factory.SignedInAsAsync(coordinator);

        var page = await browser.GetDocumentAsync("/meine-kommune/personen");

        var ids = page.QuerySelectorAll("tr[data-person-id]").Select(r => r.GetAttribute("data-person-id")).ToList();
        Assert.Contains(colleague.Id.ToString(), ids);
        Assert.Contains(coordinator.Id.ToString(), ids);
        Assert.DoesNotContain(elsewhere.Id.ToString(), ids);
        Assert.NotNull(page.QuerySelector($"tr[data-person-id='{colleague.Id}'] form"));
        Assert.Null(page.QuerySelector($"tr[data-person-id='{coordinator.Id}'] form"));
        Assert.NotNull(page.QuerySelector("nav a[href='/meine-kommune/personen']"));
    }

    [Fact]
    public async Task A_coordinator_deactivates_and_reactivates_staff_of_their_municipality()
    {
        var coordinator = await factory.CreatePersonAsync([Roles.MunicipalCoordinator], ApiTestPeople.Koeln);
        var partner = await factory.CreatePersonAsync([Roles.DistrictPartner], ApiTestPeople.Koeln);
        var browser = await factory.SignedInAsAsync(coordinator);

        using var deactivated = await browser.SubmitFormAsync("/meine-kommune/personen", new Dictionary<string, string>(), $"tr[data-person-id='{partner.Id}'] form");
        Assert.Equal(HttpStatusCode.Redirect, deactivated.StatusCode);
        var page = await browser.GetDocumentAsync("/meine-kommune/personen");
        Assert.Equal("deaktiviert", page.QuerySelector($"tr[data-person-id='{partner.Id}'] .person-status")?.TextContent);
        using (var refused = await factory.CreateClient().RequestTokenAsync(new { email = partner.Email, password = partner.Password }))
        {
            Assert.Equal(HttpStatusCode.Locked, refused.StatusCode);
        }

        using var reactivated = await browser.SubmitFormAsync("/meine-kommune/personen", new Dictionary<string, string>(), $"tr[data-person-id='{partner.Id}'] form");
        Assert.Equal(HttpStatusCode.Redirect, reactivated.StatusCode);
        Assert.Equal("aktiv", (await browser.GetDocumentAsync("/meine-kommune/personen")).QuerySelector($"tr[data-person-id='{partner.Id}'] .person-status")?.TextContent);
        Assert.Equal(2, (await factory.AuditEntriesAsync(partner.Id.ToString())).Count);
    }

    [Fact]
    public async Task A_coordinator_cannot_touch_people_of_another_municipality_or_other_roles()
    {
        var coordinator = await factory.CreatePersonAsync([Roles.MunicipalCoordinator], ApiTestPeople.Koeln);
        var elsewhere = await factory.CreatePersonAsync([Roles.MemberStaff], ApiTestPeople.Duesseldorf);
        var otherCoordinator = await factory.CreatePersonAsync([Roles.MunicipalCoordinator], ApiTestPeople.Koeln);
        var expertAndStaff = await factory.CreatePersonAsync([Roles.MemberStaff, Roles.Expert], ApiTestPeople.Koeln);
        await factory.CreatePersonAsync([Roles.MemberStaff], ApiTestPeople.Koeln); // gives the page a form to take the antiforgery token from
        var browser = await factory.SignedInAsAsync(coordinator);

        using var foreign = await ForgedPostAsync(browser, elsewhere.Id);
        using var peer = await ForgedPostAsync(browser, otherCoordinator.Id);
        using var mixed = await ForgedPostAsync(browser, expertAndStaff.Id);
        using var self = await ForgedPostAsync(browser, coordinator.Id);

        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, peer.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, mixed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, self.StatusCode);
        foreach (var id in new[] { elsewhere.Id, otherCoordinator.Id, expertAndStaff.Id, coordinator.Id })
        {
            Assert.False(await IsLockedAsync(id));
            Assert.Empty(await factory.AuditEntriesAsync(id.ToString()));
        }
    }

    [Fact]
    public async Task A_coordinator_without_municipality_sees_a_hint_and_manages_nobody()
    {
        var coordinator = await factory.CreatePersonAsync([Roles.MunicipalCoordinator]);
        var browser = await factory.SignedInAsAsync(coordinator);

        var page = await browser.GetDocumentAsync("/meine-kommune/personen");

        Assert.Contains("keine Kommune zugeordnet", page.QuerySelector("main")?.TextContent, StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll("tr[data-person-id]"));
    }

    [Fact]
    public async Task Staff_cannot_open_the_municipality_page()
    {
        var staff = await factory.CreateClientSignedInAsync(Roles.MemberStaff);

        using var response = await staff.GetAsync(new Uri("/meine-kommune/personen", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private static async Task<HttpResponseMessage> ForgedPostAsync(HttpClient browser, Guid id)
    {
        var page = await browser.GetDocumentAsync("/meine-kommune/personen");
        var antiforgery = page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException("No form on the page to take an antiforgery token from.");
        using var form = new FormUrlEncodedContent([new("__RequestVerificationToken", antiforgery)]);
        return await browser.PostAsync(new Uri($"/meine-kommune/personen?handler=Deactivate&id={id}", UriKind.Relative), form, Ct);
    }

    private async Task<bool> IsLockedAsync(Guid id)
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        return (await db.Users.AsNoTracking().SingleAsync(u => u.Id == id, Ct)).LockoutEnd is not null;
    }

    private async Task<List<string>> RolesOfAsync(Guid id)
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        return await db.UserRoles.Where(ur => ur.UserId == id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToListAsync(Ct);
    }
}
