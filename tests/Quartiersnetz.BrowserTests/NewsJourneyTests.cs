using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Quartiersnetz.Features.News;
using Quartiersnetz.Platform.Time;

namespace Quartiersnetz.BrowserTests;

/// <summary>The browser app with a clock the test moves, so an article scheduled ten minutes ahead comes due at once.</summary>
public sealed class NewsBrowserApp : BrowserApp
{
    public NewsBrowserApp() => WithServices(services => services.RemoveAll<TimeProvider>().AddSingleton<TimeProvider>(Clock));

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);
}

/// <summary>
/// The office writes an article, previews it and schedules it ten minutes ahead; the public home page shows the empty
/// state until then and the article once its time has come. List, article and office form axe- and Nu-clean.
/// </summary>
public sealed class NewsJourneyTests(BrowserEnvironment environment, NewsBrowserApp app) : IClassFixture<NewsBrowserApp>
{
    [Fact]
    public async Task TheOfficeSchedulesAnArticleThatAppearsOnTheHomePageAtItsTime()
    {
        var title = "Neue Richtlinie Verfügungsfonds " + Guid.NewGuid().ToString("N")[..4];
        var publishAt = BerlinTime.ToBerlin(app.Clock.GetUtcNow().UtcDateTime.AddMinutes(10)).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

        await using (var office = await BrowserSession.OpenAsync(environment, app))
        {
            var page = office.Page;
            await office.SignInAsync(BrowserApp.AdminEmail, BrowserApp.AdminPassword);
            await office.GotoAsync("/geschaeftsstelle");
            await page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "Aktuelles", Exact = true }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Aktuelles verwalten", Level = 1 })).ToBeVisibleAsync();
            await office.AssertPageIsCleanAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "Neue Meldung schreiben" }).ClickAsync();
            await office.AssertPageIsCleanAsync();

            await page.GetByLabel("Titel", new() { Exact = true }).FillAsync(title);
            await page.GetByLabel("Anreißer").FillAsync("Die Landesregierung hat die Richtlinie für den Verfügungsfonds überarbeitet.");
            await page.GetByLabel("Text", new() { Exact = true }).FillAsync("## Was sich ändert\n\n- **Höhere** Beträge\n- Weniger Formulare\n\nMehr bei [der Landesregierung](https://example.org).");
            await page.GetByRole(AriaRole.Radio, new() { Name = "Öffentlich", Exact = true }).CheckAsync();
            await page.GetByLabel("Veröffentlichen am – optional").FillAsync(publishAt);
            await page.GetByRole(AriaRole.Button, new() { Name = "Vorschau anzeigen" }).ClickAsync();
            await Expect(page.Locator("#news-preview strong")).ToHaveTextAsync("Höhere");
            await Expect(page.GetByLabel("Titel", new() { Exact = true })).ToHaveValueAsync(title);
            await office.AssertPageIsCleanAsync();
            await office.ScreenshotAsync("meldung-vorschau");
            await page.GetByRole(AriaRole.Button, new() { Name = "Speichern" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("wurde gespeichert");
            await Expect(page.Locator("#office-news")).ToContainTextAsync("Geplant für");
            await office.AssertPageIsCleanAsync();
        }

        await using var visitor = await BrowserSession.OpenAsync(environment, app);
        var home = visitor.Page;
        await visitor.GotoAsync("/");
        await Expect(home.Locator("#home-news-empty")).ToBeVisibleAsync();
        await visitor.GotoAsync("/aktuelles");
        await Expect(home.Locator("#news-empty")).ToBeVisibleAsync();
        await visitor.AssertPageIsCleanAsync();

        app.Clock.Advance(TimeSpan.FromMinutes(11));
        await app.Services.GetRequiredService<NewsPublicationJob>().PublishDueAsync(TestContext.Current.CancellationToken);

        await visitor.GotoAsync("/");
        await Expect(home.Locator("#home-news")).ToContainTextAsync(title);
        await visitor.AssertPageIsCleanAsync();
        await home.Locator("#home-news").GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await Expect(home.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 })).ToBeVisibleAsync();
        await Expect(home.Locator("#news-body strong")).ToHaveTextAsync("Höhere");
        await visitor.AssertPageIsCleanAsync();
        await visitor.ScreenshotAsync("meldung");
        await visitor.GotoAsync("/aktuelles");
        await Expect(home.Locator("#news")).ToContainTextAsync(title);
        await visitor.AssertPageIsCleanAsync();
        await visitor.ScreenshotAsync("aktuelles");
    }
}
