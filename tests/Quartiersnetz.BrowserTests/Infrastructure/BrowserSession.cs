using System.Globalization;
using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;

namespace Quartiersnetz.BrowserTests.Infrastructure;

/// <summary>
/// One test's browser: a fresh context (own cookies) and page against one app, plus the checks every page
/// must pass: axe (WCAG 2.1 A/AA), the Nu HTML checker on the server's HTML, and a quiet console.
/// </summary>
public sealed partial class BrowserSession : IAsyncDisposable
{
    public const int DesktopWidth = 1280;
    public const int NarrowWidth = 320;
    private const int ViewportHeight = 800;

    private static readonly AxeRunOptions AxeOptions = new()
    {
        RunOnly = RunOnlyOptions.Tags("wcag2a", "wcag2aa", "wcag21a", "wcag21aa"),
    };

    private readonly BrowserEnvironment _environment;
    private readonly PageWatch _watch;

    private BrowserSession(BrowserEnvironment environment, BrowserApp app, IBrowserContext context, IPage page)
    {
        _environment = environment;
        App = app;
        Context = context;
        Page = page;
        _watch = new PageWatch(page);
    }

    public BrowserApp App { get; }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public static async Task<BrowserSession> OpenAsync(BrowserEnvironment environment, BrowserApp app, int width = DesktopWidth)
    {
        var context = await environment.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseUri.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = ViewportHeight },
            Locale = "de-DE",
            TimezoneId = "Europe/Berlin",
        });
        var page = await context.NewPageAsync();
        return new BrowserSession(environment, app, context, page);
    }

    /// <summary>Navigates and requires a 200 answer; returns the document response.</summary>
    public async Task<IResponse> GotoAsync(string pathAndQuery)
    {
        var response = await Page.GotoAsync(pathAndQuery)
            ?? throw new InvalidOperationException($"No response for {pathAndQuery}.");
        Assert.True(response.Status == 200, $"GET {pathAndQuery} answered {response.Status}, expected 200.");
        return response;
    }

    /// <summary>
    /// Signs in through the real form, as a person would, and waits for the signed-in header. Where the
    /// account has a second factor, enters the code its authenticator app would show; where the app demands
    /// one (office accounts), sets the authenticator up from the key the page shows.
    /// </summary>
    public async Task SignInAsync(string email, string password)
    {
        await GotoAsync("/anmelden");
        await Page.Locator("input[name='Input.Email']").FillAsync(email);
        await Page.Locator("input[name='Input.Password']").FillAsync(password);
        await Page.Locator("main form button[type=submit]").First.ClickAsync();
        await WaitForPathAsync(path => path != "/anmelden");
        var path = new Uri(Page.Url).AbsolutePath;
        if (path == "/anmelden/zwei-faktor")
        {
            var key = await TotpCodes.KeyOfAsync(App, email) ?? throw new InvalidOperationException($"{email} has no authenticator key.");
            await Page.Locator("input[name='Input.Code']").FillAsync(TotpCodes.Code(key));
            await Page.Locator("main form button[type=submit]").ClickAsync();
            await WaitForPathAsync(path => path != "/anmelden/zwei-faktor");
        }
        else if (path == "/konto/sicherheit/authenticator")
        {
            var key = await Page.Locator("#authenticator-key").TextContentAsync() ?? "";
            await Page.Locator("input[name='Input.Code']").FillAsync(TotpCodes.Code(key));
            await Page.Locator("main form button[type=submit]").ClickAsync();
            await Expect(Page.Locator(".recovery-codes li")).ToHaveCountAsync(10);
        }

        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Abmelden" })).ToBeVisibleAsync();
        await WaitUntilLoadedAsync();
    }

    // Waiting for the navigation's "load" event timed out in CI twice although the page had loaded (the log showed
    // "NetworkIdle", which fires only after load): the client missed the event. Playwright's WaitForURLAsync waits for
    // "load" even with WaitUntil = Commit when the URL already matches, so the address is polled here instead, and
    // "loaded" is read from the document itself (below), which cannot be missed.
    private async Task WaitForPathAsync(Func<string, bool> reached)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!reached(new Uri(Page.Url).AbsolutePath))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The browser stayed at {Page.Url} for 30 seconds.");
            }

            await Task.Delay(25);
        }
    }

    /// <summary>Waits until the current document has loaded, asking the document rather than waiting for its event.</summary>
    public async Task WaitUntilLoadedAsync() =>
        await Page.WaitForFunctionAsync("() => document.readyState === 'complete'");

    /// <summary>Fails the test with every problem of the current page (see <see cref="FindPageProblemsAsync"/>).</summary>
    public async Task AssertPageIsCleanAsync(string? serverHtml = null)
    {
        var problems = await FindPageProblemsAsync(serverHtml);
        Assert.True(problems.Count == 0, $"{problems.Count} problem(s) on {Page.Url}:\n" + string.Join('\n', problems));
    }

    /// <summary>
    /// As <see cref="AssertPageIsCleanAsync"/> for a page deliberately answered with an error status: Chromium logs every
    /// document answered with one, and that one line is the point there.
    /// </summary>
    public async Task AssertPageIsCleanApartFromStatusAsync(int status)
    {
        var problems = (await FindPageProblemsAsync())
            .Where(p => !p.Contains($"the server responded with a status of {status}", StringComparison.Ordinal))
            .ToList();
        Assert.True(problems.Count == 0, $"{problems.Count} problem(s) on {Page.Url}:\n" + string.Join('\n', problems));
    }

    /// <summary>
    /// Everything wrong with the current page: axe violations (rule, help, elements), Nu checker errors in
    /// the HTML the server sent (<paramref name="serverHtml"/>, else the browser's copy of the document
    /// response, else a fresh GET with this context's cookies), console errors and failed requests.
    /// </summary>
    public async Task<IReadOnlyList<string>> FindPageProblemsAsync(string? serverHtml = null)
    {
        await WaitUntilLoadedAsync();
        var problems = new List<string>();

        var axe = await Page.RunAxe(AxeOptions);
        foreach (var violation in axe.Violations)
        {
            var elements = violation.Nodes.Select(n => $"{n.Target} {Shorten(n.Html, 160)}");
            problems.Add($"axe {violation.Id} ({violation.Impact}): {violation.Help} – {string.Join(" | ", elements)}");
        }

        var html = serverHtml
            ?? (_watch.CurrentDocument is { } document ? await document.TextAsync() : null)
            ?? await FetchServerHtmlAsync(new Uri(Page.Url));
        problems.AddRange(await _environment.Nu.ValidateAsync(html, TestContext.Current.CancellationToken));

        problems.AddRange(_watch.Drain());
        return problems;
    }

    /// <summary>
    /// A plain GET outside the browser, with this context's cookies (so signed-in pages work) and without
    /// following redirects.
    /// </summary>
    public async Task<HttpResponseMessage> FetchAsync(Uri url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        var cookies = await Context.CookiesAsync([url.ToString()]);
        if (cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Name}={c.Value}")));
        }

        request.Headers.Add("Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
        request.Headers.Add("Accept-Language", "de-DE,de;q=0.9");
        return await _environment.Http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>Full-page PNGs at desktop and phone width: artifacts/screenshots/NAME-1280.png and NAME-320.png.</summary>
    public async Task ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(RepositoryPaths.Screenshots);
        var original = Page.ViewportSize ?? new PageViewportSizeResult { Width = DesktopWidth, Height = ViewportHeight };
        foreach (var width in new[] { DesktopWidth, NarrowWidth })
        {
            await Page.SetViewportSizeAsync(width, ViewportHeight);
            await Page.ScreenshotAsync(new PageScreenshotOptions
            {
                Path = Path.Combine(RepositoryPaths.Screenshots, $"{SafeName(name)}-{width.ToString(CultureInfo.InvariantCulture)}.png"),
                FullPage = true,
            });
            if (width == NarrowWidth)
            {
                // WCAG 1.4.10 (reflow): every page a journey looks at must also work at 320 px without scrolling sideways.
                var scrollWidth = await DocumentScrollWidthAsync();
                Assert.True(
                    scrollWidth <= NarrowWidth,
                    $"{Page.Url} is {scrollWidth} px wide at a 320 px viewport. Sticking out:\n" + string.Join('\n', await ElementsWiderThanTheViewportAsync()));
            }
        }

        await Page.SetViewportSizeAsync(original.Width, original.Height);
    }

    /// <summary>Widest content of the document in CSS pixels, after web fonts have loaded.</summary>
    public async Task<int> DocumentScrollWidthAsync()
    {
        await Page.EvaluateAsync("() => document.fonts.ready.then(() => true)");
        return await Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
    }

    /// <summary>
    /// The innermost elements that stick out past the right edge of the viewport, or whose content spills
    /// out of them, without a scrolling or clipping box around them – what makes a page scroll sideways.
    /// For failure messages.
    /// </summary>
    public async Task<IReadOnlyList<string>> ElementsWiderThanTheViewportAsync() =>
        await Page.EvaluateAsync<string[]>("""
            () => {
                const viewport = document.documentElement.clientWidth;
                const inScrollBox = el => {
                    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
                        if (getComputedStyle(p).overflowX !== 'visible') return true;
                    }
                    return false;
                };
                const describe = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
                    + [...el.classList].map(c => '.' + c).join('');
                // Either the box itself sticks out, or its content (a long word, a wide table) spills out of it.
                const sticksOut = el => el.getBoundingClientRect().right > viewport + 0.5
                    || (getComputedStyle(el).overflowX === 'visible' && el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1);
                const wide = [...document.body.querySelectorAll('*')].filter(el => sticksOut(el) && !inScrollBox(el));
                return wide.filter(el => !wide.some(other => other !== el && el.contains(other)))
                    .slice(0, 10)
                    .map(el => `${describe(el)} (box ends at ${Math.round(el.getBoundingClientRect().right)} px, content is ${el.scrollWidth} px wide): “${(el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 80)}”`);
            }
            """);

    public async ValueTask DisposeAsync() => await Context.CloseAsync();

    internal static string SafeName(string name)
    {
        var safe = NonFileNameCharacters().Replace(name.ToLowerInvariant(), "-").Trim('-');
        return safe.Length == 0 ? "start" : safe;
    }

    private async Task<string> FetchServerHtmlAsync(Uri url)
    {
        using var response = await FetchAsync(url);
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    private static string Shorten(string? text, int length)
    {
        var oneLine = (text ?? "").ReplaceLineEndings(" ");
        return oneLine.Length <= length ? oneLine : oneLine[..length] + "…";
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonFileNameCharacters();
}
