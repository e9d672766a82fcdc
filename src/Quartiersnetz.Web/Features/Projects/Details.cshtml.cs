using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Caching;
using Quartiersnetz.Platform.Http;
using Quartiersnetz.Platform.Search;
using Quartiersnetz.Platform.Security;
using Quartiersnetz.Platform.Text;
using Quartiersnetz.Platform.Time;

namespace Quartiersnetz.Features.Projects;

/// <summary>
/// A published project's page. Unpublished projects answer 404 like missing ones (the proposer and the office see them on
/// the edit page). The contact's e-mail address is shown to members only; anonymous visitors get the kept page.
/// </summary>
[AllowAnonymous]
[OutputCache(PolicyName = PublicPageCache.PolicyName)]
internal sealed class DetailsModel(
    QuartiersnetzDbContext db, IAuthorizationService authorization, MarkdownRenderer markdown, PublicUrls urls, IConfiguration configuration) : PageModel
{
    public ProjectDetails Project { get; private set; } = null!;

    public string GoalsHtml { get; private set; } = "";

    public string ApproachHtml { get; private set; } = "";

    public string ResultsHtml { get; private set; } = "";

    public string LessonsHtml { get; private set; } = "";

    public bool IsMember { get; private set; }

    /// <summary>The office gets a link to the edit page.</summary>
    public bool MayEdit { get; private set; }

    public string CanonicalUrl { get; private set; } = "";

    public string JsonLd { get; private set; } = "";

    public string? TileUrl => SecurityHeaders.TileUrl(configuration);

    public string MapGeometry => JsonSerializer.Serialize(new { type = "Point", coordinates = new[] { Project.MapPoint.Longitude, Project.MapPoint.Latitude } });

    public string Coordinates => string.Create(BerlinTime.Culture, $"{Project.MapPoint.Latitude:0.0000}° N, {Project.MapPoint.Longitude:0.0000}° O");

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        // Linked publications and events as far as this viewer may see them (members' items never on the public page).
        var audience = await ViewerAudience.OfAsync(authorization, User);
        var details = slug.Length > Projects.Project.SlugMaxLength ? null : await ListProjects.PublishedAsync(db, slug, audience, cancellationToken);
        if (details is null)
        {
            return NotFound();
        }

        Project = details;
        IsMember = audience >= SearchAudience.Members;
        // A published project is the office's to change; its proposer asks the office.
        MayEdit = audience == SearchAudience.Office;
        GoalsHtml = markdown.ToHtml(details.Goals);
        ApproachHtml = markdown.ToHtml(details.Approach);
        ResultsHtml = markdown.ToHtml(details.Results);
        LessonsHtml = markdown.ToHtml(details.LessonsLearned);
        CanonicalUrl = urls.Absolute(details.Url);
        JsonLd = BuildJsonLd(details);
        return Page();
    }

    private string BuildJsonLd(ProjectDetails p)
    {
        var data = new Dictionary<string, object?>
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "Project",
            ["name"] = p.Title,
            ["description"] = p.Summary,
            ["url"] = CanonicalUrl,
            ["location"] = new Dictionary<string, object?>
            {
                ["@type"] = "Place",
                ["name"] = p.AreaName is null ? p.MunicipalityName : $"{p.AreaName}, {p.MunicipalityName}",
                ["geo"] = new Dictionary<string, object?> { ["@type"] = "GeoCoordinates", ["latitude"] = p.MapPoint.Latitude, ["longitude"] = p.MapPoint.Longitude },
            },
        };
        if (p.StartYear is { } start)
        {
            data["foundingDate"] = start.ToString(CultureInfo.InvariantCulture);
        }

        if (p.Images.Count > 0)
        {
            data["image"] = urls.Absolute(p.Images[0].Url);
        }

        // "</" must not appear inside the script element.
        return JsonSerializer.Serialize(data).Replace("</", "<\\/", StringComparison.Ordinal);
    }
}
