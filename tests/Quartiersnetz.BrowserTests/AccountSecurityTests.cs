using Quartiersnetz.IntegrationTests.Accounts;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.BrowserTests;

/// <summary>
/// The security pages as a person uses them: setting up the authenticator app, and registering a passkey
/// and signing in with it, using Chromium's virtual authenticator (CDP WebAuthn domain) in place of a
/// phone or security key. Every page on the way is axe- and Nu-clean.
/// </summary>
public sealed class AccountSecurityTests(BrowserEnvironment environment, BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task MemberSetsUpTheAuthenticatorAppOnCleanPages()
    {
        var email = await TestAccounts.CreateAsync(app, null, Roles.MemberStaff);
        await using var session = await BrowserSession.OpenAsync(environment, app);
        var page = session.Page;
        await session.SignInAsync(email, TestAccounts.Password);

        await session.GotoAsync("/konto/sicherheit");
        await session.AssertPageIsCleanAsync();
        await session.ScreenshotAsync("konto-sicherheit");
        await page.GetByRole(AriaRole.Link, new() { Name = "Authenticator-App einrichten" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "QR-Code mit dem Schlüssel für die Authenticator-App" })).ToBeVisibleAsync();
        await session.AssertPageIsCleanAsync();
        await session.ScreenshotAsync("authenticator-einrichten");

        var key = await page.Locator("#authenticator-key").TextContentAsync() ?? "";
        await page.GetByLabel("Code aus der App").FillAsync(TotpCodes.WrongCode(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Bestätigen und einschalten" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Der Code ist nicht richtig.");
        await session.AssertPageIsCleanAsync();

        await page.GetByLabel("Code aus der App").FillAsync(TotpCodes.Code(key));
        var confirmed = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Bestätigen und einschalten" }).ClickAsync(),
            r => r.Request.IsNavigationRequest && r.Request.Method == "POST");
        await Expect(page.Locator(".recovery-codes li")).ToHaveCountAsync(10);
        await session.AssertPageIsCleanAsync(await confirmed.TextAsync());
        await session.ScreenshotAsync("wiederherstellungscodes");

        await session.GotoAsync("/konto/sicherheit/passwort");
        await session.AssertPageIsCleanAsync();
        await session.GotoAsync("/konto/sicherheit/authenticator-deaktivieren");
        await session.AssertPageIsCleanAsync();

        // The next sign-in asks for the code: the second step is clean as well.
        await using var next = await BrowserSession.OpenAsync(environment, app);
        await next.GotoAsync("/anmelden");
        await next.Page.Locator("input[name='Input.Email']").FillAsync(email);
        await next.Page.Locator("input[name='Input.Password']").FillAsync(TestAccounts.Password);
        await next.Page.Locator("main form button[type=submit]").First.ClickAsync();
        await Expect(next.Page.GetByRole(AriaRole.Heading, new() { Name = "Anmelden: zweiter Faktor" })).ToBeVisibleAsync();
        await next.AssertPageIsCleanAsync();
    }

    [Fact]
    public async Task OfficeRegistersAPasskeyAndSignsInWithItIntoTheOfficeArea()
    {
        var email = await TestAccounts.CreateAsync(app, null, Roles.Office);
        await using var session = await BrowserSession.OpenAsync(environment, app);
        var page = session.Page;
        // WebAuthn refuses IP addresses as relying party: this journey uses the host name localhost.
        var origin = new UriBuilder(app.BaseUri) { Host = "localhost" }.Uri;
        string At(string path) => new Uri(origin, path).ToString();

        var cdp = await session.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("WebAuthn.enable");
        await cdp.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2",
                ["transport"] = "internal",
                ["hasResidentKey"] = true,
                ["hasUserVerification"] = true,
                ["isUserVerified"] = true,
            },
        });

        // Password sign-in of an office account without second factor: sent to set one up, office area closed.
        await page.GotoAsync(At("/anmelden"));
        await page.Locator("input[name='Input.Email']").FillAsync(email);
        await page.Locator("input[name='Input.Password']").FillAsync(TestAccounts.Password);
        await page.Locator("main form button[type=submit]").First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Zweiter Faktor erforderlich" })).ToBeVisibleAsync();
        using (var closed = await session.FetchAsync(new Uri(At("/geschaeftsstelle"))))
        {
            Assert.Equal(System.Net.HttpStatusCode.Forbidden, closed.StatusCode);
        }

        await page.GotoAsync(At("/konto/sicherheit"));
        await page.GetByLabel("Name des Passkeys").FillAsync("Laptop der Geschäftsstelle");
        await page.GetByRole(AriaRole.Button, new() { Name = "Passkey hinzufügen" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Der Passkey wurde gespeichert.");
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Laptop der Geschäftsstelle", Exact = true })).ToBeVisibleAsync();
        await session.AssertPageIsCleanAsync();
        await session.ScreenshotAsync("konto-sicherheit-passkey");

        await page.GetByRole(AriaRole.Button, new() { Name = "Abmelden" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Anmelden" })).ToBeVisibleAsync();

        await page.GotoAsync(At("/anmelden?ReturnUrl=%2Fgeschaeftsstelle"));
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Mit Passkey anmelden" })).ToBeVisibleAsync();
        await session.AssertPageIsCleanAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Mit Passkey anmelden" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Abmelden" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Geschäftsstelle", Level = 1 })).ToBeVisibleAsync();
        Assert.Equal("/geschaeftsstelle", new Uri(page.Url).AbsolutePath);
        await session.AssertPageIsCleanAsync();
    }
}
