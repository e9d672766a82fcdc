using System.Net;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.IntegrationTests.ApiAccess;

/// <summary>The app over a clock the test moves forward.</summary>
public sealed class MovableClockFactory : QuartiersnetzFactory
{
    public MovableClockFactory()
    {
        WithServices(services => ReplaceSingleton<TimeProvider>(services, Clock));
        WithSetting("ApiTokens:AccessTokenLifetime", "00:20:00");
    }

    public MovableClock Clock { get; } = new();
}

public sealed class TokenExpiryTests(MovableClockFactory factory) : IClassFixture<MovableClockFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_access_token_expires_after_the_configured_lifetime()
    {
        var person = await factory.CreatePersonAsync([Roles.MemberStaff]);
        var client = factory.CreateBearerClient(await factory.AccessTokenAsync(person));
        using (var fresh = await client.GetAsync(new Uri("/api/v1/me", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        }

        factory.Clock.Advance(TimeSpan.FromMinutes(19));
        using (var almost = await client.GetAsync(new Uri("/api/v1/me", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, almost.StatusCode);
        }

        factory.Clock.Advance(TimeSpan.FromMinutes(2));
        using var expired = await client.GetAsync(new Uri("/api/v1/me", UriKind.Relative), Ct);

        var problem = await expired.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("abgelaufen", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("invalid_token", expired.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_personal_access_token_expires_after_its_validity()
    {
        var person = await factory.CreatePersonAsync([Roles.MemberStaff]);
        var browser = await factory.SignedInAsAsync(person);
        var secret = await browser.CreatePersonalAccessTokenAsync("Dreißig Tage", 30);
        var script = factory.CreateBearerClient(secret);

        factory.Clock.Advance(TimeSpan.FromDays(29));
        using (var valid = await script.GetAsync(new Uri("/api/v1/me", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
        }

        factory.Clock.Advance(TimeSpan.FromDays(2));
        using var expired = await script.GetAsync(new Uri("/api/v1/me", UriKind.Relative), Ct);

        var problem = await expired.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("abgelaufen", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deactivated_persons_browser_session_ends_within_five_minutes()
    {
        var person = await factory.CreatePersonAsync([Roles.MemberStaff]);
        var browser = await factory.SignedInAsAsync(person);
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        using (var deactivated = await office.SubmitFormAsync($"/geschaeftsstelle/personen/{person.Id}", new Dictionary<string, string>(), "#deactivate-form"))
        {
            Assert.Equal(HttpStatusCode.Redirect, deactivated.StatusCode);
        }

        // The cookie's security stamp is re-checked every 5 minutes; deactivation renews the stamp.
        factory.Clock.Advance(TimeSpan.FromMinutes(4));
        using (var meanwhile = await browser.GetAsync(new Uri("/konto/zugangstoken", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, meanwhile.StatusCode);
        }

        factory.Clock.Advance(TimeSpan.FromMinutes(2));
        using var response = await browser.GetAsync(new Uri("/konto/zugangstoken", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/anmelden", response.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
    }
}
