using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Quartiersnetz.Data;
using Quartiersnetz.Features.News;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.IntegrationTests.ProgrammeAreas;
using Quartiersnetz.IntegrationTests.Search;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Time;
using SkiaSharp;

namespace Quartiersnetz.IntegrationTests.News;

/// <summary>The app with a clock the test moves and its files in a folder of its own.</summary>
public sealed class NewsFactory : QuartiersnetzFactory
{
    public NewsFactory()
    {
        FilesFolder = Path.Combine(Path.GetTempPath(), "qn-test-files", Guid.NewGuid().ToString("N"));
        WithSetting("Files:Path", FilesFolder);
        WithServices(services => ReplaceSingleton<TimeProvider>(services, Clock));
    }

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public string FilesFolder { get; }

    public int StoredImages() => Directory.Exists(Path.Combine(FilesFolder, "news")) ? Directory.GetFiles(Path.Combine(FilesFolder, "news")).Length : 0;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(FilesFolder))
        {
            Directory.Delete(FilesFolder, recursive: true);
        }
    }
}

/// <summary>
/// News (Aktuelles): the office writes, schedules and deletes articles; readers see only what they may and only from the
/// publication time — on the pages, the home page, the API, the feeds, the sitemap and the search. Bad input gets German
/// messages and stores nothing.
/// </summary>
public sealed class NewsTests(NewsFactory factory) : IClassFixture<NewsFactory>
{
    private const string CreatePage = "/geschaeftsstelle/aktuelles/neu";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Unique(string title) => title + " " + Guid.NewGuid().ToString("N")[..6];

    private static string Local(DateTime utc) => BerlinTime.ToBerlin(utc).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    private DateTime Now => factory.Clock.GetUtcNow().UtcDateTime;

    private static Dictionary<string, string> Fields(string title, string visibility = "Public", bool publishNow = true, string? publishAt = null, string body = "Ein **Text**.") => new()
    {
        ["Input.Title"] = title,
        ["Input.Teaser"] = "Kurz gesagt: " + title,
        ["Input.Body"] = body,
        ["Input.Visibility"] = visibility,
        ["Input.PublishNow"] = publishNow ? "true" : "false",
        ["Input.PublishAt"] = publishAt ?? "",
    };

