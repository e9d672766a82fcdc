using System.Net;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.IntegrationTests.Accounts;

/// <summary>
/// Passkey ceremonies with forged or missing answers: a German message, no session, no stored passkey,
/// never a 500. (The real ceremonies run in the browser tests with Chromium's virtual authenticator.)
/// </summary>
public sealed class PasskeyBadInputTests(QuartiersnetzFactory factory) : IClassFixture<QuartiersnetzFactory>
{
    [Theory]
    [InlineData("")]
    [InlineData("kein json")]
    [InlineData("{\"id\":\"AAAA\",\"rawId\":\"AAAA\",\"type\":\"public-key\",\"response\":{}}")]
    public async Task A_forged_passkey_sign_in_is_refused_in_German(string credential)
    {
        var client = factory.CreateBrowserLikeClient();
        // With and without a ceremony under way.
        using (await client.PostAsync(new Uri("/anmelden?handler=PasskeyOptions", UriKind.Relative),
            await TokenFormAsync(client, "/anmelden", "form[data-passkey-signin]"), TestContext.Current.CancellationToken))
        {
        }

        using var response = await client.SubmitFormAsync("/anmelden", new Dictionary<string, string> { ["PasskeyCredential"] = credential }, "form[data-passkey-signin]");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Die Anmeldung mit Passkey ist fehlgeschlagen.", await TestAccounts.AlertTextAsync(response), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, await TestAccounts.StatusOfAsync(client, "/konto/sicherheit"));
    }

    [Fact]
    public async Task Sign_in_options_are_WebAuthn_request_options_with_a_challenge()
    {
        var client = factory.CreateBrowserLikeClient();

        using var response = await client.PostAsync(new Uri("/anmelden?handler=PasskeyOptions", UriKind.Relative),
            await TokenFormAsync(client, "/anmelden", "form[data-passkey-signin]"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("challenge").GetString()));
        Assert.Equal("required", json.RootElement.GetProperty("userVerification").GetString());
    }

    [Fact]
    public async Task A_forged_passkey_registration_stores_nothing()
    {
        var email = await TestAccounts.CreateAsync(factory, null, Roles.MemberStaff);
        var client = factory.CreateBrowserLikeClient();
        await client.SignInAsync(email, TestAccounts.Password);
        using (await client.PostAsync(new Uri("/konto/sicherheit?handler=PasskeyOptions", UriKind.Relative),
            await TokenFormAsync(client, "/konto/sicherheit", "form[data-passkey-register]"), TestContext.Current.CancellationToken))
        {
        }

        using var forged = await client.SubmitFormAsync("/konto/sicherheit", new Dictionary<string, string>
        {
            ["Input.Name"] = "Gefälscht",
            ["Input.Credential"] = "{\"id\":\"AAAA\",\"type\":\"public-key\"}",
        }, "form[data-passkey-register]");
        using var unnamed = await client.SubmitFormAsync("/konto/sicherheit", new Dictionary<string, string>
        {
            ["Input.Name"] = "",
            ["Input.Credential"] = "{}",
        }, "form[data-passkey-register]");

        Assert.Equal(HttpStatusCode.OK, forged.StatusCode);
        Assert.Contains("Der Passkey konnte nicht gespeichert werden.", await TestAccounts.AlertTextAsync(forged), StringComparison.Ordinal);
        Assert.Contains("Bitte geben Sie dem Passkey einen Namen", await TestAccounts.AlertTextAsync(unnamed), StringComparison.Ordinal);
        var page = await client.GetDocumentAsync("/konto/sicherheit");
        Assert.Contains("Sie haben noch keinen Passkey eingerichtet.", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Removing_an_unknown_or_malformed_passkey_is_harmless()
    {
        var client = await factory.CreateClientSignedInAsync(Roles.MemberStaff);

        using var unknown = await client.PostAsync(new Uri("/konto/sicherheit?handler=RemovePasskey", UriKind.Relative),
            await TokenFormAsync(client, "/konto/sicherheit", "form[data-passkey-register]", ("credentialId", "AAAAAAAA")), TestContext.Current.CancellationToken);
        using var malformed = await client.PostAsync(new Uri("/konto/sicherheit?handler=RemovePasskey", UriKind.Relative),
            await TokenFormAsync(client, "/konto/sicherheit", "form[data-passkey-register]", ("credentialId", "%%%")), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
    }

    private static async Task<FormUrlEncodedContent> TokenFormAsync(HttpClient client, string page, string formSelector, params (string Name, string Value)[] fields)
    {
        var document = await client.GetDocumentAsync(page);
        var token = document.QuerySelector(formSelector + " input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        return new FormUrlEncodedContent([new("__RequestVerificationToken", token), .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]);
    }
}
