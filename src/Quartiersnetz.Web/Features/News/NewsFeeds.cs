using System.Globalization;
using System.Text;
using System.Xml;
using Microsoft.AspNetCore.Authorization;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Events;
using Quartiersnetz.Platform.Caching;
using Quartiersnetz.Platform.Files;
using Quartiersnetz.Platform.Http;
using Quartiersnetz.Platform.Paging;
using Quartiersnetz.Platform.Time;

namespace Quartiersnetz.Features.News;

/// <summary>One entry of a feed, whatever it comes from.</summary>
internal sealed record FeedEntry(string Title, string Path, string Summary, DateTime PublishedUtc, DateTime UpdatedUtc);

/// <summary>
/// RSS 2.0 and Atom feeds of the public news and the public upcoming events, and the article image. Feeds are public only:
/// members' articles and events never appear in them, whoever asks (feed readers share and cache what they fetch).
/// Written with XmlWriter; System.ServiceModel.Syndication would add a package for two small documents.
/// </summary>
internal static class NewsFeeds
{
    public const int MaxEntries = 50;

    public static IEndpointRouteBuilder MapNewsFeeds(this IEndpointRouteBuilder app)
    {
        app.MapGet("/aktuelles/feed.rss", (HttpContext http, QuartiersnetzDbContext db, TimeProvider clock, PublicUrls urls, CancellationToken ct) =>
                NewsFeedAsync(db, clock, urls, rss: true, ct))
            .AllowAnonymous().CacheOutput(PublicPageCache.PolicyName).ExcludeFromDescription();
        app.MapGet("/aktuelles/feed.atom", (HttpContext http, QuartiersnetzDbContext db, TimeProvider clock, PublicUrls urls, CancellationToken ct) =>
                NewsFeedAsync(db, clock, urls, rss: false, ct))
            .AllowAnonymous().CacheOutput(PublicPageCache.PolicyName).ExcludeFromDescription();
        app.MapGet("/veranstaltungen/feed.rss", (QuartiersnetzDbContext db, TimeProvider clock, PublicUrls urls, CancellationToken ct) =>
                EventFeedAsync(db, clock, urls, rss: true, ct))
            .AllowAnonymous().CacheOutput(PublicPageCache.PolicyName).ExcludeFromDescription();
        app.MapGet("/veranstaltungen/feed.atom", (QuartiersnetzDbContext db, TimeProvider clock, PublicUrls urls, CancellationToken ct) =>
                EventFeedAsync(db, clock, urls, rss: false, ct))
            .AllowAnonymous().CacheOutput(PublicPageCache.PolicyName).ExcludeFromDescription();

        // The image follows its article: a hidden article's image answers 404 like a missing one.
        app.MapGet("/aktuelles/{slug}/bild", async (
                string slug, HttpContext http, QuartiersnetzDbContext db, IFileStorage files, IAuthorizationService authorization, TimeProvider clock,
                CancellationToken cancellationToken) =>
            {
                var viewer = await NewsViewer.FromAsync(authorization, http.User);
                var now = clock.GetUtcNow().UtcDateTime;
                var query = db.Set<NewsArticle>().AsNoTracking().Where(a => a.Slug == slug);
                if (!viewer.IsOffice)
                {
                    query = query.Where(ListNews.PublishedFor(viewer, now));
                }

                var article = await query.Select(a => new { a.ImageKey }).SingleOrDefaultAsync(cancellationToken);
                if (article?.ImageKey is null || await files.OpenReadAsync(article.ImageKey, cancellationToken) is not { } stream)
                {
                    return Results.NotFound();
                }

                // Private: whether a viewer may see it depends on who they are, so no shared cache may keep it.
                http.Response.Headers.CacheControl = "private";
                return Results.File(stream, "image/jpeg");
            })
            .AllowAnonymous()
            .ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> NewsFeedAsync(QuartiersnetzDbContext db, TimeProvider clock, PublicUrls urls, bool rss, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var articles = await ListNews.LatestAsync(db, NewsViewer.Anonymous, now, MaxEntries, cancellationToken);
        var entries = articles.Select(a => new FeedEntry(a.Title, a.Url, a.Teaser, a.PublishAtUtc!.Value, a.UpdatedAtUtc < a.PublishAtUtc ? a.PublishAtUtc.Value : a.UpdatedAtUtc)).ToList();
        var feed = new FeedInfo("Aktuelles – AG Soziale Stadt NRW", "Meldungen des Netzwerks AG Soziale Stadt NRW", "/aktuelles", rss ? "/aktuelles/feed.rss" : "/aktuelles/feed.atom");
        return Write(feed, entries, urls, now, rss);
    }

    private static async Task<IResult> EventFeedAsync(QuartiersnetzDbContext db, TimeProvider clock, PublicUrls urls, bool rss, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var anonymous = new EventViewer(null, false, false);
        var events = await ListEvents.HandleAsync(db, anonymous, new EventFilter(), now, new PageRequest(1, MaxEntries), cancellationToken);
        var entries = events.Items.Select(e => new FeedEntry(
            e.Title, $"/veranstaltungen/{e.Id}",
            $"{EventLabels.Label(e.Type)}, {BerlinTime.FormatDateTime(e.StartUtc)}{(e.VenueName is null ? "" : ", " + e.VenueName)}{(e.Status == EventStatus.Cancelled ? " – abgesagt" : "")}",
            e.StartUtc, e.StartUtc)).ToList();
        var feed = new FeedInfo("Veranstaltungen – AG Soziale Stadt NRW", "Kommende öffentliche Veranstaltungen des Netzwerks AG Soziale Stadt NRW", "/veranstaltungen",
            rss ? "/veranstaltungen/feed.rss" : "/veranstaltungen/feed.atom");
        return Write(feed, entries, urls, now, rss);
    }

    internal sealed record FeedInfo(string Title, string Description, string PagePath, string SelfPath);

    internal static IResult Write(FeedInfo feed, IReadOnlyList<FeedEntry> entries, PublicUrls urls, DateTime nowUtc, bool rss)
    {
        var buffer = new MemoryStream();
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, Async = false };
        using (var xml = XmlWriter.Create(buffer, settings))
        {
            if (rss)
            {
                WriteRss(xml, feed, entries, urls, nowUtc);
            }
            else
            {
                WriteAtom(xml, feed, entries, urls, nowUtc);
            }
        }

        return Results.Bytes(buffer.ToArray(), rss ? "application/rss+xml; charset=utf-8" : "application/atom+xml; charset=utf-8");
    }

