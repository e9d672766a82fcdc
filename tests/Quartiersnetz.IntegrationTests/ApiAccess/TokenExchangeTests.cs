using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.IntegrationTests.ApiAccess;

public sealed class TokenExchangeTests(QuartiersnetzFactory factory) : IClassFixture<QuartiersnetzFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Exchanges_email_and_password_for_a_one_hour_access_token()
    {
        var person = await factory.CreatePersonAsync([Roles.MemberStaff]);
        var before = DateTimeOffset.UtcNow;

        using var response = await factory.CreateClient().RequestTokenAsync(new { email = person.Email, password = person.Password });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.False(string.IsNullOrEmpty(json.GetProperty("accessToken").GetString()));
        var expiresText = json.GetProperty("expiresAt").GetString()!;
        Assert.EndsWith("Z", expiresText, StringComparison.Ordinal);
        var expires = DateTimeOffset.Parse(expiresText, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(expires - before, TimeSpan.FromMinutes(59), TimeSpan.FromMinutes(61));
    }

    [Fact]
    public async Task The_address_is_matched_regardless_of_case()
    {
        var person = await factory.CreatePersonAsync([Roles.Expert]);

        using var response = await factory.CreateClient().RequestTokenAsync(new { email = person.Email.ToUpperInvariant(), password = person.Password });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_address_get_the_same_German_401()
    {
        var person = await factory.CreatePersonAsync([Roles.MemberStaff]);

        using var wrongPassword = await factory.CreateClient().RequestTokenAsync(new { email = person.Email, password = "falsch-falsch-falsch" });
        using var unknown = await factory.CreateClient().RequestTokenAsync(new { email = "niemand@quartiersnetz.test", password = "falsch-falsch-falsch" });

        var first = await wrongPassword.AssertProblemAsync(HttpStatusCode.Unauthorized);
        var second = await unknown.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("E-Mail-Adresse oder Passwort sind falsch.", first.GetProperty("detail").GetString());
        Assert.Equal(first.GetProperty("detail").GetString(), second.GetProperty("detail").GetString());
        Assert.Equal(first.GetProperty("title").GetString(), second.GetProperty("title").GetString());
        Assert.False(first.TryGetProperty("accessToken", out _));
    }

    [Fact]
    public async Task Missing_fields_get_a_validation_problem_naming_each_field()
    {
        using var response = await factory.CreateClient().RequestTokenAsync(new { code = "12" });

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.Equal("Bitte geben Sie Ihre E-Mail-Adresse an.", errors.GetProperty("email")[0].GetString());
        Assert.Equal("Bitte geben Sie Ihr Passwort an.", errors.GetProperty("password")[0].GetString());
        Assert.Contains("6 Ziffern", errors.GetProperty("code")[0].GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"email\": ")]
    [InlineData("[1,2]")]
    public async Task An_empty_or_broken_body_gets_a_400_problem_not_a_500(string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        using var response = await factory.CreateClient().PostAsync(new Uri("/api/v1/auth/token", UriKind.Relative), content, Ct);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_unknown_address_with_Unicode_gets_the_plain_401()
    {
        using var response = await factory.CreateClient().RequestTokenAsync(new { email = "jördis.ünal@bücherei-köln.de", password = "irgendein-passwort" });

        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("E-Mail-Adresse oder Passwort sind falsch.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_invalid_address_is_named_in_the_errors()
    {
        using var response = await factory.CreateClient().RequestTokenAsync(new { email = "keine-adresse", password = "x" });

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Bitte geben Sie eine gültige E-Mail-Adresse an.", problem.GetProperty("errors").GetProperty("email")[0].GetString());
    }

    [Fact]
    public async Task A_person_with_two_factor_needs_the_code()
    {
        var person = await factory.CreatePersonAsync([Roles.MemberStaff], twoFactor: true);

        using var response = await factory.CreateClient().RequestTokenAsync(new { email = person.Email, password = person.Password });

        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("Authenticator-App", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_code_is_refused()
    {
        var person = await factory.CreatePersonAsync([Roles.MemberStaff], twoFactor: true);

        using var response = await factory.CreateClient().RequestTokenAsync(new { email = person.Email, password = person.Password, code = person.WrongCode() });

        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("Der Code aus der Authenticator-App ist falsch oder abgelaufen.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task The_right_code_gives_a_token_marked_as_multi_factor()
    {
        var person = await factory.CreatePersonAsync([Roles.Office], twoFactor: true);

        var token = await factory.AccessTokenAsync(person);

        // The ticket is data-protected; read it back as the app does to see its claims.
        using var scope = factory.CreateScope();
        var ticket = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<AccessTokens>(scope.ServiceProvider).Read(token);
        Assert.NotNull(ticket);
        Assert.Equal("mfa", ticket.Principal.FindFirst(ApiAuthentication.AuthenticationMethodClaim)?.Value);
        Assert.True(ticket.Principal.IsInRole(Roles.Office));
    }

    [Fact]
    public async Task An_office_account_without_two_factor_is_told_to_set_it_up_first()
    {
        var office = await factory.CreatePersonAsync([Roles.Office]);

        using var response = await factory.CreateClient().RequestTokenAsync(new { email = office.Email, password = office.Password });

        var problem = await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("Zwei-Faktor-Authentisierung", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("zuerst", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Repeated_wrong_passwords_lock_the_account_with_423()
    {
        var person = await factory.CreatePersonAsync([Roles.MemberStaff]);
        var client = factory.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await client.RequestTokenAsync(new { email = person.Email, password = "falsch-falsch-falsch" });
        }

        using var response = await client.RequestTokenAsync(new { email = person.Email, password = person.Password });

        var problem = await response.AssertProblemAsync(HttpStatusCode.Locked);
        Assert.Contains("gesperrt", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_codes_count_towards_the_lockout()
    {
        var person = await factory.CreatePersonAsync([Roles.MemberStaff], twoFactor: true);
        var client = factory.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await client.RequestTokenAsync(new { email = person.Email, password = person.Password, code = person.WrongCode() });
        }

        using var response = await client.RequestTokenAsync(new { email = person.Email, password = person.Password, code = person.Code() });

        await response.AssertProblemAsync(HttpStatusCode.Locked);
    }
}
