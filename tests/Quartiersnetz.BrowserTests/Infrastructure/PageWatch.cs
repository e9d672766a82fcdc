using System.Collections.Concurrent;

namespace Quartiersnetz.BrowserTests.Infrastructure;

/// <summary>
/// Listens to a page for what a person would not see but the browser reports: console errors (CSP
/// violations appear there), uncaught script errors, failed requests and sub-resources answered with an
/// error status. Also remembers the last main-document response, so its server HTML can be validated.
/// </summary>
internal sealed class PageWatch
{
    private readonly ConcurrentQueue<string> _problems = new();
    private readonly IPage _page;
    private IResponse? _lastDocument;

    public PageWatch(IPage page)
    {
        _page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _problems.Enqueue($"console error: {message.Text} (at {message.Location})");
            }
        };
        page.PageError += (_, error) => _problems.Enqueue($"uncaught script error: {error}");
        page.RequestFailed += (_, request) => _problems.Enqueue($"request failed: {request.Method} {request.Url}: {request.Failure}");
        page.Response += (_, response) =>
        {
            if (response.Request.IsNavigationRequest && response.Frame == _page.MainFrame)
            {
                _lastDocument = response;
            }
            else if (response.Status >= 400)
            {
                _problems.Enqueue($"sub-resource {response.Request.Method} {response.Url} answered {response.Status}");
            }
        };
    }

    /// <summary>The response that produced the current document, if the browser still has it.</summary>
    public IResponse? CurrentDocument =>
        _lastDocument is { } response && WithoutFragment(response.Url) == WithoutFragment(_page.Url) && response.Status == 200
            ? response
            : null;

    // Following an in-page link (the skip link) changes the page URL but not the document.
    private static string WithoutFragment(string url) => url.Split('#', 2)[0];

    /// <summary>Returns and forgets what was reported so far, so each page is judged on its own.</summary>
    public IReadOnlyList<string> Drain()
    {
        var drained = new List<string>();
        while (_problems.TryDequeue(out var problem))
        {
            drained.Add(problem);
        }

        return drained;
    }
}
