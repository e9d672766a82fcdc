namespace Quartiersnetz.BrowserTests;

/// <summary>The public shell as a person uses it: small screens, keyboard, signing in, reporting a barrier.</summary>
public sealed class PublicShellTests(BrowserEnvironment environment, BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task HomePageFitsA320PixelScreenAndTheSkipLinkMovesFocusToTheContent()
    {
        await using var session = await BrowserSession.OpenAsync(environment, app, BrowserSession.NarrowWidth);
        var page = session.Page;
        await session.GotoAsync("/");

        Assert.True(
            await session.DocumentScrollWidthAsync() <= BrowserSession.NarrowWidth,
            "The home page scrolls sideways at 320 px. Sticking out:\n" + string.Join('\n', await session.ElementsWiderThanTheViewportAsync()));

        // The first Tab from a fresh page must land on the skip link, and it must show when focused.
        await page.Keyboard.PressAsync("Tab");
        var skipLink = page.Locator("a[href='#inhalt']").First;
        await Expect(skipLink).ToBeFocusedAsync();
        await Expect(skipLink).ToBeInViewportAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#inhalt")).ToBeFocusedAsync();

        await session.AssertPageIsCleanAsync();
        await session.ScreenshotAsync("start");
    }

    [Theory]
    [MemberData(nameof(SiteRoutes.PublicTheory), MemberType = typeof(SiteRoutes))]
    public async Task PublicPageNeedsNoSidewaysScrollingAt320Pixels(string path)
    {
        // WCAG 1.4.10 (reflow): content fits 320 CSS px; wide tables may scroll inside their own box.
        await using var session = await BrowserSession.OpenAsync(environment, app, BrowserSession.NarrowWidth);
        await session.GotoAsync(path);

        var width = await session.DocumentScrollWidthAsync();

        Assert.True(
            width <= BrowserSession.NarrowWidth,
            $"{path} is {width} px wide at a 320 px viewport. Sticking out:\n" + string.Join('\n', await session.ElementsWiderThanTheViewportAsync()));
    }

    [Fact]
    public async Task TheOverloadPageIsGermanCleanAndAsksToRetryWithoutTheDatabasesNavigation()
    {
        // The page the app shows when the database cannot take a request in time (OverloadTests in the integration
        // tests make it happen); here it is opened directly, as the error page is for any status code.
        await using var session = await BrowserSession.OpenAsync(environment, app, BrowserSession.NarrowWidth);
        var response = await session.Page.GotoAsync("/fehler/503");

        Assert.Equal(503, response?.Status);
        Assert.Equal("5", await response!.HeaderValueAsync("retry-after"));
        await Expect(session.Page.Locator("h1")).ToHaveTextAsync("Die Seite ist gerade überlastet");
        await Expect(session.Page.Locator("main")).ToContainTextAsync("Fehlercode: 503");
        await session.AssertPageIsCleanApartFromStatusAsync(503);
        await session.ScreenshotAsync("fehler-503");
    }

    [Fact]
    public async Task OfficeAdministratorSignsInAndSeesSignOut()
    {
        await using var session = await BrowserSession.OpenAsync(environment, app);
        await session.GotoAsync("/anmelden");
        await session.AssertPageIsCleanAsync();
        await session.ScreenshotAsync("anmelden");

        await session.SignInAsync(BrowserApp.AdminEmail, BrowserApp.AdminPassword);

        await Expect(session.Page.GetByRole(AriaRole.Button, new() { Name = "Abmelden" })).ToBeVisibleAsync();
        await session.AssertPageIsCleanAsync();
        await session.GotoAsync("/geschaeftsstelle");
        await session.AssertPageIsCleanAsync();
        await session.ScreenshotAsync("geschaeftsstelle");
    }

    [Fact]
    public async Task FailedSignInShowsTheErrorCleanly()
    {
        await using var session = await BrowserSession.OpenAsync(environment, app);
        var page = session.Page;
        await session.GotoAsync("/anmelden");
        // An unknown address, so the administrator's lockout counter stays untouched for the other tests.
        await page.Locator("input[name='Input.Email']").FillAsync("niemand@quartiersnetz.test");
        await page.Locator("input[name='Input.Password']").FillAsync("falsches-Passwort-123");

        var response = await page.RunAndWaitForResponseAsync(
            () => page.Locator("main form button[type=submit]").ClickAsync(),
            r => r.Request.IsNavigationRequest && r.Request.Method == "POST");

        await Expect(page.GetByText("Die Anmeldung ist fehlgeschlagen")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Abmelden" })).ToHaveCountAsync(0);
        await session.AssertPageIsCleanAsync(await response.TextAsync());
        await session.ScreenshotAsync("anmelden-fehler");
    }

    [Fact]
    public async Task VisitorReportsABarrierAndGetsAGermanConfirmation()
    {
        await using var session = await BrowserSession.OpenAsync(environment, app);
        var page = session.Page;
        await session.GotoAsync("/barrierefreiheit/barriere-melden");
        await session.AssertPageIsCleanAsync();
        await session.ScreenshotAsync("barriere-melden");

        await page.Locator("[name='Input.Message']").FillAsync("Das Formular auf der Seite der Gemeinden ist mit der Tastatur nicht erreichbar.");
        await page.Locator("[name='Input.Name']").FillAsync("Alex Muster");
        await page.Locator("[name='Input.Email']").FillAsync("alex.muster@example.org");
        await page.Locator("[name='Input.PageUrl']").FillAsync("/gemeinden");
        await page.Locator("main form button[type=submit]").ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Vielen Dank für Ihre Meldung" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Die Geschäftsstelle hat Ihre Meldung erhalten");
        await session.AssertPageIsCleanAsync();
        await session.ScreenshotAsync("barriere-melden-gesendet");
    }

    [Fact]
    public async Task BarrierReportWithoutDescriptionShowsTheErrorAccessibly()
    {
        await using var session = await BrowserSession.OpenAsync(environment, app);
        var page = session.Page;
        await session.GotoAsync("/barrierefreiheit/barriere-melden");
        // Switch off the browser's own check of `required`, so the server's validation and its markup are tested.
        await page.Locator("main form").EvaluateAsync("form => { form.noValidate = true; }");

        var response = await page.RunAndWaitForResponseAsync(
            () => page.Locator("main form button[type=submit]").ClickAsync(),
            r => r.Request.IsNavigationRequest && r.Request.Method == "POST");

        Assert.Equal(200, response.Status);
        var message = page.Locator("[name='Input.Message']");
        await Expect(message).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Vielen Dank für Ihre Meldung" })).ToHaveCountAsync(0);
        await session.AssertPageIsCleanAsync(await response.TextAsync());
        await session.ScreenshotAsync("barriere-melden-fehler");
    }
}
