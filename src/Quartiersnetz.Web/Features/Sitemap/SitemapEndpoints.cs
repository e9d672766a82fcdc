using System.Globalization;
using System.Text;
using System.Xml;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Caching;
using Quartiersnetz.Platform.Http;
using Quartiersnetz.Platform.Search;

namespace Quartiersnetz.Features.Sitemap;

/// <summary>
/// robots.txt and sitemap.xml. The sitemap lists the fixed public pages and every item page the public may open. It takes
/// the items from the search index's documents for the public audience: each feature's search source already applies
/// that feature's visibility rule (a person only when listed and their name public, members' events and articles never,
/// scheduled articles only once published), so the sitemap cannot drift from what the pages show. The index follows saved
/// changes within seconds. sitemap.xml is an index of pages of at most 50,000 addresses (the protocol's limit).
/// </summary>
internal static class SitemapEndpoints
{
    public const int UrlsPerPage = 50_000;

    /// <summary>Kinds of search documents whose pages belong in the sitemap.</summary>
    private static readonly string[] Kinds = ["municipality", "area", "organisation", "topic", "person", "event", "news", "page", "publication", "project", "study"];

    private static readonly string[] FixedPaths =
        ["/", "/aktuelles", "/veranstaltungen", "/bibliothek", "/studien", "/praxisprojekte", "/gemeinden", "/programmgebiete", "/organisationen", "/themen", "/karte", "/datenquellen", "/impressum", "/datenschutz", "/barrierefreiheit", "/newsletter", "/newsletter/archiv"];

    public static IEndpointRouteBuilder MapSitemap(this IEndpointRouteBuilder app)
    {
        app.MapGet("/robots.txt", (PublicUrls urls) => Results.Text(
                "User-agent: *\n"
                + "Disallow: /geschaeftsstelle\n"
                + "Disallow: /konto\n"
                + "Disallow: /anmelden\n"
                + "Disallow: /einladung\n"
                + "Disallow: /einladungen\n"
                + "Disallow: /meine-kommune\n"
                + "Disallow: /meine-veranstaltungen\n"
                + "Disallow: /kalender/\n"
                + "Disallow: /api/\n"
                + "Disallow: /suche\n"
                + $"Sitemap: {urls.Absolute("/sitemap.xml")}\n",
                "text/plain; charset=utf-8"))
            .AllowAnonymous().CacheOutput(PublicPageCache.PolicyName).ExcludeFromDescription();

        app.MapGet("/sitemap.xml", async (QuartiersnetzDbContext db, PublicUrls urls, CancellationToken cancellationToken) =>
            {
                var count = FixedPaths.Length + await PublicItems(db).CountAsync(cancellationToken);
                var pages = Math.Max(1, (count + UrlsPerPage - 1) / UrlsPerPage);
                return Xml(xml =>
                {
                    xml.WriteStartElement("sitemapindex", Namespace);
                    for (var page = 1; page <= pages; page++)
                    {
                        xml.WriteStartElement("sitemap", Namespace);
                        xml.WriteElementString("loc", Namespace, urls.Absolute($"/sitemap-{page.ToString(CultureInfo.InvariantCulture)}.xml"));
                        xml.WriteEndElement();
                    }

                    xml.WriteEndElement();
                });
            })
            .AllowAnonymous().CacheOutput(PublicPageCache.PolicyName).ExcludeFromDescription();

        app.MapGet("/sitemap-{page:int:min(1)}.xml", async (int page, QuartiersnetzDbContext db, PublicUrls urls, CancellationToken cancellationToken) =>
            {
                // The fixed pages open page 1; the items follow in a stable order (document id).
                var skip = ((page - 1) * UrlsPerPage) - FixedPaths.Length;
                var fixedPaths = page == 1 ? FixedPaths : [];
                var items = await PublicItems(db).OrderBy(d => d.Id)
                    .Skip(Math.Max(0, skip)).Take(UrlsPerPage - fixedPaths.Length)
                    .Select(d => new { d.Url, d.IndexedAtUtc })
                    .ToListAsync(cancellationToken);
                if (page > 1 && items.Count == 0)
                {
                    return Results.NotFound();
                }

                return Xml(xml =>
                {
                    xml.WriteStartElement("urlset", Namespace);
                    foreach (var path in fixedPaths)
                    {
                        Url(xml, urls.Absolute(path), null);
                    }

                    foreach (var item in items)
                    {
                        Url(xml, urls.Absolute(item.Url), item.IndexedAtUtc);
                    }

                    xml.WriteEndElement();
                });
            })
            .AllowAnonymous().CacheOutput(PublicPageCache.PolicyName).ExcludeFromDescription();
        return app;
    }

    private const string Namespace = "http://www.sitemaps.org/schemas/sitemap/0.9";

    private static IQueryable<SearchDocument> PublicItems(QuartiersnetzDbContext db) =>
        db.Set<SearchDocument>().AsNoTracking().Where(d => d.MinAudience == SearchAudience.Public && Kinds.Contains(d.Kind));

    private static void Url(XmlWriter xml, string location, DateTime? modifiedUtc)
    {
        xml.WriteStartElement("url", Namespace);
        xml.WriteElementString("loc", Namespace, location);
        if (modifiedUtc is { } modified)
        {
            xml.WriteElementString("lastmod", Namespace, modified.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        xml.WriteEndElement();
    }

    private static IResult Xml(Action<XmlWriter> write)
    {
        var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false }))
        {
            xml.WriteStartDocument();
            write(xml);
            xml.WriteEndDocument();
        }

        return Results.Bytes(buffer.ToArray(), "application/xml; charset=utf-8");
    }
}
