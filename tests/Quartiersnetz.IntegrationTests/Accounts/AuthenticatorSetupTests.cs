using System.Net;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.IntegrationTests.Accounts;

/// <summary>Setting up the authenticator app from the security page, and switching it off again.</summary>
public sealed class AuthenticatorSetupTests(QuartiersnetzFactory factory) : IClassFixture<QuartiersnetzFactory>
{
    private const string SetUp = "/konto/sicherheit/authenticator";

    [Fact]
    public async Task The_security_pages_need_a_signed_in_person()
    {
        var anonymous = factory.CreateBrowserLikeClient();

        foreach (var page in new[] { "/konto/sicherheit", SetUp, "/konto/sicherheit/passwort", "/konto/sicherheit/authenticator-deaktivieren" })
        {
            using var response = await anonymous.GetAsync(new Uri(page, UriKind.Relative), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/anmelden", response.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_member_sets_up_the_authenticator_sees_ten_recovery_codes_once_and_then_needs_codes()
    {
        var email = await TestAccounts.CreateAsync(factory, null, Roles.Expert);
        var client = factory.CreateBrowserLikeClient();
        await client.SignInAsync(email, TestAccounts.Password);

        var security = await client.GetDocumentAsync("/konto/sicherheit");
        Assert.Contains("Ausgeschaltet", security.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(security.QuerySelector($"a[href='{SetUp}']"));

        var page = await client.GetDocumentAsync(SetUp);
        var qr = page.QuerySelector("img.qr-code");
        Assert.StartsWith("data:image/png;base64,", qr?.GetAttribute("src"), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(qr!.GetAttribute("alt")));
        var shownKey = page.QuerySelector("#authenticator-key")!.TextContent;
        Assert.Matches("^([a-z2-7]{4} )+[a-z2-7]{1,4}$", shownKey);
        Assert.Equal(shownKey, (await client.GetDocumentAsync(SetUp)).QuerySelector("#authenticator-key")!.TextContent);

        using var wrong = await client.SubmitFormAsync(SetUp, new Dictionary<string, string> { ["Input.Code"] = TotpCodes.WrongCode(shownKey) });
        Assert.Contains("Der Code ist nicht richtig.", await TestAccounts.AlertTextAsync(wrong), StringComparison.Ordinal);
        Assert.False((await TestAccounts.FindAsync(factory, email)).TwoFactorEnabled);

        using var right = await client.SubmitFormAsync(SetUp, new Dictionary<string, string> { ["Input.Code"] = TotpCodes.Code(shownKey) });
        var done = await right.ParseAsync();
        var codes = done.QuerySelectorAll(".recovery-codes li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(10, codes.Count);
        Assert.Equal(10, codes.Distinct().Count());
        Assert.True((await TestAccounts.FindAsync(factory, email)).TwoFactorEnabled);

        var after = await client.GetDocumentAsync("/konto/sicherheit");
        Assert.Contains("Unbenutzte Wiederherstellungscodes: 10", after.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(codes[0], after.QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        var next = factory.CreateBrowserLikeClient();
        using var password = await TestAccounts.PostPasswordAsync(next, email, TestAccounts.Password);
        Assert.Equal("/anmelden/zwei-faktor", password.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_member_switches_the_authenticator_off_with_the_password()
    {
        var email = await TestAccounts.CreateAsync(factory, null, Roles.Expert);
        var oldKey = await TotpCodes.EnableForAsync(factory, email);
        var client = factory.CreateBrowserLikeClient();
        await client.SignInAsync(email, TestAccounts.Password);

        using var wrong = await client.SubmitFormAsync("/konto/sicherheit/authenticator-deaktivieren", new Dictionary<string, string> { ["Input.Password"] = "nicht-das-passwort" });
        Assert.Contains("Das Passwort ist nicht richtig.", await TestAccounts.AlertTextAsync(wrong), StringComparison.Ordinal);
        Assert.True((await TestAccounts.FindAsync(factory, email)).TwoFactorEnabled);

        using var off = await client.SubmitFormAsync("/konto/sicherheit/authenticator-deaktivieren", new Dictionary<string, string> { ["Input.Password"] = TestAccounts.Password });

        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        Assert.False((await TestAccounts.FindAsync(factory, email)).TwoFactorEnabled);
        Assert.NotEqual(oldKey, await TotpCodes.KeyOfAsync(factory, email));
        var next = factory.CreateBrowserLikeClient();
        using var password = await TestAccounts.PostPasswordAsync(next, email, TestAccounts.Password);
        Assert.Equal("/", password.Headers.Location?.OriginalString);
    }
}
