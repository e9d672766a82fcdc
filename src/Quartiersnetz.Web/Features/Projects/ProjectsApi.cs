using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Events;
using Quartiersnetz.Features.Municipalities;
using Quartiersnetz.Features.ProgrammeAreas;
using Quartiersnetz.Features.Shared;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Caching;
using Quartiersnetz.Platform.Files;
using Quartiersnetz.Platform.Http;
using Quartiersnetz.Platform.Localization;
using Quartiersnetz.Platform.Paging;
using Quartiersnetz.Platform.Search;

namespace Quartiersnetz.Features.Projects;

/// <summary>
/// A published project as the API gives it: everything of its page, the contact's address only for members, its documents
/// (with their download addresses) and the linked publications and events the caller may see.
/// </summary>
internal sealed record ProjectApiDetails(
    string Slug, string Title, string Summary, string MunicipalityAgs, string MunicipalityName, Guid? AreaId, string? AreaName,
    UrbanDevelopmentProgramme Programme, ProjectStatus Status, int? StartYear, int? EndYear, decimal? CostsEuro, string? FundingSources,
    IReadOnlyList<string> Partners, string? ContactName, string? ContactOrganisation, string? ContactEmail, string Goals, string? Approach,
    string? Results, string? LessonsLearned, string? WebsiteUrl, string? VideoUrl, double Latitude, double Longitude,
    IReadOnlyList<string> Topics, IReadOnlyList<ProjectImageView> Images, DateTime PublishedAtUtc,
    IReadOnlyList<ProjectDocumentView> Documents, IReadOnlyList<LinkedPublicationView> Publications, IReadOnlyList<LinkedEventView> Events);

/// <summary>
/// The Praxisdatenbank for other systems (GET /api/v1/projects) and the two endpoints behind its pages: the photos, which
/// follow their project's visibility, and the projects as GeoJSON points for the map.
/// </summary>
internal static class ProjectsApi
{
    public const string MapDataPath = "/karte/praxisprojekte.geojson";

