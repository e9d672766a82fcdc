using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.AspNetCore.Authorization;
using Quartiersnetz.Data;
using Quartiersnetz.Features.News;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Caching;
using Quartiersnetz.Platform.Http;
using Quartiersnetz.Platform.Search;

namespace Quartiersnetz.Features.Library;

/// <summary>
/// A publication's metadata for catalogues and repositories: Dublin Core (oai_dc XML) and DataCite-compatible JSON
/// (the attribute names of the DataCite REST API's "attributes" object). Same visibility as the page: hidden is 404.
/// </summary>
internal static class PublicationMetadata
{
    private static readonly XNamespace OaiDc = "http://www.openarchives.org/OAI/2.0/oai_dc/";
    private static readonly XNamespace Dc = "http://purl.org/dc/elements/1.1/";

    public static void MapPublicationMetadata(this IEndpointRouteBuilder app)
    {
        app.MapGet("/bibliothek/{slug}/dublin-core.xml", async (string slug, HttpContext http, QuartiersnetzDbContext db, IAuthorizationService authorization, PublicUrls urls, CancellationToken ct) =>
                await FindAsync(http, db, authorization, slug, ct) is { } p
                    ? Results.Text(DublinCore(p, urls.Absolute(p.Url)).ToString(), "application/xml; charset=utf-8")
                    : Results.NotFound())
            .AllowAnonymous().CacheOutput(PublicPageCache.PolicyName).ExcludeFromDescription();
        app.MapGet("/bibliothek/{slug}/datacite.json", async (string slug, HttpContext http, QuartiersnetzDbContext db, IAuthorizationService authorization, PublicUrls urls, CancellationToken ct) =>
                await FindAsync(http, db, authorization, slug, ct) is { } p
                    ? Results.Text(JsonSerializer.Serialize(DataCite(p, urls.Absolute(p.Url))), "application/json; charset=utf-8")
                    : Results.NotFound())
            .AllowAnonymous().CacheOutput(PublicPageCache.PolicyName).ExcludeFromDescription();

        // Feeds are public only, whoever asks: feed readers share and cache what they fetch.
        app.MapGet("/bibliothek/feed.rss", (QuartiersnetzDbContext db, TimeProvider clock, PublicUrls urls, CancellationToken ct) => FeedAsync(db, clock, urls, rss: true, ct))
            .AllowAnonymous().CacheOutput(PublicPageCache.PolicyName).ExcludeFromDescription();
        app.MapGet("/bibliothek/feed.atom", (QuartiersnetzDbContext db, TimeProvider clock, PublicUrls urls, CancellationToken ct) => FeedAsync(db, clock, urls, rss: false, ct))
            .AllowAnonymous().CacheOutput(PublicPageCache.PolicyName).ExcludeFromDescription();
    }

    private static async Task<IResult> FeedAsync(QuartiersnetzDbContext db, TimeProvider clock, PublicUrls urls, bool rss, CancellationToken cancellationToken)
    {
        var latest = await ListPublications.LatestAsync(db, SearchAudience.Public, NewsFeeds.MaxEntries, cancellationToken);
        var entries = latest.Select(p => new FeedEntry(
            p.Title, p.Url,
            $"{PublicationLabels.Label(p.Type)}, {p.Year.ToString(CultureInfo.InvariantCulture)}{(p.Contributors.Count > 0 ? " – " + string.Join("; ", p.Contributors.Take(3)) : "")}",
            p.PublishedAtUtc!.Value, p.PublishedAtUtc.Value)).ToList();
        var feed = new NewsFeeds.FeedInfo("Bibliothek – AG Soziale Stadt NRW", "Neue Veröffentlichungen des Netzwerks AG Soziale Stadt NRW", "/bibliothek",
            rss ? "/bibliothek/feed.rss" : "/bibliothek/feed.atom");
        return NewsFeeds.Write(feed, entries, urls, clock.GetUtcNow().UtcDateTime, rss);
    }

    private static async Task<PublicationDetails?> FindAsync(HttpContext http, QuartiersnetzDbContext db, IAuthorizationService authorization, string slug, CancellationToken ct) =>
        slug.Length > Publication.SlugMaxLength ? null : await ListPublications.DetailsAsync(db, await ViewerAudience.OfAsync(authorization, http.User), slug, ct);

