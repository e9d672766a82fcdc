using System.Net;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.IntegrationTests.Accounts;

/// <summary>Password reset by e-mail: the mail, a link that works once and expires, and no hint who has an account.</summary>
public sealed class PasswordResetTests(AccountsClockFactory factory) : IClassFixture<AccountsClockFactory>
{
    private const string NewPassword = "Sommer am Rhein mit vielen Booten";

    [Fact]
    public async Task A_person_resets_the_password_through_the_mailed_link_which_then_stops_working()
    {
        var email = await TestAccounts.CreateAsync(factory, null, Roles.MemberStaff);
        var client = factory.CreateBrowserLikeClient();
        Assert.NotNull((await client.GetDocumentAsync("/anmelden")).QuerySelector("a[href='/passwort-vergessen']"));

        using var requested = await client.SubmitFormAsync("/passwort-vergessen", new Dictionary<string, string> { ["Input.Email"] = email.ToUpperInvariant() });
        Assert.Equal(HttpStatusCode.OK, requested.StatusCode);

        var mail = await factory.Mailbox.WaitForMailAsync(email);
        Assert.Equal("Neues Passwort für Quartiersnetz festlegen", mail.Subject);
        Assert.Contains("Guten Tag Kim Testperson,", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Der Link gilt 2 Stunden und nur ein einziges Mal.", mail.TextBody, StringComparison.Ordinal);
        var link = mail.LinkPath("/passwort-zuruecksetzen");
        Assert.StartsWith("http://localhost/passwort-zuruecksetzen?konto=", mail.Links()[0], StringComparison.Ordinal);

        using var reset = await client.SubmitFormAsync(link, new Dictionary<string, string>
        {
            ["Input.NewPassword"] = NewPassword,
            ["Input.ConfirmPassword"] = NewPassword,
        });
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.Equal("/anmelden", reset.Headers.Location?.OriginalString);
        Assert.Contains("Ihr neues Passwort ist gespeichert", (await client.GetDocumentAsync("/anmelden")).QuerySelector("[role=status]")?.TextContent, StringComparison.Ordinal);

        await factory.CreateBrowserLikeClient().SignInAsync(email, NewPassword);
        using var old = await TestAccounts.PostPasswordAsync(factory.CreateBrowserLikeClient(), email, TestAccounts.Password);
        Assert.Equal(HttpStatusCode.OK, old.StatusCode);

        var used = await client.GetDocumentAsync(link, HttpStatusCode.BadRequest);
        Assert.Contains("Der Link ist ungültig oder abgelaufen", used.QuerySelector("[role=alert]")?.TextContent, StringComparison.Ordinal);
        Assert.Null(used.QuerySelector("input[name='Input.NewPassword']"));
        using var again = await client.PostAsync(new Uri(link, UriKind.Relative), new FormUrlEncodedContent([]), TestContext.Current.CancellationToken);
        Assert.NotEqual(HttpStatusCode.Redirect, again.StatusCode);
    }

    [Fact]
    public async Task An_unknown_address_gets_the_same_answer_and_no_mail()
    {
        var known = await TestAccounts.CreateAsync(factory, null, Roles.MemberStaff);
        var unknown = TestAccounts.NewEmail();

        var forKnown = await (await factory.CreateBrowserLikeClient().SubmitFormAsync("/passwort-vergessen", new Dictionary<string, string> { ["Input.Email"] = known })).ParseAsync();
        var forUnknown = await (await factory.CreateBrowserLikeClient().SubmitFormAsync("/passwort-vergessen", new Dictionary<string, string> { ["Input.Email"] = unknown })).ParseAsync();

        Assert.Equal(forKnown.QuerySelector("main")!.TextContent, forUnknown.QuerySelector("main")!.TextContent);
        Assert.Contains("Wenn es zu dieser E-Mail-Adresse einen Zugang gibt", forUnknown.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        _ = await factory.Mailbox.WaitForMailAsync(known);
        Assert.Empty(await factory.Mailbox.MailsToAsync(unknown));
    }

    [Fact]
    public async Task An_expired_link_is_refused_and_changes_nothing()
    {
        var email = await TestAccounts.CreateAsync(factory, null, Roles.MemberStaff);
        var client = factory.CreateBrowserLikeClient();
        (await client.SubmitFormAsync("/passwort-vergessen", new Dictionary<string, string> { ["Input.Email"] = email })).Dispose();
        var link = (await factory.Mailbox.WaitForMailAsync(email)).LinkPath("/passwort-zuruecksetzen");
        var form = await client.GetDocumentAsync(link);
        Assert.NotNull(form.QuerySelector("input[name='Input.NewPassword']"));

        // The clock only moves forward; links of other tests are made after this point or used before it.
        factory.Clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(1));
        var expired = await client.GetDocumentAsync(link, HttpStatusCode.BadRequest);
        Assert.Contains("Der Link ist ungültig oder abgelaufen", expired.QuerySelector("[role=alert]")?.TextContent, StringComparison.Ordinal);

        await factory.CreateBrowserLikeClient().SignInAsync(email, TestAccounts.Password);
    }

    [Fact]
    public async Task A_tampered_or_foreign_link_is_refused()
    {
        var email = await TestAccounts.CreateAsync(factory, null, Roles.MemberStaff);
        var other = await TestAccounts.FindAsync(factory, await TestAccounts.CreateAsync(factory, null, Roles.MemberStaff));
        var client = factory.CreateBrowserLikeClient();
        (await client.SubmitFormAsync("/passwort-vergessen", new Dictionary<string, string> { ["Input.Email"] = email })).Dispose();
        var link = (await factory.Mailbox.WaitForMailAsync(email)).LinkPath("/passwort-zuruecksetzen");
        var own = (await TestAccounts.FindAsync(factory, email)).Id.ToString();

        _ = await client.GetDocumentAsync(link.Replace(own, other.Id.ToString(), StringComparison.Ordinal), HttpStatusCode.BadRequest);
        _ = await client.GetDocumentAsync(link[..^3], HttpStatusCode.BadRequest);
        _ = await client.GetDocumentAsync("/passwort-zuruecksetzen?konto=kein-konto&code=%%%", HttpStatusCode.BadRequest);
        _ = await client.GetDocumentAsync("/passwort-zuruecksetzen", HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_new_password_must_follow_the_rules()
    {
        var email = await TestAccounts.CreateAsync(factory, null, Roles.MemberStaff);
        var client = factory.CreateBrowserLikeClient();
        (await client.SubmitFormAsync("/passwort-vergessen", new Dictionary<string, string> { ["Input.Email"] = email })).Dispose();
        var link = (await factory.Mailbox.WaitForMailAsync(email)).LinkPath("/passwort-zuruecksetzen");

        using var common = await client.SubmitFormAsync(link, new Dictionary<string, string>
        {
            ["Input.NewPassword"] = "QWERTYUIOP",
            ["Input.ConfirmPassword"] = "QWERTYUIOP",
        });

        Assert.Equal(HttpStatusCode.OK, common.StatusCode);
        Assert.Contains("am häufigsten verwendeten", await TestAccounts.AlertTextAsync(common), StringComparison.Ordinal);
        // The link still works for a good password.
        using var good = await client.SubmitFormAsync(link, new Dictionary<string, string>
        {
            ["Input.NewPassword"] = NewPassword,
            ["Input.ConfirmPassword"] = NewPassword,
        });
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
    }

    [Fact]
    public async Task A_bad_address_gets_a_German_message()
    {
        using var response = await factory.CreateBrowserLikeClient().SubmitFormAsync("/passwort-vergessen", new Dictionary<string, string> { ["Input.Email"] = "keine-adresse" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Bitte geben Sie eine gültige E-Mail-Adresse ein.", await TestAccounts.AlertTextAsync(response), StringComparison.Ordinal);
    }
}