    public static RouteGroupBuilder MapProjectsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/projects").WithTags("Praxisdatenbank");
        group.MapGet("", ListAsync).AllowAnonymous().CacheOutput(PublicPageCache.PolicyName)
            .WithName("ListProjects")
            .WithSummary("Praxisprojekte auflisten")
            .WithDescription("Veröffentlichte Praxisprojekte, neueste zuerst, seitenweise. Filter: topic (Slug, mit Unterthemen), status (Geplant, Laufend, "
                + "Abgeschlossen), municipality (achtstelliger Gemeindeschlüssel), area (Id eines Programmgebiets). Unbekannte Werte werden mit 400 abgelehnt.");
        group.MapGet("/{slug}", GetAsync).AllowAnonymous()
            .WithName("GetProject")
            .WithSummary("Ein Praxisprojekt abrufen")
            .WithDescription("Ziele, Vorgehen, Ergebnisse und Erfahrungen sind Markdown. Die E-Mail-Adresse der Ansprechperson erhalten nur angemeldete Mitglieder. "
                + "documents nennt die Dokumente (PDF, Word) mit ihrer Adresse zum Herunterladen; publications und events die verknüpften "
                + "Veröffentlichungen und Veranstaltungen, soweit der Aufrufende sie sehen darf. "
                + "Ein nicht veröffentlichtes Projekt antwortet wie ein fehlendes mit 404.");
        return api;
    }

    public static IEndpointRouteBuilder MapProjectFiles(this IEndpointRouteBuilder app)
    {
        // A photo follows its project: published ones for everyone; a proposal's only for its proposer and the office.
        app.MapGet("/praxisprojekte/{id:guid}/bilder/{imageId:guid}", async (
                Guid id, Guid imageId, HttpContext http, QuartiersnetzDbContext db, IFileStorage files, IAuthorizationService authorization,
                CancellationToken cancellationToken) =>
            {
                var row = await db.Set<ProjectImage>().AsNoTracking().Where(i => i.Id == imageId && i.ProjectId == id)
                    .Join(db.Set<Project>(), i => i.ProjectId, p => p.Id, (i, p) => new { i.FileKey, p.ReviewState, p.ProposedByAccountId })
                    .SingleOrDefaultAsync(cancellationToken);
                if (row is null || !await MayOpenAsync(http, authorization, row.ReviewState, row.ProposedByAccountId))
                {
                    return Results.NotFound();
                }

                var published = row.ReviewState == ProjectReviewState.Published;
                if (await files.OpenReadAsync(row.FileKey, cancellationToken) is not { } stream)
                {
                    return Results.NotFound();
                }

                // The key changes with every upload, so a published photo may be kept; a proposal's only by the viewer.
                http.Response.Headers.CacheControl = published ? "public, max-age=86400" : "private, no-store";
                return Results.File(stream, "image/jpeg");
            })
            .AllowAnonymous()
            .ExcludeFromDescription();

        // A document follows its project like the photos; it is downloaded under a name made from its title.
        app.MapGet("/praxisprojekte/{id:guid}/dokumente/{documentId:guid}", async (
                Guid id, Guid documentId, HttpContext http, QuartiersnetzDbContext db, IFileStorage files, IAuthorizationService authorization,
                CancellationToken cancellationToken) =>
            {
                var row = await db.Set<ProjectDocument>().AsNoTracking().Where(d => d.Id == documentId && d.ProjectId == id)
                    .Join(db.Set<Project>(), d => d.ProjectId, p => p.Id, (d, p) => new { d.Title, d.FileKey, d.Extension, p.ReviewState, p.ProposedByAccountId })
                    .SingleOrDefaultAsync(cancellationToken);
                if (row is null || !FileKeys.IsValid(row.FileKey) || DocumentContent.All.FirstOrDefault(k => k.Extension == row.Extension) is not { } kind
                    || !await MayOpenAsync(http, authorization, row.ReviewState, row.ProposedByAccountId))
                {
                    return Results.NotFound();
                }

                if (await files.OpenReadAsync(row.FileKey, cancellationToken) is not { } stream)
                {
                    return Results.NotFound();
                }

                // A proposal's document must not sit in shared caches.
                http.Response.Headers.CacheControl = row.ReviewState == ProjectReviewState.Published ? "public, max-age=300" : "private, no-store";
                return Results.File(stream, kind.ContentType, EventDocuments.DownloadName(row.Title, kind.Extension));
            })
            .AllowAnonymous()
            .ExcludeFromDescription();

        app.MapGet(MapDataPath, async (HttpContext http, QuartiersnetzDbContext db, CancellationToken cancellationToken) =>
            {
                var points = await ListProjects.PointsAsync(db, new ProjectFilter(), cancellationToken);
                var body = JsonSerializer.SerializeToUtf8Bytes(new
                {
                    type = "FeatureCollection",
                    features = points.Select(p => new
                    {
                        type = "Feature",
                        properties = new { title = p.Title, url = "/praxisprojekte/" + p.Slug, municipality = p.MunicipalityName, status = ProjectLabels.Label(p.Status) },
                        geometry = new { type = "Point", coordinates = new[] { Math.Round(p.Longitude, 6), Math.Round(p.Latitude, 6) } },
                    }),
                });
                // Projects change when the office publishes one: browsers ask again each time and get 304 when nothing changed.
                await Map.MapGeoJson.WriteAsync(http, body, Map.MapGeoJson.ETagOf(body), "public, no-cache");
            })
            .AllowAnonymous()
            .CacheOutput(PublicPageCache.PolicyName)
            .ExcludeFromDescription();
        return app;
    }

    private static async Task<Results<Ok<PagedResult<ProjectSummary>>, ValidationProblem>> ListAsync(
        QuartiersnetzDbContext db, AudienceDataCache cache, IStringLocalizer<Texts> l, CancellationToken cancellationToken,
        string? topic = null, string? status = null, string? municipality = null, string? area = null, int page = 1, int pageSize = 20)
    {
        var errors = new Dictionary<string, string[]>();
        if (topic is not null && (topic.Length > 100 || !await db.Set<Topic>().AnyAsync(t => t.Slug == topic && t.Status == TopicStatus.Active, cancellationToken)))
        {
            errors["topic"] = [l["Unbekannter Wert „{0}“: Es gibt kein Thema mit dieser Adresse.", Clip(topic)]];
        }

        var parsedStatus = ProjectLabels.Parse<ProjectStatus>(status);
        if (status is not null && parsedStatus is null)
        {
            errors["status"] = [l["Unbekannter Wert „{0}“. Erlaubt: {1}.", Clip(status), string.Join(", ", Enum.GetNames<ProjectStatus>())]];
        }

        if (municipality is not null && !MunicipalityFilter.IsAgs(municipality))
        {
            errors["municipality"] = [l["Unbekannter Wert „{0}“: Erwartet wird ein achtstelliger Gemeindeschlüssel, z. B. 05913000.", Clip(municipality)]];
        }

        Guid? areaId = null;
        if (area is not null)
        {
            if (Guid.TryParse(area, out var parsed))
            {
                areaId = parsed;
            }
            else
            {
                errors["area"] = [l["Unbekannter Wert „{0}“: Erwartet wird die Id eines Programmgebiets.", Clip(area)]];
            }
        }

        ApiParameters.CheckPaging(errors, l, page, pageSize);

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, detail: l["Bitte korrigieren Sie die genannten Parameter."]);
        }

        return TypedResults.Ok(await ListProjects.CachedPageAsync(db, cache, new ProjectFilter(topic, parsedStatus, municipality, areaId), new PageRequest(page, pageSize), cancellationToken));
    }

    private static async Task<Results<Ok<ProjectApiDetails>, ProblemHttpResult>> GetAsync(
        string slug, HttpContext http, QuartiersnetzDbContext db, IAuthorizationService authorization, IStringLocalizer<Texts> l, CancellationToken cancellationToken)
    {
        var audience = await ViewerAudience.OfAsync(authorization, http.User);
        var p = slug.Length > Project.SlugMaxLength ? null : await ListProjects.PublishedAsync(db, slug, audience, cancellationToken);
        if (p is null)
        {
            return TypedResults.Problem(l["Es gibt kein veröffentlichtes Praxisprojekt mit der Adresse „{0}“.", Clip(slug)], statusCode: StatusCodes.Status404NotFound);
        }

        var isMember = audience >= SearchAudience.Members;
        return TypedResults.Ok(new ProjectApiDetails(p.Slug, p.Title, p.Summary, p.MunicipalityAgs, p.MunicipalityName, p.AreaId, p.AreaName, p.Programme,
            p.Status, p.StartYear, p.EndYear, p.CostsEuro, p.FundingSources, [.. p.PartnerLines], p.ContactName, p.ContactOrganisation,
            isMember ? p.ContactEmail : null, p.Goals, p.Approach, p.Results, p.LessonsLearned, p.WebsiteUrl, p.VideoUrl, p.MapPoint.Latitude,
            p.MapPoint.Longitude, [.. p.Topics.Select(t => t.Slug)], p.Images, p.PublishedAtUtc!.Value, p.Documents, p.Publications, p.Events));
    }

    /// <summary>A project's photos and documents: everyone's once it is published; before, only its proposer's and the office's.</summary>
    private static async Task<bool> MayOpenAsync(HttpContext http, IAuthorizationService authorization, ProjectReviewState state, Guid? proposedBy) =>
        state == ProjectReviewState.Published
        || (proposedBy is { } proposer && http.User.AccountId() == proposer)
        || (await authorization.AuthorizeAsync(http.User, Policies.Office)).Succeeded;

    /// <summary>An echoed value stays short: a 2,000-character parameter must not come back whole in the answer.</summary>
    private static string Clip(string value) => value.Length <= 60 ? value : value[..60] + "…";
}