    public static XDocument DublinCore(PublicationDetails p, string url)
    {
        var root = new XElement(OaiDc + "dc",
            new XAttribute(XNamespace.Xmlns + "oai_dc", OaiDc.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "dc", Dc.NamespaceName),
            new XElement(Dc + "title", string.IsNullOrEmpty(p.Subtitle) ? p.Title : $"{p.Title}. {p.Subtitle}"));
        root.Add(p.Authors.Select(a => new XElement(Dc + "creator", a)));
        root.Add(p.Editors.Select(e => new XElement(Dc + "contributor", e)));
        root.Add(p.Topics.Select(t => new XElement(Dc + "subject", t.Name)));
        root.Add(new XElement(Dc + "description", p.Abstract));
        // The places it is about: municipalities, then programme areas with their municipality.
        root.Add(Places(p).Select(place => new XElement(Dc + "coverage", place)));
        if (p.Publisher is not null)
        {
            root.Add(new XElement(Dc + "publisher", p.Publisher));
        }

        root.Add(new XElement(Dc + "date", p.PublishedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? p.Year.ToString(CultureInfo.InvariantCulture)));
        root.Add(new XElement(Dc + "type", PublicationLabels.DataCiteType(p.Type)));
        root.Add(p.Files.Select(f => f.Extension).Distinct().Select(e => new XElement(Dc + "format", Platform.Files.DocumentContent.All.First(k => k.Extension == e).ContentType)));
        root.Add(new XElement(Dc + "identifier", url));
        if (p.Doi is not null)
        {
            root.Add(new XElement(Dc + "identifier", "https://doi.org/" + p.Doi));
        }

        if (p.Isbn is not null)
        {
            root.Add(new XElement(Dc + "identifier", "ISBN " + p.Isbn));
        }

        if (p.Urn is not null)
        {
            root.Add(new XElement(Dc + "identifier", p.Urn));
        }

        root.Add(new XElement(Dc + "language", p.Language));
        if (p.Licence is not null)
        {
            root.Add(new XElement(Dc + "rights", p.Licence));
        }

        return new XDocument(new XDeclaration("1.0", "utf-8", null), root);
    }

    public static Dictionary<string, object?> DataCite(PublicationDetails p, string url)
    {
        static Dictionary<string, object?> Name(string name) => new() { ["name"] = name, ["nameType"] = "Organizational" };
        var creators = p.Contributors.Where(c => !c.IsEditor).ToList() is { Count: > 0 } authors ? authors : [.. p.Contributors.Where(c => c.IsEditor)];
        var identifiers = new List<Dictionary<string, object?>> { new() { ["identifier"] = url, ["identifierType"] = "URL" } };
        if (p.Isbn is not null)
        {
            identifiers.Add(new() { ["identifier"] = p.Isbn, ["identifierType"] = "ISBN" });
        }

        if (p.Urn is not null)
        {
            identifiers.Add(new() { ["identifier"] = p.Urn, ["identifierType"] = "URN" });
        }

        var titles = new List<Dictionary<string, object?>> { new() { ["title"] = p.Title, ["lang"] = p.Language } };
        if (!string.IsNullOrEmpty(p.Subtitle))
        {
            titles.Add(new() { ["title"] = p.Subtitle, ["titleType"] = "Subtitle", ["lang"] = p.Language });
        }

        return new Dictionary<string, object?>
        {
            ["doi"] = p.Doi,
            ["url"] = url,
            ["identifiers"] = identifiers,
            ["creators"] = creators.Select(c => Agent(c)).ToList(),
            ["contributors"] = p.Contributors.Where(c => c.IsEditor).Select(c => Agent(c, "Editor")).ToList(),
            ["titles"] = titles,
            ["publisher"] = p.Publisher is null ? Name("AG Soziale Stadt NRW") : new Dictionary<string, object?> { ["name"] = p.Publisher },
            ["publicationYear"] = p.Year,
            ["dates"] = p.PublishedOn is { } day ? new[] { new Dictionary<string, object?> { ["date"] = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["dateType"] = "Issued" } } : [],
            ["language"] = p.Language,
            ["types"] = new Dictionary<string, object?> { ["resourceTypeGeneral"] = PublicationLabels.DataCiteType(p.Type), ["resourceType"] = PublicationLabels.Label(p.Type) },
            ["subjects"] = p.Topics.Select(t => new Dictionary<string, object?> { ["subject"] = t.Name }).ToList(),
            ["descriptions"] = new[] { new Dictionary<string, object?> { ["description"] = p.Abstract, ["descriptionType"] = "Abstract", ["lang"] = p.Language } },
            ["rightsList"] = p.Licence is null ? [] : new[] { new Dictionary<string, object?> { ["rights"] = p.Licence } },
            ["formats"] = p.Files.Select(f => f.Extension).Distinct().Select(e => Platform.Files.DocumentContent.All.First(k => k.Extension == e).ContentType).ToList(),
            ["geoLocations"] = Places(p).Select(place => new Dictionary<string, object?> { ["geoLocationPlace"] = place }).ToList(),
        };
    }

    /// <summary>
    /// A creator or contributor as written. Whether a name is a person or an organisation is known only for names linked
    /// to the directory; for the others no nameType is claimed (DataCite allows it to be left out).
    /// </summary>
    private static Dictionary<string, object?> Agent(PublicationContributorView c, string? contributorType = null)
    {
        var agent = new Dictionary<string, object?> { ["name"] = c.Name };
        if (c.OrganisationId is not null || c.PersonId is not null)
        {
            agent["nameType"] = c.OrganisationId is not null ? "Organizational" : "Personal";
        }

        if (contributorType is not null)
        {
            agent["contributorType"] = contributorType;
        }

        return agent;
    }

    /// <summary>The places a publication is about, by name: its municipalities, then its programme areas ("Gemeinde: Gebiet").</summary>
    private static IEnumerable<string> Places(PublicationDetails p) =>
        p.Municipalities.Select(m => m.Name).Concat(p.Areas.Select(a => ProgrammeAreas.ProgrammeAreaNames.Line(a.MunicipalityName, a.Name)));
}