    private static void WriteRss(XmlWriter xml, FeedInfo feed, IReadOnlyList<FeedEntry> entries, PublicUrls urls, DateTime nowUtc)
    {
        const string atom = "http://www.w3.org/2005/Atom";
        xml.WriteStartDocument();
        xml.WriteStartElement("rss");
        xml.WriteAttributeString("version", "2.0");
        xml.WriteAttributeString("xmlns", "atom", null, atom);
        xml.WriteStartElement("channel");
        xml.WriteElementString("title", feed.Title);
        xml.WriteElementString("link", urls.Absolute(feed.PagePath));
        xml.WriteElementString("description", feed.Description);
        xml.WriteElementString("language", "de-de");
        xml.WriteElementString("lastBuildDate", Rfc822(entries.Count > 0 ? entries.Max(e => e.UpdatedUtc) : nowUtc));
        xml.WriteStartElement("atom", "link", atom);
        xml.WriteAttributeString("href", urls.Absolute(feed.SelfPath));
        xml.WriteAttributeString("rel", "self");
        xml.WriteAttributeString("type", "application/rss+xml");
        xml.WriteEndElement();
        foreach (var entry in entries)
        {
            var link = urls.Absolute(entry.Path);
            xml.WriteStartElement("item");
            xml.WriteElementString("title", entry.Title);
            xml.WriteElementString("link", link);
            xml.WriteStartElement("guid");
            xml.WriteAttributeString("isPermaLink", "true");
            xml.WriteString(link);
            xml.WriteEndElement();
            xml.WriteElementString("pubDate", Rfc822(entry.PublishedUtc));
            xml.WriteElementString("description", entry.Summary);
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    private static void WriteAtom(XmlWriter xml, FeedInfo feed, IReadOnlyList<FeedEntry> entries, PublicUrls urls, DateTime nowUtc)
    {
        const string ns = "http://www.w3.org/2005/Atom";
        xml.WriteStartDocument();
        xml.WriteStartElement("feed", ns);
        xml.WriteAttributeString("xml", "lang", null, "de");
        xml.WriteElementString("id", ns, urls.Absolute(feed.SelfPath));
        xml.WriteElementString("title", ns, feed.Title);
        xml.WriteElementString("subtitle", ns, feed.Description);
        xml.WriteElementString("updated", ns, Rfc3339(entries.Count > 0 ? entries.Max(e => e.UpdatedUtc) : nowUtc));
        Link(urls.Absolute(feed.SelfPath), "self", "application/atom+xml");
        Link(urls.Absolute(feed.PagePath), "alternate", "text/html");
        xml.WriteStartElement("author", ns);
        xml.WriteElementString("name", ns, "AG Soziale Stadt NRW");
        xml.WriteEndElement();
        foreach (var entry in entries)
        {
            var link = urls.Absolute(entry.Path);
            xml.WriteStartElement("entry", ns);
            xml.WriteElementString("id", ns, link);
            xml.WriteElementString("title", ns, entry.Title);
            xml.WriteElementString("published", ns, Rfc3339(entry.PublishedUtc));
            xml.WriteElementString("updated", ns, Rfc3339(entry.UpdatedUtc));
            Link(link, "alternate", "text/html");
            xml.WriteStartElement("summary", ns);
            xml.WriteAttributeString("type", "text");
            xml.WriteString(entry.Summary);
            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        xml.WriteEndDocument();

        void Link(string href, string rel, string type)
        {
            xml.WriteStartElement("link", ns);
            xml.WriteAttributeString("href", href);
            xml.WriteAttributeString("rel", rel);
            xml.WriteAttributeString("type", type);
            xml.WriteEndElement();
        }
    }

    private static string Rfc822(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("r", CultureInfo.InvariantCulture);

    private static string Rfc3339(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
