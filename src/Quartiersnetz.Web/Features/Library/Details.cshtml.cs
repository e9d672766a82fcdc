using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Caching;
using Quartiersnetz.Platform.Http;
using Quartiersnetz.Platform.Search;
using Quartiersnetz.Platform.Text;

namespace Quartiersnetz.Features.Library;

/// <summary>
/// A publication's page: description, citation line, files, topics, metadata exports and schema.org data. A members'
/// publication or a draft answers 404 (not 403) to those who may not read it, so its existence does not leak; the
/// office sees drafts with a notice.
/// </summary>
[AllowAnonymous]
// Anonymous visitors get the kept page (ADR 0004); any saved change drops it. Download counts are written without a
// save (one UPDATE), so the kept page shows them as of the last change.
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = Quartiersnetz.Platform.Caching.PublicPageCache.PolicyName)]
internal sealed class DetailsModel(
    QuartiersnetzDbContext db, IAuthorizationService authorization, MarkdownRenderer markdown, PublicUrls urls, AudienceDataCache cache) : PageModel
{
    public PublicationDetails Publication { get; private set; } = null!;

    public string AbstractHtml { get; private set; } = "";

    public string JsonLd { get; private set; } = "";

    public string CanonicalUrl { get; private set; } = "";

    public bool IsDraft => Publication.PublishedAtUtc is null;

    public bool IsOffice { get; private set; }

    /// <summary>The commissioned study this publication reports on, when the viewer may see it.</summary>
    public Studies.StudySummary? Study { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var audience = await ViewerAudience.OfAsync(authorization, User);
        if (slug.Length > Library.Publication.SlugMaxLength)
        {
            return NotFound();
        }

        // Signed-in pages are never kept whole (ADR 0004), but what this page reads is the same for everyone of an
        // audience: members and the office share it until the next saved change (download counts as of then, like the
        // visitors' kept page).
        var content = await cache.GetOrCreateAsync(
            $"publication-page\u001f{(int)audience}\u001f{slug}", AudienceDataCache.SavedChangeTags, c => c.Size,
            () => ReadAsync(audience, slug, cancellationToken),
            keep: c => c.Details is not null);
        if (content.Details is not { } details)
        {
            return NotFound();
        }

        Publication = details;
        IsOffice = audience == SearchAudience.Office;
        AbstractHtml = content.AbstractHtml;
        CanonicalUrl = urls.Absolute(details.Url);
        JsonLd = BuildJsonLd(details);
        Study = content.Study;
        return Page();
    }

    /// <summary>The publication as one audience sees it; no details when it does not exist for that audience.</summary>
    private sealed record PublicationContent(PublicationDetails? Details, string AbstractHtml, Studies.StudySummary? Study)
    {
        public long Size => 2 + AbstractHtml.Length / 1024 + (Details?.Files.Count ?? 0) / 5;
    }

    private async Task<PublicationContent> ReadAsync(SearchAudience audience, string slug, CancellationToken cancellationToken)
    {
        var details = await ListPublications.DetailsAsync(db, audience, slug, cancellationToken);
        return details is null
            ? new PublicationContent(null, "", null)
            : new PublicationContent(
                details, markdown.ToHtml(details.Abstract), await Studies.ListStudies.OfPublicationAsync(db, audience, details.Id, cancellationToken));
    }

    private string BuildJsonLd(PublicationDetails p)
    {
        var data = new Dictionary<string, object?>
        {
            ["@context"] = "https://schema.org",
            ["@type"] = PublicationLabels.SchemaType(p.Type),
            ["name"] = p.Title,
            ["url"] = CanonicalUrl,
            ["inLanguage"] = p.Language,
            ["datePublished"] = p.PublishedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? p.Year.ToString(CultureInfo.InvariantCulture),
            ["genre"] = PublicationLabels.Label(p.Type),
            ["isAccessibleForFree"] = true,
            ["publisher"] = new Dictionary<string, object?> { ["@type"] = "Organization", ["name"] = p.Publisher ?? "AG Soziale Stadt NRW" },
        };
        if (!string.IsNullOrEmpty(p.Subtitle))
        {
            data["alternativeHeadline"] = p.Subtitle;
        }

        if (p.Authors.Any())
        {
            data["author"] = p.Contributors.Where(c => !c.IsEditor).Select(Agent).ToList();
        }

        if (p.Editors.Any())
        {
            data["editor"] = p.Contributors.Where(c => c.IsEditor).Select(Agent).ToList();
        }

        if (p.Licence is not null)
        {
            data["license"] = p.Licence;
        }

        if (p.Doi is not null)
        {
            data["identifier"] = "https://doi.org/" + p.Doi;
        }

        if (p.Isbn is not null)
        {
            data["isbn"] = p.Isbn;
        }

        if (p.CoverUrl is not null)
        {
            var image = new Dictionary<string, object?> { ["@type"] = "ImageObject", ["url"] = urls.Absolute(p.CoverUrl), ["description"] = p.CoverAltText };
            if (p.CoverCredit is not null)
            {
                image["creditText"] = p.CoverCredit;
            }

            data["image"] = image;
        }

        if (p.Topics.Count > 0)
        {
            data["keywords"] = string.Join(", ", p.Topics.Select(t => t.Name));
        }

        // The default encoder escapes <, > and &, so the text cannot close the script element.
        return JsonSerializer.Serialize(data);
    }

    /// <summary>
    /// An author or editor for schema.org: an organisation when linked to one; otherwise a person, which is what most
    /// names on a title page are. A linked profile the viewer may see adds its address.
    /// </summary>
    private Dictionary<string, object?> Agent(PublicationContributorView c)
    {
        var agent = new Dictionary<string, object?> { ["@type"] = c.OrganisationId is null ? "Person" : "Organization", ["name"] = c.Name };
        if (c.Url is { } url)
        {
            agent["url"] = urls.Absolute(url);
        }

        return agent;
    }
}
