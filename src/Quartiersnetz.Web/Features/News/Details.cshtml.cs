using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Http;
using Quartiersnetz.Platform.Text;

namespace Quartiersnetz.Features.News;

/// <summary>
/// An article's page with its canonical address, Open Graph tags and schema.org NewsArticle data. Members' articles and
/// articles not yet published answer 404 (not 403) to those who may not read them, so their existence does not leak;
/// the office sees scheduled and draft articles with a notice.
/// </summary>
[AllowAnonymous]
// Anonymous visitors get the kept page (ADR 0004); any saved change drops it, signed-in people always get a fresh one.
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = Quartiersnetz.Platform.Caching.PublicPageCache.PolicyName)]
internal sealed class DetailsModel(QuartiersnetzDbContext db, IAuthorizationService authorization, TimeProvider clock, MarkdownRenderer markdown, PublicUrls urls) : PageModel
{
    public NewsDetails Article { get; private set; } = null!;

    public string BodyHtml { get; private set; } = "";

    public string JsonLd { get; private set; } = "";

    public string CanonicalUrl { get; private set; } = "";

    public string? AbsoluteImageUrl { get; private set; }

    /// <summary>Not yet published: only the office gets here.</summary>
    public bool IsPending { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var viewer = await NewsViewer.FromAsync(authorization, User);
        var now = clock.GetUtcNow().UtcDateTime;
        var details = slug.Length > NewsArticle.SlugMaxLength ? null : await ListNews.DetailsAsync(db, viewer, slug, now, cancellationToken);
        if (details is null)
        {
            return NotFound();
        }

        Article = details;
        IsPending = details.PublishAtUtc is not { } at || at > now;
        BodyHtml = markdown.ToHtml(details.Body);
        CanonicalUrl = urls.Absolute(details.Url);
        AbsoluteImageUrl = details.ImageUrl is { } image ? urls.Absolute(image) : null;
        JsonLd = BuildJsonLd(details);
        return Page();
    }

    private string BuildJsonLd(NewsDetails a)
    {
        var data = new Dictionary<string, object?>
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "NewsArticle",
            ["headline"] = a.Title.Length > 110 ? a.Title[..110] : a.Title,
            ["description"] = a.Teaser,
            ["url"] = CanonicalUrl,
            ["mainEntityOfPage"] = CanonicalUrl,
            ["inLanguage"] = "de-DE",
            ["dateModified"] = Iso(a.UpdatedAtUtc),
            ["publisher"] = new Dictionary<string, object?> { ["@type"] = "Organization", ["name"] = "AG Soziale Stadt NRW", ["url"] = urls.Absolute("/") },
        };
        if (a.PublishAtUtc is { } published)
        {
            data["datePublished"] = Iso(published);
        }

        if (a.AuthorName.Length > 0)
        {
            data["author"] = new Dictionary<string, object?> { ["@type"] = "Person", ["name"] = a.AuthorName };
        }

        if (AbsoluteImageUrl is not null)
        {
            data["image"] = AbsoluteImageUrl;
        }

        if (a.Topics.Count > 0)
        {
            data["keywords"] = string.Join(", ", a.Topics.Select(t => t.Name));
        }

        // The default encoder escapes <, > and &, so the text cannot close the script element.
        return JsonSerializer.Serialize(data);
    }

    private static string Iso(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
