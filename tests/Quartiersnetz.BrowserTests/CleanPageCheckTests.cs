namespace Quartiersnetz.BrowserTests;

/// <summary>
/// The clean-page check itself must be able to fail: a checker that silently reports nothing (a wrong
/// content type for the Nu service, axe not running) would let every other browser test pass.
/// </summary>
public sealed class CleanPageCheckTests(BrowserEnvironment environment, BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task ReportsInvalidHtmlAxeViolationsAndContentSecurityPolicyViolations()
    {
        await using var session = await BrowserSession.OpenAsync(environment, app);
        var page = session.Page;
        await session.GotoAsync("/");
        await page.EvaluateAsync("""
            () => {
                // An image without a text alternative: axe rule image-alt.
                const image = document.createElement('img');
                image.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
                document.querySelector('main').append(image);
                // An inline script: the app's Content-Security-Policy must block it and Chromium logs that.
                const script = document.createElement('script');
                script.textContent = 'window.inlineScriptRan = true;';
                document.body.append(script);
            }
            """);
        const string invalidHtml = "<!DOCTYPE html><html lang=\"de\"><head><title>x</title></head><body><p b-1a2b3c>Text<div></body></html>";

        var problems = await session.FindPageProblemsAsync(invalidHtml);

        Assert.Contains(problems, p => p.StartsWith("axe image-alt", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Nu line", StringComparison.Ordinal) && p.Contains("b-1a2b3c", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("console error", StringComparison.Ordinal) && p.Contains("Content Security Policy", StringComparison.Ordinal));
        Assert.False(await page.EvaluateAsync<bool>("() => window.inlineScriptRan === true"), "The inline script ran despite the CSP.");
    }
}
