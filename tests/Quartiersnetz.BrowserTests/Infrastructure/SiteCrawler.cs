namespace Quartiersnetz.BrowserTests.Infrastructure;

/// <summary>
/// Follows every same-origin link from a start page, as the session's user, and collects every problem
/// instead of stopping at the first: error statuses, broken internal links and unclean HTML pages.
/// </summary>
internal sealed class SiteCrawler(BrowserSession session, ITestOutputHelper output)
{
    public const int MaxPages = 120;
    public const int MaxPerShape = 3;

    public List<string> Problems { get; } = [];

    /// <summary>Paths (without query) of every URL that was requested.</summary>
    public HashSet<string> VisitedPaths { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Crawls breadth-first from <paramref name="startPath"/> up to <see cref="MaxPages"/> pages. Paths in
    /// <paramref name="mustReach"/> are visited even beyond that budget and even as repeats of a shape, once a link to
    /// them was found: whether a page can be reached by links must not depend on how many pages the site has.
    /// </summary>
    public async Task CrawlAsync(string startPath, string screenshotPrefix, IReadOnlySet<string>? mustReach = null)
    {
        var origin = session.App.BaseUri;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<(Uri Url, string LinkedFrom)>();
        var perShape = new Dictionary<string, int>(StringComparer.Ordinal);
        var pages = 0;
        var skipped = 0;

        var start = new Uri(origin, startPath);
        seen.Add(start.AbsoluteUri);
        queue.Enqueue((start, "(start)"));

        var beyondBudget = 0;
        while (queue.Count > 0)
        {
            var (url, linkedFrom) = queue.Dequeue();
            var required = mustReach?.Contains(url.AbsolutePath) == true && !VisitedPaths.Contains(url.AbsolutePath);
            if (pages >= MaxPages && !required)
            {
                beyondBudget++;
                continue;
            }

            var shape = UrlShape.Of(url);
            var countForShape = perShape.GetValueOrDefault(shape);
            if (countForShape >= MaxPerShape && !required)
            {
                skipped++;
                continue;
            }

            perShape[shape] = countForShape + 1;
            pages++;
            VisitedPaths.Add(url.AbsolutePath);

            using var response = await session.FetchAsync(url);
            var status = (int)response.StatusCode;
            var where = $"{url.PathAndQuery} (linked from {linkedFrom})";
            if (status is >= 300 and < 400)
            {
                if (response.Headers.Location is { } location)
                {
                    Enqueue(new Uri(url, location), url.PathAndQuery);
                }

                continue;
            }

            if (status >= 400)
            {
                // 5xx is a crash; 404 a broken link; any other error status means the app links to a page
                // this user cannot use.
                Problems.Add($"{where}: HTTP {status}");
                continue;
            }

            var mediaType = response.Content.Headers.ContentType?.MediaType;
            if (mediaType != "text/html")
            {
                output.WriteLine($"{url.PathAndQuery}: {status} {mediaType} (status checked only)");
                continue;
            }

            var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            await session.GotoAsync(url.PathAndQuery);
            var pageProblems = await session.FindPageProblemsAsync(html);
            Problems.AddRange(pageProblems.Select(p => $"{url.PathAndQuery}: {p}"));
            output.WriteLine($"{url.PathAndQuery}: {status}, {pageProblems.Count} problem(s)");

            if (countForShape == 0)
            {
                await session.ScreenshotAsync($"{screenshotPrefix}-{(url.AbsolutePath == "/" ? "start" : url.AbsolutePath)}");
            }

            var links = await session.Page.EvalOnSelectorAllAsync<string[]>("a[href]", "links => links.map(a => a.href)");
            foreach (var link in links)
            {
                if (Uri.TryCreate(link, UriKind.Absolute, out var target))
                {
                    Enqueue(target, url.PathAndQuery);
                }
            }
        }

        output.WriteLine($"Crawl from {startPath}: {pages} URL(s) requested, {perShape.Count} shape(s), {skipped} skipped as repeats of a shape, {beyondBudget} not visited beyond the budget.");

        void Enqueue(Uri target, string from)
        {
            // Same origin only; mailto:, tel: and other hosts are not ours to check.
            if (target.Scheme != origin.Scheme || target.Host != origin.Host || target.Port != origin.Port)
            {
                return;
            }

            var withoutFragment = new UriBuilder(target) { Fragment = "" }.Uri;
            if (seen.Add(withoutFragment.AbsoluteUri))
            {
                queue.Enqueue((withoutFragment, from));
            }
        }
    }
}
