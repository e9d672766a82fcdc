using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Data;
using Quartiersnetz.Features.ApiAccess;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.IntegrationTests.ApiAccess;

public sealed class BearerAuthenticationTests(QuartiersnetzFactory factory) : IClassFixture<QuartiersnetzFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Me_answers_with_an_access_token()
    {
        var person = await factory.CreatePersonAsync([Roles.MunicipalCoordinator, Roles.Jury], ApiTestPeople.Duesseldorf, displayName: "Jördis Ünal");
        var client = factory.CreateBearerClient(await factory.AccessTokenAsync(person));

        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/me", Ct);

        Assert.Equal(person.Id, me.GetProperty("id").GetGuid());
        Assert.Equal(person.Email, me.GetProperty("email").GetString());
        Assert.Equal("Jördis Ünal", me.GetProperty("displayName").GetString());
        Assert.Equal([Roles.Jury, Roles.MunicipalCoordinator], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).Order());
        Assert.Equal(ApiTestPeople.Duesseldorf, me.GetProperty("municipalityAgs").GetString());
        Assert.True(me.TryGetProperty("functionTitle", out _));
        Assert.True(me.TryGetProperty("organisation", out _));
    }

    [Fact]
    public async Task Me_answers_with_a_personal_access_token()
    {
        var person = await factory.CreatePersonAsync([Roles.Expert]);
        var secret = await (await factory.SignedInAsAsync(person)).CreatePersonalAccessTokenAsync("Skript");

        var me = await factory.CreateBearerClient(secret).GetFromJsonAsync<JsonElement>("/api/v1/me", Ct);

        Assert.Equal(person.Id, me.GetProperty("id").GetGuid());
        Assert.Equal([Roles.Expert], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task Me_answers_with_the_sign_in_cookie()
    {
        var person = await factory.CreatePersonAsync([Roles.Funder]);
        var browser = await factory.SignedInAsAsync(person);

        var me = await browser.GetFromJsonAsync<JsonElement>("/api/v1/me", Ct);

        Assert.Equal(person.Email, me.GetProperty("email").GetString());
    }

    [Fact]
    public async Task Me_without_credentials_is_401_problem_with_bearer_challenge_not_a_redirect()
    {
        using var response = await factory.CreateBrowserLikeClient().GetAsync(new Uri("/api/v1/me", UriKind.Relative), Ct);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Null(response.Headers.Location);
    }

    [Theory]
    [InlineData("kaputt")]
    [InlineData("CfDJ8AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("qnp_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("qnp_")]
    public async Task Garbage_tokens_get_401_problem_with_WWW_Authenticate(string token)
    {
        using var response = await factory.CreateBearerClient(token).GetAsync(new Uri("/api/v1/me", UriKind.Relative), Ct);

        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("ungültig", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task A_revoked_personal_access_token_is_refused_at_once()
    {
        var person = await factory.CreatePersonAsync([Roles.MemberStaff]);
        var browser = await factory.SignedInAsAsync(person);
        var secret = await browser.CreatePersonalAccessTokenAsync("Bald widerrufen");
        var script = factory.CreateBearerClient(secret);
        using (var ok = await script.GetAsync(new Uri("/api/v1/me", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        var tokenId = await TokenIdAsync(secret);
        using var revoked = await browser.SubmitFormAsync("/konto/zugangstoken", new Dictionary<string, string>(), $"form[action*='{tokenId}']");
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);

        using var response = await script.GetAsync(new Uri("/api/v1/me", UriKind.Relative), Ct);
        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("Das Zugangstoken wurde widerrufen.", problem.GetProperty("detail").GetString());
        var page = await browser.GetDocumentAsync("/konto/zugangstoken");
        Assert.Contains("Widerrufen am", page.QuerySelector($"tr[data-token-id='{tokenId}'] .token-status")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_personal_access_token_is_refused()
    {
        var person = await factory.CreatePersonAsync([Roles.MemberStaff]);
        var secret = await (await factory.SignedInAsAsync(person)).CreatePersonalAccessTokenAsync("Abgelaufen");
        await using (var scope = factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
            var hash = PersonalAccessToken.HashOf(secret);
            await db.Set<PersonalAccessToken>().Where(t => t.TokenHash == hash)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.ExpiresAtUtc, DateTime.UtcNow.AddMinutes(-1)), Ct);
        }

        using var response = await factory.CreateBearerClient(secret).GetAsync(new Uri("/api/v1/me", UriKind.Relative), Ct);

        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("abgelaufen", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_token_is_shown_once_and_only_its_hash_is_stored()
    {
        var person = await factory.CreatePersonAsync([Roles.MemberStaff]);
        var browser = await factory.SignedInAsAsync(person);

        using var created = await browser.SubmitFormAsync("/konto/zugangstoken", new Dictionary<string, string>
        {
            ["Input.Name"] = "Export Kreisportal",
            ["Input.ValidityDays"] = "90",
        });
        var page = await created.ParseAsync();
        var secret = page.QuerySelector("#new-token")?.GetAttribute("value")!;

        Assert.Matches("^qnp_[A-Za-z0-9_-]{43}$", secret);
        Assert.Contains("nur dieses eine Mal", page.QuerySelector("[role=status]")?.TextContent, StringComparison.Ordinal);
        Assert.Contains("no-store", created.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        var list = await browser.GetDocumentAsync("/konto/zugangstoken");
        Assert.Null(list.QuerySelector("#new-token"));
        Assert.DoesNotContain(secret, list.DocumentElement.OuterHtml, StringComparison.Ordinal);
        var row = list.QuerySelectorAll("tr[data-token-id]").Single(r => r.TextContent.Contains("Export Kreisportal", StringComparison.Ordinal));
        Assert.Contains(secret[..12], row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Gültig", row.QuerySelector(".token-status")?.TextContent, StringComparison.Ordinal);
        Assert.Contains("noch nie", row.TextContent, StringComparison.Ordinal);

        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        var stored = await db.Set<PersonalAccessToken>().AsNoTracking().SingleAsync(t => t.UserId == person.Id, Ct);
        Assert.NotEqual(secret, stored.TokenHash);
        Assert.Equal(PersonalAccessToken.HashOf(secret), stored.TokenHash);
        Assert.Equal(64, stored.TokenHash.Length);
        Assert.InRange(stored.ExpiresAtUtc - stored.CreatedAtUtc, TimeSpan.FromDays(90), TimeSpan.FromDays(90));
        // No column anywhere holds the secret: scan the table's text columns.
        Assert.DoesNotContain(secret, stored.Name + stored.Prefix + stored.TokenHash, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Using_a_token_records_the_last_use_at_most_once_a_minute()
    {
        var person = await factory.CreatePersonAsync([Roles.MemberStaff]);
        var secret = await (await factory.SignedInAsAsync(person)).CreatePersonalAccessTokenAsync("Zähler");
        var script = factory.CreateBearerClient(secret);

        using (await script.GetAsync(new Uri("/api/v1/me", UriKind.Relative), Ct))
        {
        }

        var first = await LastUsedAsync(secret);
        using (await script.GetAsync(new Uri("/api/v1/me", UriKind.Relative), Ct))
        {
        }

        Assert.NotNull(first);
        Assert.Equal(first, await LastUsedAsync(secret));
    }

    [Theory]
    [InlineData("", "Bitte geben Sie dem Token einen Namen")]
    [InlineData("   ", "Bitte geben Sie dem Token einen Namen")]
    public async Task A_token_without_name_is_refused_and_nothing_is_stored(string name, string expected)
    {
        var person = await factory.CreatePersonAsync([Roles.MemberStaff]);
        var browser = await factory.SignedInAsAsync(person);

        using var response = await browser.SubmitFormAsync("/konto/zugangstoken", new Dictionary<string, string> { ["Input.Name"] = name });

        var page = await response.ParseAsync();
        Assert.Contains(expected, page.QuerySelector("#Input_Name-error")?.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("#new-token"));
        Assert.Equal(0, await TokenCountAsync(person.Id));
    }

    [Theory]
    [InlineData("7")]
    [InlineData("1000")]
    [InlineData("viele")]
    public async Task A_validity_outside_the_choices_is_refused(string days)
    {
        var person = await factory.CreatePersonAsync([Roles.MemberStaff]);
        var browser = await factory.SignedInAsAsync(person);

        using var response = await browser.SubmitFormAsync("/konto/zugangstoken", new Dictionary<string, string>
        {
            ["Input.Name"] = "Test",
            ["Input.ValidityDays"] = days,
        });

        var page = await response.ParseAsync();
        Assert.NotNull(page.QuerySelector("#Input_ValidityDays-error"));
        Assert.Equal(0, await TokenCountAsync(person.Id));
    }

    [Fact]
    public async Task An_overlong_name_is_refused()
    {
        var person = await factory.CreatePersonAsync([Roles.MemberStaff]);
        var browser = await factory.SignedInAsAsync(person);

        using var response = await browser.SubmitFormAsync("/konto/zugangstoken", new Dictionary<string, string>
        {
            ["Input.Name"] = new string('x', PersonalAccessToken.NameMaxLength + 1),
        });

        var page = await response.ParseAsync();
        Assert.Contains("höchstens 100 Zeichen", page.QuerySelector("#Input_Name-error")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await TokenCountAsync(person.Id));
    }

    [Fact]
    public async Task Nobody_revokes_another_persons_token()
    {
        var owner = await factory.CreatePersonAsync([Roles.MemberStaff]);
        var secret = await (await factory.SignedInAsAsync(owner)).CreatePersonalAccessTokenAsync("Fremd");
        var tokenId = await TokenIdAsync(secret);
        var other = await factory.CreatePersonAsync([Roles.MemberStaff]);
        var otherBrowser = await factory.SignedInAsAsync(other);
        var otherScript = factory.CreateBearerClient(await factory.AccessTokenAsync(other));

        using var viaApi = await otherScript.DeleteAsync(new Uri($"/api/v1/me/tokens/{tokenId}", UriKind.Relative), Ct);
        var otherPage = await otherBrowser.GetDocumentAsync("/konto/zugangstoken");
        var antiforgery = otherPage.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var form = new FormUrlEncodedContent([new("__RequestVerificationToken", antiforgery)]);
        using var viaPage = await otherBrowser.PostAsync(new Uri($"/konto/zugangstoken?handler=Revoke&id={tokenId}", UriKind.Relative), form, Ct);

        await viaApi.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NotFound, viaPage.StatusCode);
        using var stillValid = await factory.CreateBearerClient(secret).GetAsync(new Uri("/api/v1/me", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, stillValid.StatusCode);
    }

    [Fact]
    public async Task A_script_lists_and_revokes_its_tokens_with_a_bearer_token()
    {
        var person = await factory.CreatePersonAsync([Roles.MemberStaff]);
        var secret = await (await factory.SignedInAsAsync(person)).CreatePersonalAccessTokenAsync("Selbstwiderruf");
        var script = factory.CreateBearerClient(secret);

        var tokens = await script.GetFromJsonAsync<JsonElement>("/api/v1/me/tokens", Ct);
        var token = tokens.EnumerateArray().Single();
        Assert.Equal("Selbstwiderruf", token.GetProperty("name").GetString());
        Assert.False(token.TryGetProperty("tokenHash", out _));
        using var revoke = await script.DeleteAsync(new Uri($"/api/v1/me/tokens/{token.GetProperty("id").GetGuid()}", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        using var after = await script.GetAsync(new Uri("/api/v1/me", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        var audit = await factory.AuditEntriesAsync(token.GetProperty("id").GetGuid().ToString());
        Assert.Equal(["apitoken.created", "apitoken.revoked"], audit.Select(e => e.Action));
    }

    [Fact]
    public async Task The_sign_in_cookie_cannot_change_data_through_the_API()
    {
        // A cross-site form would carry the browser's cookie; the API ignores it for anything but reads.
        var person = await factory.CreatePersonAsync([Roles.MemberStaff]);
        var browser = await factory.SignedInAsAsync(person);
        var secret = await browser.CreatePersonalAccessTokenAsync("Ziel eines Angriffs");
        var tokenId = await TokenIdAsync(secret);

        using var response = await browser.DeleteAsync(new Uri($"/api/v1/me/tokens/{tokenId}", UriKind.Relative), Ct);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        using var stillValid = await factory.CreateBearerClient(secret).GetAsync(new Uri("/api/v1/me", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, stillValid.StatusCode);
    }

    [Fact]
    public async Task Pages_ignore_bearer_tokens()
    {
        var person = await factory.CreatePersonAsync([Roles.MemberStaff]);
        var client = factory.CreateBearerClient(await factory.AccessTokenAsync(person));

        using var response = await client.GetAsync(new Uri("/konto/zugangstoken", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/anmelden", response.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_token_page_needs_a_sign_in()
    {
        using var response = await factory.CreateBrowserLikeClient().GetAsync(new Uri("/konto/zugangstoken", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task A_password_change_ends_access_tokens()
    {
        var person = await factory.CreatePersonAsync([Roles.MemberStaff]);
        var client = factory.CreateBearerClient(await factory.AccessTokenAsync(person));
        await using (var scope = factory.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<UserAccount>>();
            var user = await users.FindByIdAsync(person.Id.ToString());
            Assert.True((await users.ChangePasswordAsync(user!, person.Password, "Ein-ganz-neues-Passwort-1")).Succeeded);
        }

        using var response = await client.GetAsync(new Uri("/api/v1/me", UriKind.Relative), Ct);

        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("gilt nicht mehr", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Personal_data_export_lists_tokens_without_hashes_and_erasure_deletes_them()
    {
        var person = await factory.CreatePersonAsync([Roles.MemberStaff]);
        var secret = await (await factory.SignedInAsAsync(person)).CreatePersonalAccessTokenAsync("Meine Daten");

        await using var scope = factory.CreateScope();
        var contributor = scope.ServiceProvider.GetServices<Quartiersnetz.Platform.Privacy.IPersonalDataContributor>().OfType<PersonalAccessTokenData>().Single();
        var export = JsonSerializer.Serialize(await contributor.ExportAsync(person.Id, Ct));
        Assert.Contains("Meine Daten", export, StringComparison.Ordinal);
        Assert.DoesNotContain(PersonalAccessToken.HashOf(secret), export, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, export, StringComparison.Ordinal);

        await contributor.EraseAsync(person.Id, Ct);
        await scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>().SaveChangesAsync(Ct);
        Assert.Equal(0, await TokenCountAsync(person.Id));
    }

    private async Task<Guid> TokenIdAsync(string secret)
    {
        await using var scope = factory.CreateScope();
        var hash = PersonalAccessToken.HashOf(secret);
        return await scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>().Set<PersonalAccessToken>()
            .Where(t => t.TokenHash == hash).Select(t => t.Id).SingleAsync(Ct);
    }

    private async Task<DateTime?> LastUsedAsync(string secret)
    {
        await using var scope = factory.CreateScope();
        var hash = PersonalAccessToken.HashOf(secret);
        return await scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>().Set<PersonalAccessToken>()
            .Where(t => t.TokenHash == hash).Select(t => t.LastUsedAtUtc).SingleAsync(Ct);
    }

    private async Task<int> TokenCountAsync(Guid userId)
    {
        await using var scope = factory.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>().Set<PersonalAccessToken>().CountAsync(t => t.UserId == userId, Ct);
    }
}