    private async Task<NewsArticle?> ArticleAsync(string title)
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        return await db.Set<NewsArticle>().AsNoTracking().SingleOrDefaultAsync(a => a.Title == title, Ct);
    }

    private async Task<NewsArticle> CreateAsync(HttpClient office, Dictionary<string, string> fields)
    {
        using var response = await office.SubmitFormAsync(CreatePage, fields, "#news-form");
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.ErrorSummaryAsync());
        return (await ArticleAsync(fields["Input.Title"]))!;
    }

    private static byte[] Png(int width = 40, int height = 30)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(SKColors.CornflowerBlue);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    [Fact]
    public async Task A_scheduled_article_appears_for_readers_only_at_its_time()
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var anonymous = factory.CreateBrowserLikeClient();
        var title = Unique("Neue Förderrichtlinie");
        var article = await CreateAsync(office, Fields(title, publishNow: false, publishAt: Local(Now.AddHours(2))));
        Assert.False(article.Announced);
        Assert.Equal("neue-foerderrichtlinie-", article.Slug[..23]);

        await anonymous.GetDocumentAsync("/aktuelles/" + article.Slug, HttpStatusCode.NotFound);
        Assert.DoesNotContain(title, (await anonymous.GetDocumentAsync("/")).Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(title, (await anonymous.GetDocumentAsync("/aktuelles")).Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(new Uri("/api/v1/news/" + article.Slug, UriKind.Relative), Ct)).StatusCode);
        var pending = await office.GetDocumentAsync("/aktuelles/" + article.Slug);
        Assert.NotNull(pending.QuerySelector("#news-pending"));
        Assert.Contains(title, (await office.GetDocumentAsync("/geschaeftsstelle/aktuelles")).QuerySelector("#office-news")!.TextContent, StringComparison.Ordinal);
        await SearchFixture.WaitForIndexAsync(factory);
        Assert.DoesNotContain(title, SearchFixture.Titles(await SearchFixture.SearchAsync(anonymous, "q=" + Uri.EscapeDataString("Förderrichtlinie"))));
        Assert.Contains(title, SearchFixture.Titles(await SearchFixture.SearchAsync(office, "q=" + Uri.EscapeDataString("Förderrichtlinie"))));

        factory.Clock.Advance(TimeSpan.FromHours(2));
        await factory.Services.GetRequiredService<NewsPublicationJob>().PublishDueAsync(Ct);
        await SearchFixture.WaitForIndexAsync(factory);

        Assert.Contains(title, (await anonymous.GetDocumentAsync("/")).QuerySelector("#home-news")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(title, (await anonymous.GetDocumentAsync("/aktuelles")).QuerySelector("#news")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(title, (await anonymous.GetDocumentAsync("/aktuelles/" + article.Slug)).QuerySelector("h1")!.TextContent);
        Assert.Contains(title, SearchFixture.Titles(await SearchFixture.SearchAsync(anonymous, "q=" + Uri.EscapeDataString("Förderrichtlinie"))));
        Assert.True((await ArticleAsync(title))!.Announced);
    }

    [Fact]
    public async Task A_members_article_never_reaches_anonymous_callers()
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var member = await factory.CreateClientSignedInAsync(Roles.MemberStaff);
        var anonymous = factory.CreateBrowserLikeClient();
        var title = Unique("Interne Mitgliederinfo Zaunkönig");
        // The fake clock stands still: articles other tests published "now" would share the publication time, and the
        // home page's three newest among equals are decided by id. A minute later this one is the newest.
        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        var article = await CreateAsync(office, Fields(title, visibility: "Members"));
        await SearchFixture.WaitForIndexAsync(factory);

        await anonymous.GetDocumentAsync("/aktuelles/" + article.Slug, HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(new Uri($"/aktuelles/{article.Slug}/bild", UriKind.Relative), Ct)).StatusCode);
        Assert.Equal(title, (await member.GetDocumentAsync("/aktuelles/" + article.Slug)).QuerySelector("h1")!.TextContent);
        Assert.Contains(title, (await member.GetDocumentAsync("/")).QuerySelector("#home-news")!.TextContent, StringComparison.Ordinal);

        foreach (var url in new[] { "/", "/aktuelles", "/aktuelles/feed.rss", "/aktuelles/feed.atom", "/api/v1/news", "/sitemap-1.xml", "/api/v1/search?q=Zaunk%C3%B6nig" })
        {
            var text = await anonymous.GetStringAsync(new Uri(url, UriKind.Relative), Ct);
            Assert.DoesNotContain("Zaunk", text, StringComparison.Ordinal);
            Assert.DoesNotContain(article.Slug, text, StringComparison.Ordinal);
        }

        // A member asking the feed still gets the public feed only.
        Assert.DoesNotContain(article.Slug, await member.GetStringAsync(new Uri("/aktuelles/feed.rss", UriKind.Relative), Ct), StringComparison.Ordinal);
        var api = JsonDocument.Parse(await member.GetStringAsync(new Uri("/api/v1/news/" + article.Slug, UriKind.Relative), Ct));
        Assert.Equal("Members", api.RootElement.GetProperty("visibility").GetString());
    }

    [Fact]
    public async Task Script_tags_and_javascript_links_are_rendered_harmless()
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var title = Unique("Sicher gerendert");
        var article = await CreateAsync(office, Fields(title, body: "Hallo <script>alert('x')</script> und [Klick](javascript:alert(1)) und [gut](https://example.org)."));
        var page = await factory.CreateBrowserLikeClient().GetDocumentAsync("/aktuelles/" + article.Slug);
        var body = page.QuerySelector("#news-body")!;
        Assert.Empty(body.QuerySelectorAll("script"));
        Assert.DoesNotContain("javascript:", body.InnerHtml, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("https://example.org", body.QuerySelector("a[href^='https']")!.GetAttribute("href"));
        Assert.Contains("alert('x')", body.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scheduling_in_the_past_is_refused_unless_publishing_now()
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var title = Unique("Vergangenheit");
        using var refused = await office.SubmitFormAsync(CreatePage, Fields(title, publishNow: false, publishAt: Local(Now.AddHours(-3))), "#news-form");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Der Zeitpunkt liegt in der Vergangenheit", await refused.ErrorSummaryAsync(), StringComparison.Ordinal);
        Assert.Null(await ArticleAsync(title));

        var published = await CreateAsync(office, Fields(title, publishNow: true, publishAt: Local(Now.AddHours(-3))));
        Assert.True(published.IsPublishedAt(Now));
        Assert.True(published.Announced);
    }

    [Fact]
    public async Task A_slug_clash_gets_a_german_message_and_stores_nothing()
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var slug = "klartext-" + Guid.NewGuid().ToString("N")[..6];
        var first = Fields(Unique("Erste"));
        first["Input.Slug"] = slug;
        await CreateAsync(office, first);
        var second = Fields(Unique("Zweite"));
        second["Input.Slug"] = slug;
        using var response = await office.SubmitFormAsync(CreatePage, second, "#news-form");
        Assert.Contains($"Die Adresse „{slug}“ hat schon eine andere Meldung", await response.ErrorSummaryAsync(), StringComparison.Ordinal);
        Assert.Null(await ArticleAsync(second["Input.Title"]));
    }

    [Fact]
    public async Task Images_are_checked_by_content_size_and_alt_text_and_nothing_is_stored_on_refusal()
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var before = factory.StoredImages();

        async Task<HttpResponseMessage> Post(string title, byte[] bytes, string fileName, string alt) =>
            await office.PostMultipartAsync(CreatePage, "#news-form", [.. Fields(title).Append(new("Input.ImageAltText", alt))], "Input.Image", bytes, fileName, "image/png");

        var notImage = Unique("Kein Bild");
        using (var response = await Post(notImage, Encoding.ASCII.GetBytes("%PDF-1.7 nicht ein Bild"), "bild.png", "Ein Bild"))
        {
            Assert.Contains("kein Bild im Format JPEG, PNG oder WebP", await response.ErrorSummaryAsync(), StringComparison.Ordinal);
        }

        var tooLarge = Unique("Zu groß");
        var huge = new byte[NewsImage.MaxFileBytes + 1];
        Png().CopyTo(huge, 0);
        using (var response = await Post(tooLarge, huge, "gross.png", "Ein Bild"))
        {
            Assert.Contains("Das Bild ist zu groß", await response.ErrorSummaryAsync(), StringComparison.Ordinal);
        }

        var noAlt = Unique("Ohne Alternativtext");
        using (var response = await Post(noAlt, Png(), "bild.png", ""))
        {
            Assert.Contains("Alternativtext", await response.ErrorSummaryAsync(), StringComparison.Ordinal);
        }

        foreach (var title in new[] { notImage, tooLarge, noAlt })
        {
            Assert.Null(await ArticleAsync(title));
        }

        Assert.Equal(before, factory.StoredImages());

        var withImage = Unique("Mit Bild");
        using (var response = await office.PostMultipartAsync(CreatePage, "#news-form",
            [.. Fields(withImage).Append(new("Input.ImageAltText", "Blaue Fläche")).Append(new("Input.ImageCredit", "Foto: Test"))], "Input.Image", Png(), "bild.png", "image/png"))
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        var article = (await ArticleAsync(withImage))!;
        Assert.Equal(before + 1, factory.StoredImages());
        var page = await factory.CreateBrowserLikeClient().GetDocumentAsync("/aktuelles/" + article.Slug);
        Assert.Equal("Blaue Fläche", page.QuerySelector(".news-figure img")!.GetAttribute("alt"));
        Assert.Contains("Foto: Test", page.QuerySelector("figcaption")!.TextContent, StringComparison.Ordinal);
        using var image = await factory.CreateBrowserLikeClient().GetAsync(new Uri($"/aktuelles/{article.Slug}/bild", UriKind.Relative), Ct);
        Assert.Equal("image/jpeg", image.Content.Headers.ContentType!.MediaType);

        // Deleting removes the row and the file.
        using (var deleted = await office.SubmitFormAsync($"/geschaeftsstelle/aktuelles/{article.Id}", new Dictionary<string, string>(), "#delete-form"))
        {
            Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        }

        Assert.Null(await ArticleAsync(withImage));
        Assert.Equal(before, factory.StoredImages());
    }

    [Fact]
    public async Task The_article_page_has_canonical_address_open_graph_and_valid_json_ld()
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var title = Unique("Quartier </script> im Wandel");
        var article = await CreateAsync(office, Fields(title));
        var page = await factory.CreateBrowserLikeClient().GetDocumentAsync("/aktuelles/" + article.Slug);
        Assert.EndsWith("/aktuelles/" + article.Slug, page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"), StringComparison.Ordinal);
        Assert.Equal(title, page.QuerySelector("meta[property='og:title']")!.GetAttribute("content"));
        Assert.Equal("article", page.QuerySelector("meta[property='og:type']")!.GetAttribute("content"));
        var json = JsonDocument.Parse(page.QuerySelector("#news-json-ld")!.TextContent).RootElement;
        Assert.Equal("NewsArticle", json.GetProperty("@type").GetString());
        Assert.Equal(title, json.GetProperty("headline").GetString());
        Assert.True(json.TryGetProperty("datePublished", out _));
    }

    [Fact]
    public async Task Feeds_sitemap_and_robots_parse_and_list_public_items()
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var title = Unique("Feedmeldung");
        var article = await CreateAsync(office, Fields(title));
        await SearchFixture.WaitForIndexAsync(factory);
        var anonymous = factory.CreateBrowserLikeClient();

        var rss = XDocument.Parse(await anonymous.GetStringAsync(new Uri("/aktuelles/feed.rss", UriKind.Relative), Ct));
        Assert.Contains(rss.Descendants("item"), i => i.Element("title")!.Value == title && i.Element("link")!.Value.EndsWith("/aktuelles/" + article.Slug, StringComparison.Ordinal));
        XNamespace atom = "http://www.w3.org/2005/Atom";
        var feed = XDocument.Parse(await anonymous.GetStringAsync(new Uri("/aktuelles/feed.atom", UriKind.Relative), Ct));
        Assert.Contains(feed.Root!.Elements(atom + "entry"), e => e.Element(atom + "title")!.Value == title);
        Assert.NotNull(XDocument.Parse(await anonymous.GetStringAsync(new Uri("/veranstaltungen/feed.rss", UriKind.Relative), Ct)).Root!.Element("channel"));
        Assert.Equal(atom + "feed", XDocument.Parse(await anonymous.GetStringAsync(new Uri("/veranstaltungen/feed.atom", UriKind.Relative), Ct)).Root!.Name);

        XNamespace sm = "http://www.sitemaps.org/schemas/sitemap/0.9";
        var index = XDocument.Parse(await anonymous.GetStringAsync(new Uri("/sitemap.xml", UriKind.Relative), Ct));
        var pages = index.Root!.Elements(sm + "sitemap").Select(s => new Uri(s.Element(sm + "loc")!.Value).AbsolutePath).ToList();
        Assert.Equal("/sitemap-1.xml", pages[0]);
        var urls = XDocument.Parse(await anonymous.GetStringAsync(new Uri(pages[0], UriKind.Relative), Ct)).Root!.Elements(sm + "url")
            .Select(u => new Uri(u.Element(sm + "loc")!.Value).AbsolutePath).ToList();
        Assert.Contains("/", urls);
        Assert.Contains("/aktuelles/" + article.Slug, urls);
        Assert.Contains("/gemeinden/05315000", urls);
        Assert.Equal(urls.Count, urls.Distinct().Count());

        var organisation = JsonDocument.Parse((await anonymous.GetDocumentAsync("/")).QuerySelector("#organization-json-ld")!.TextContent).RootElement;
        Assert.Equal("Organization", organisation.GetProperty("@type").GetString());

        var robots = await anonymous.GetStringAsync(new Uri("/robots.txt", UriKind.Relative), Ct);
        Assert.Contains("Disallow: /geschaeftsstelle", robots, StringComparison.Ordinal);
        Assert.Contains("Sitemap: http", robots, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_lists_published_articles_and_answers_problem_details_for_bad_paging()
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var title = Unique("API Meldung");
        var article = await CreateAsync(office, Fields(title));
        var anonymous = factory.CreateBrowserLikeClient();
        var list = JsonDocument.Parse(await anonymous.GetStringAsync(new Uri("/api/v1/news?pageSize=100", UriKind.Relative), Ct)).RootElement;
        Assert.Contains(list.GetProperty("items").EnumerateArray(), i => i.GetProperty("slug").GetString() == article.Slug);
        var one = JsonDocument.Parse(await anonymous.GetStringAsync(new Uri("/api/v1/news/" + article.Slug, UriKind.Relative), Ct)).RootElement;
        Assert.Equal(title, one.GetProperty("title").GetString());
        var paths = JsonDocument.Parse(await anonymous.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), Ct)).RootElement.GetProperty("paths");
        Assert.Equal("Meldungen auflisten", paths.GetProperty("/api/v1/news").GetProperty("get").GetProperty("summary").GetString());
        Assert.True(paths.TryGetProperty("/api/v1/news/{slug}", out _));
        using var bad = await anonymous.GetAsync(new Uri("/api/v1/news?pageSize=0", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType!.MediaType);
    }
}
