using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.IntegrationTests.Accounts;

/// <summary>
/// Attempts on sign-in, second step and password reset are limited per client address and per account
/// (limits from configuration: 4 per address, 3 per account in this factory). Each test uses its own
/// addresses and accounts, since the counters live as long as the app.
/// </summary>
public sealed class RateLimitTests(RateLimitFactory factory) : IClassFixture<RateLimitFactory>
{
    [Fact]
    public async Task Sign_in_attempts_from_one_address_are_limited_across_accounts()
    {
        var client = ClientFrom("10.0.0.1");

        for (var attempt = 1; attempt <= RateLimitFactory.PerAddress; attempt++)
        {
            using var allowed = await TestAccounts.PostPasswordAsync(client, TestAccounts.NewEmail(), "falsches-passwort");
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var limited = await TestAccounts.PostPasswordAsync(client, TestAccounts.NewEmail(), "falsches-passwort");

        await AssertTooManyAsync(limited);
        // Reading the page is not an attempt.
        _ = await client.GetDocumentAsync("/anmelden");
        using var elsewhere = await TestAccounts.PostPasswordAsync(ClientFrom("10.0.0.2"), TestAccounts.NewEmail(), "falsches-passwort");
        Assert.Equal(HttpStatusCode.OK, elsewhere.StatusCode);
    }

    [Fact]
    public async Task Sign_in_attempts_on_one_account_are_limited_across_addresses()
    {
        var email = await TestAccounts.CreateAsync(factory, null, Roles.MemberStaff);

        for (var attempt = 1; attempt <= RateLimitFactory.PerAccount; attempt++)
        {
            using var allowed = await TestAccounts.PostPasswordAsync(ClientFrom($"10.1.0.{attempt}"), email.ToUpperInvariant(), "falsches-passwort");
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        // Even the right password from a fresh address waits: the account is being attacked.
        using var limited = await TestAccounts.PostPasswordAsync(ClientFrom("10.1.0.99"), " " + email + " ", TestAccounts.Password);

        await AssertTooManyAsync(limited);
        using var otherAccount = await TestAccounts.PostPasswordAsync(ClientFrom("10.1.0.100"), TestAccounts.NewEmail(), "falsches-passwort");
        Assert.Equal(HttpStatusCode.OK, otherAccount.StatusCode);
    }

    [Fact]
    public async Task Second_step_attempts_count_against_the_waiting_account()
    {
        var email = await TestAccounts.CreateAsync(factory, null, Roles.MemberStaff);
        var key = await TotpCodes.EnableForAsync(factory, email);
        var client = ClientFrom("10.2.0.1");
        using var password = await TestAccounts.PostPasswordAsync(client, email, TestAccounts.Password);
        Assert.Equal("/anmelden/zwei-faktor", password.Headers.Location?.OriginalString);

        // The password step used one of the account's three attempts.
        for (var attempt = 2; attempt <= RateLimitFactory.PerAccount; attempt++)
        {
            using var wrong = await client.SubmitFormAsync("/anmelden/zwei-faktor", new Dictionary<string, string> { ["Input.Code"] = TotpCodes.WrongCode(key) }, null);
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }

        using var limited = await client.SubmitFormAsync("/anmelden/zwei-faktor", new Dictionary<string, string> { ["Input.Code"] = TotpCodes.Code(key) });

        await AssertTooManyAsync(limited);
    }

    [Fact]
    public async Task Password_reset_requests_are_limited_per_account()
    {
        var email = await TestAccounts.CreateAsync(factory, null, Roles.MemberStaff);

        for (var attempt = 1; attempt <= RateLimitFactory.PerAccount; attempt++)
        {
            using var allowed = await ClientFrom($"10.3.0.{attempt}").SubmitFormAsync("/passwort-vergessen", new Dictionary<string, string> { ["Input.Email"] = email });
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var limited = await ClientFrom("10.3.0.99").SubmitFormAsync("/passwort-vergessen", new Dictionary<string, string> { ["Input.Email"] = email });

        await AssertTooManyAsync(limited);
        Assert.Equal(RateLimitFactory.PerAccount, (await factory.Mailbox.MailsToAsync(email)).Count);
    }

    [Fact]
    public async Task Password_reset_confirmations_are_limited_per_address()
    {
        var client = ClientFrom("10.4.0.1");

        for (var attempt = 1; attempt <= RateLimitFactory.PerAddress; attempt++)
        {
            using var allowed = await client.PostAsync(new Uri("/passwort-zuruecksetzen", UriKind.Relative),
                await FormWithTokenAsync(client, "/passwort-vergessen", ("Input.AccountId", Guid.NewGuid().ToString()), ("Input.Code", "raten")),
                TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.BadRequest, allowed.StatusCode);
        }

        using var limited = await client.PostAsync(new Uri("/passwort-zuruecksetzen", UriKind.Relative),
            await FormWithTokenAsync(client, "/passwort-vergessen", ("Input.AccountId", Guid.NewGuid().ToString()), ("Input.Code", "raten")),
            TestContext.Current.CancellationToken);

        await AssertTooManyAsync(limited);
    }

    [Fact]
    public async Task Token_requests_are_limited_per_account_with_a_German_problem_and_Retry_After()
    {
        var email = await TestAccounts.CreateAsync(factory, null, Roles.MemberStaff);

        for (var attempt = 1; attempt <= RateLimitFactory.PerAccount; attempt++)
        {
            using var allowed = await ClientFrom($"10.5.0.{attempt}").PostAsJsonAsync(
                "/api/v1/auth/token", new { email, password = "falsches-passwort" }, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Unauthorized, allowed.StatusCode);
        }

        using var limited = await ClientFrom("10.5.0.99").PostAsJsonAsync(
            "/api/v1/auth/token", new { email, password = TestAccounts.Password }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta is { TotalSeconds: > 0 }, $"Retry-After was {limited.Headers.RetryAfter}.");
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await limited.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(429, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("Zu viele Anfragen", problem.RootElement.GetProperty("title").GetString());
    }

    private HttpClient ClientFrom(string address)
    {
        var client = factory.CreateBrowserLikeClient();
        client.DefaultRequestHeaders.Add("X-Test-Address", address);
        return client;
    }

    private static async Task<FormUrlEncodedContent> FormWithTokenAsync(HttpClient client, string pageWithForm, params (string Name, string Value)[] fields)
    {
        var page = await client.GetDocumentAsync(pageWithForm);
        var token = page.QuerySelector("main form input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        return new FormUrlEncodedContent([new("__RequestVerificationToken", token), .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]);
    }

    private static async Task AssertTooManyAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta is { TotalSeconds: > 0 and <= 600 }, $"Retry-After was {response.Headers.RetryAfter}.");
        var page = await response.ParseAsync();
        Assert.Equal("Zu viele Anfragen", page.QuerySelector("h1")?.TextContent);
    }
}
