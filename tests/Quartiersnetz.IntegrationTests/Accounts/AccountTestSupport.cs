using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.IntegrationTests.Accounts;

/// <summary>Accounts made directly in the database, for tests that then use them through HTTP.</summary>
public static class TestAccounts
{
    public const string Password = "Ein-langes-Test-Passwort";

    public static string NewEmail() => $"person-{Guid.NewGuid():N}@quartiersnetz.test";

    public static async Task<string> CreateAsync(QuartiersnetzFactory factory, string? email = null, params string[] roles)
    {
        email ??= NewEmail();
        await using var scope = factory.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
        var user = new UserAccount { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Kim Testperson" };
        var created = await users.CreateAsync(user, Password);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
        foreach (var role in roles)
        {
            await users.AddToRoleAsync(user, role);
        }

        return email;
    }

    internal static async Task<UserAccount> FindAsync(QuartiersnetzFactory factory, string email)
    {
        await using var scope = factory.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
        return await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No account {email}.");
    }

    public static Task<HttpResponseMessage> PostPasswordAsync(HttpClient client, string email, string password) =>
        client.SubmitFormAsync("/anmelden", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });

    public static async Task<string> AlertTextAsync(HttpResponseMessage response) =>
        (await response.ParseAsync()).QuerySelector("[role=alert]")?.TextContent ?? "";

    public static async Task<HttpStatusCode> StatusOfAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
        return response.StatusCode;
    }
}

/// <summary>The app with a clock the test moves (for link expiry and cookie revalidation).</summary>
public sealed class AccountsClockFactory : QuartiersnetzFactory
{
    public AccountsClockFactory() => WithServices(services => ReplaceSingleton<TimeProvider>(services, Clock));

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);
}

/// <summary>
/// The app with small rate limits. TestServer has no client address, so the test header X-Test-Address
/// plays the connection's remote address (only in this factory).
/// </summary>
public sealed class RateLimitFactory : QuartiersnetzFactory
{
    public const int PerAddress = 4;
    public const int PerAccount = 3;

    public RateLimitFactory()
    {
        WithSetting("RateLimits:PerAddress:PermitLimit", PerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture));
        WithSetting("RateLimits:PerAddress:WindowSeconds", "600");
        WithSetting("RateLimits:PerAccount:PermitLimit", PerAccount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        WithSetting("RateLimits:PerAccount:WindowSeconds", "600");
        WithServices(services => services.AddSingleton<IStartupFilter, TestClientAddress>());
    }

    private sealed class TestClientAddress : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue("X-Test-Address", out var address) && IPAddress.TryParse(address, out var ip))
                {
                    context.Connection.RemoteIpAddress = ip;
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
