using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Data;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.IntegrationTests.Topics;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.IntegrationTests.ApiAccess;

/// <summary>
/// A personal access token's claims are built once and kept while the account stays the same: later calls cost one
/// query for the token and the account, and any change of the account (roles, deactivation) applies to the next call.
/// </summary>
public sealed class PersonalAccessTokenCacheTests : IAsyncLifetime
{
    private readonly CommandCounter _counter = new();
    private readonly QuartiersnetzFactory _factory;

    public PersonalAccessTokenCacheTests() =>
        _factory = new QuartiersnetzFactory().WithServices(services =>
            services.ConfigureDbContext<QuartiersnetzDbContext>(options => options.AddInterceptors(_counter)));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task Later_calls_skip_building_the_claims_until_the_account_changes()
    {
        var person = await _factory.CreatePersonAsync([]);
        var client = _factory.CreateBearerClient(await (await _factory.SignedInAsAsync(person)).CreatePersonalAccessTokenAsync("Skript"));

        var first = await CountedCallAsync(client);
        var second = await CountedCallAsync(client);
        // Account, user claims and roles are not read again.
        Assert.True(second <= first - 3, $"first call {first} commands, second {second}");
        await AssertStatusAsync(client, HttpStatusCode.Forbidden);

        // A role given through the UserManager (as the office's pages do) counts from the next call: members' API opens.
        await using (var scope = _factory.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
            Assert.True((await users.AddToRoleAsync((await users.FindByIdAsync(person.Id.ToString()))!, Roles.MemberStaff)).Succeeded);
        }

        await AssertStatusAsync(client, HttpStatusCode.OK);

        // And taken away: the next call is refused again.
        await using (var scope = _factory.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
            Assert.True((await users.RemoveFromRoleAsync((await users.FindByIdAsync(person.Id.ToString()))!, Roles.MemberStaff)).Succeeded);
        }

        await AssertStatusAsync(client, HttpStatusCode.Forbidden);

        // Deactivated by the office: the next call is refused.
        await using (var scope = _factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
            await db.Users.Where(u => u.Id == person.Id).ExecuteUpdateAsync(s => s
                .SetProperty(u => u.LockoutEnabled, true)
                .SetProperty(u => u.LockoutEnd, Features.People.AccountActivation.DeactivatedUntil), Ct);
        }

        using var refused = await client.GetAsync(new Uri("/api/v1/me", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    private async Task<int> CountedCallAsync(HttpClient client)
    {
        _counter.Reset();
        using var response = await client.GetAsync(new Uri("/api/v1/me", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return _counter.Count;
    }

    private static async Task AssertStatusAsync(HttpClient client, HttpStatusCode expected)
    {
        using var response = await client.GetAsync(new Uri("/api/v1/experts?q=Quartier", UriKind.Relative), Ct);
        Assert.Equal(expected, response.StatusCode);
    }
}
