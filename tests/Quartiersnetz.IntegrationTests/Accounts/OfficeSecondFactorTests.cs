using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.IntegrationTests.Accounts;

/// <summary>Office accounts must use a second factor: without one, the office area stays closed.</summary>
public sealed class OfficeSecondFactorTests(AccountsClockFactory factory) : IClassFixture<AccountsClockFactory>
{
    [Fact]
    public async Task An_office_account_without_second_factor_is_sent_to_set_it_up_and_denied_office_pages()
    {
        var email = await TestAccounts.CreateAsync(factory, null, Roles.Office);
        var client = factory.CreateBrowserLikeClient();

        using var password = await TestAccounts.PostPasswordAsync(client, email, TestAccounts.Password);

        Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        Assert.Equal("/konto/sicherheit/authenticator", password.Headers.Location?.OriginalString);
        var setUp = await client.GetDocumentAsync("/konto/sicherheit/authenticator");
        Assert.Contains("Zugänge der Geschäftsstelle müssen sich in zwei Schritten anmelden", setUp.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        foreach (var page in SiteRoutes.Office)
        {
            var denied = await client.GetDocumentAsync(page, HttpStatusCode.Forbidden);
            Assert.Equal("Kein Zugriff", denied.QuerySelector("h1")?.TextContent);
        }

        Assert.Null((await client.GetDocumentAsync("/")).QuerySelector("nav a[href='/geschaeftsstelle']"));
    }

    [Fact]
    public async Task After_setting_up_the_authenticator_the_office_area_opens()
    {
        var email = await TestAccounts.CreateAsync(factory, null, Roles.Office);
        var client = factory.CreateBrowserLikeClient();
        (await TestAccounts.PostPasswordAsync(client, email, TestAccounts.Password)).Dispose();
        var key = (await client.GetDocumentAsync("/konto/sicherheit/authenticator")).QuerySelector("#authenticator-key")!.TextContent;

        using var done = await client.SubmitFormAsync("/konto/sicherheit/authenticator", new Dictionary<string, string> { ["Input.Code"] = TotpCodes.Code(key) });

        Assert.NotNull((await done.ParseAsync()).QuerySelector("main a[href='/geschaeftsstelle']"));
        foreach (var page in SiteRoutes.Office)
        {
            _ = await client.GetDocumentAsync(page);
        }
    }

    [Fact]
    public async Task An_office_account_with_authenticator_signs_in_with_a_code_and_reaches_office_pages()
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);

        foreach (var page in SiteRoutes.Office)
        {
            _ = await office.GetDocumentAsync(page);
        }
    }

    [Fact]
    public async Task The_second_factor_survives_the_periodic_security_stamp_check()
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        _ = await office.GetDocumentAsync("/geschaeftsstelle");

        // Past the 30-minute validation interval the cookie is rebuilt from the database.
        // The clock only moves forward; nothing else in this class depends on the time of day.
        factory.Clock.Advance(TimeSpan.FromMinutes(31));
        _ = await office.GetDocumentAsync("/geschaeftsstelle");
        _ = await office.GetDocumentAsync("/geschaeftsstelle/barrierefreiheit");
    }

    [Fact]
    public async Task The_office_cannot_switch_its_second_factor_off()
    {
        var email = await TestAccounts.CreateAsync(factory, null, Roles.Office);
        await TotpCodes.EnableForAsync(factory, email);
        var client = factory.CreateBrowserLikeClient();
        await client.SignInAsync(email, TestAccounts.Password);

        var page = await client.GetDocumentAsync("/konto/sicherheit/authenticator-deaktivieren");
        Assert.Null(page.QuerySelector("main form"));

        using var forced = await client.PostAsync(new Uri("/konto/sicherheit/authenticator-deaktivieren", UriKind.Relative),
            new FormUrlEncodedContent([new("Input.Password", TestAccounts.Password)]), TestContext.Current.CancellationToken);
        Assert.True((await TestAccounts.FindAsync(factory, email)).TwoFactorEnabled);
    }

    [Fact]
    public async Task Office_rights_in_every_policy_need_the_second_factor_claim()
    {
        await using var scope = factory.CreateScope();
        var authorization = scope.ServiceProvider.GetRequiredService<IAuthorizationService>();
        var passwordOnly = new ClaimsPrincipal(new ClaimsIdentity([new(ClaimTypes.Role, Roles.Office)], "Identity.Application"));
        var withSecondFactor = new ClaimsPrincipal(new ClaimsIdentity(
            [new(ClaimTypes.Role, Roles.Office), SecondFactor.MultiFactorClaim()], "Identity.Application"));

        Assert.False((await authorization.AuthorizeAsync(passwordOnly, Policies.InvitePeople)).Succeeded);
        Assert.False((await authorization.AuthorizeAsync(passwordOnly, Policies.Office)).Succeeded);
        Assert.True((await authorization.AuthorizeAsync(withSecondFactor, Policies.InvitePeople)).Succeeded);
        Assert.True((await authorization.AuthorizeAsync(withSecondFactor, Policies.Office)).Succeeded);
    }
}
