using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Data.Reference;
using Quartiersnetz.Features.Profile;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Caching;
using Quartiersnetz.Platform.Http;
using Quartiersnetz.Platform.Localization;
using Quartiersnetz.Platform.Paging;

namespace Quartiersnetz.Features.ProgrammeAreas;

/// <summary>A topic of an area in the API.</summary>
internal sealed record AreaTopicResponse(string Slug, string Name);

/// <summary>A contact of an area in the API, only when the caller may see the person's name.</summary>
internal sealed record AreaContactResponse(Guid PersonId, string Name, string Role);

/// <summary>One area in the API with topics, visible contacts and its boundary as a GeoJSON geometry (null without one).</summary>
internal sealed record AreaResponse(
    Guid Id, string Name, string MunicipalityAgs, string MunicipalityName, string DistrictName, string RegionName,
    UrbanDevelopmentProgramme Programme, ProgrammeAreaStatus Status, int? AdmissionYear, int? EndYear, decimal? SizeHectares,
    int? Population, string? Description, double Latitude, double Longitude, string? PlanTitle, string? PlanUrl,
    IReadOnlyList<AreaTopicResponse> Topics, IReadOnlyList<AreaContactResponse> Contacts, JsonElement? Boundary);

/// <summary>The reading half of the programme-area API; creating and changing areas sit beside it (POST, PUT, DELETE).</summary>
internal static class ProgrammeAreasApi
{
    private const string FilterDescription =
        // The long programme names are left to the schema (enum of programme): unbreakable words would widen the reference page.
        "Filter: programme (Programm, z. B. SozialerZusammenhalt oder LebendigeZentren; alle Werte im Schema beim Feld programme), "
        + "status (InVorbereitung, Laufend, Verstetigung, Abgeschlossen), "
        + "ags (Amtlicher Gemeindeschlüssel mit 8 Ziffern), region (Regierungsbezirk mit 3 Ziffern, z. B. 051), "
        + "topic (Adresse eines Themas, z. B. verfuegungsfonds; schließt seine Unterthemen ein).";

    public static RouteGroupBuilder MapProgrammeAreasApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/areas").WithTags("Programmgebiete");
        group.MapGet("", ListAsync).AllowAnonymous().CacheOutput(PublicPageCache.PolicyName)
            .WithName("ListAreas")
            .WithSummary("Programmgebiete auflisten")
            .WithDescription("Programmgebiete der Städtebauförderung in NRW, alphabetisch, seitenweise; ohne Grenzen und Ansprechpersonen. " + FilterDescription);
        group.MapGet("/geojson", GeoJsonAsync).AllowAnonymous().CacheOutput(PublicPageCache.PolicyName)
            .WithName("AreasGeoJson")
            .WithSummary("Programmgebiete als GeoJSON")
            .WithDescription("Alle passenden Programmgebiete als GeoJSON-FeatureCollection (WGS84). Eigenschaften: id, name, ags, programme, status; "
                + "Geometrie: die Grenze, sonst der Punkt. " + FilterDescription)
            .Produces(StatusCodes.Status200OK, contentType: "application/geo+json")
            .ProducesValidationProblem();
        group.MapGet("/{id:guid}", GetAsync).AllowAnonymous().CacheOutput(PublicPageCache.PolicyName)
            .WithName("GetArea")
            .WithSummary("Ein Programmgebiet mit Themen, Ansprechpersonen und Grenze abrufen")
            .WithDescription("Ansprechpersonen nur, soweit der Name der Person für den Aufrufenden sichtbar ist. Grenze als GeoJSON-Geometrie oder null.");
        return api;
    }

    /// <summary>An area as the API shows it to <paramref name="caller"/>; null when there is none. Also for the write endpoints' answers.</summary>
    public static async Task<AreaResponse?> DetailsAsync(
        QuartiersnetzDbContext db, IAuthorizationService authorization, ClaimsPrincipal caller, Guid id, CancellationToken cancellationToken)
    {
        var area = await ListProgrammeAreas.DetailsAsync(db, id, cancellationToken);
        if (area is null)
        {
            return null;
        }

        var topics = await AssignTopics.ForItemAsync(db, TopicKinds.ProgrammeArea, ListProgrammeAreas.TopicKey(id), cancellationToken);
        var audience = await ProfileVisibilityRules.ViewerAsync(authorization, caller, Guid.Empty);
        var contacts = await ListProgrammeAreas.ContactsAsync(db, [id], audience, caller.AccountId(), cancellationToken);
        JsonElement? boundary = area.BoundaryGeoJson is null ? null : ListProgrammeAreas.Geometry(area.BoundaryGeoJson, area.Latitude, area.Longitude);
        return new AreaResponse(
            area.Id, area.Name, area.MunicipalityAgs, area.MunicipalityName, area.DistrictName, area.RegionName, area.Programme, area.Status,
            area.AdmissionYear, area.EndYear, area.SizeHectares, area.Population, area.Description, area.Latitude, area.Longitude,
            area.PlanTitle, area.HasPlan ? $"/programmgebiete/{area.Id}/plan" : null,
            [.. topics.Select(t => new AreaTopicResponse(t.Slug, t.Name))],
            [.. contacts.Select(c => new AreaContactResponse(c.PersonId, c.Name, c.Role))],
            boundary);
    }

    private static async Task<Results<Ok<PagedResult<AreaSummary>>, ValidationProblem>> ListAsync(
        QuartiersnetzDbContext db, IStringLocalizer<Texts> l, CancellationToken cancellationToken,
        string? programme = null, string? status = null, string? ags = null, string? region = null, string? topic = null,
        int page = 1, int pageSize = 50)
    {
        var errors = new Dictionary<string, string[]>();
        var filter = await ParseFilterAsync(db, l, errors, programme, status, ags, region, topic, cancellationToken);
        ApiParameters.CheckPaging(errors, l, page, pageSize);

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, detail: l["Bitte korrigieren Sie die genannten Parameter."]);
        }

        return TypedResults.Ok(await ListProgrammeAreas.HandleAsync(db, filter, new PageRequest(page, pageSize), cancellationToken));
    }

    private static async Task<Results<FileContentHttpResult, ValidationProblem>> GeoJsonAsync(
        QuartiersnetzDbContext db, IStringLocalizer<Texts> l, CancellationToken cancellationToken,
        string? programme = null, string? status = null, string? ags = null, string? region = null, string? topic = null)
    {
        var errors = new Dictionary<string, string[]>();
        var filter = await ParseFilterAsync(db, l, errors, programme, status, ags, region, topic, cancellationToken);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, detail: l["Bitte korrigieren Sie die genannten Parameter."]);
        }

        return TypedResults.File(await ListProgrammeAreas.FeatureCollectionAsync(db, filter, cancellationToken), "application/geo+json");
    }

    private static async Task<Results<Ok<AreaResponse>, ProblemHttpResult>> GetAsync(
        Guid id, HttpContext http, QuartiersnetzDbContext db, IAuthorizationService authorization, IStringLocalizer<Texts> l, CancellationToken cancellationToken)
    {
        var details = await DetailsAsync(db, authorization, http.User, id, cancellationToken);
        // What a caller may see depends on who they are (contacts), so no shared cache may keep it.
        http.Response.Headers.CacheControl = "private";
        return details is null
            ? TypedResults.Problem(l["Es gibt kein Programmgebiet mit der Kennung {0}.", id], statusCode: StatusCodes.Status404NotFound)
            : TypedResults.Ok(details);
    }

    /// <summary>Checks the filter parameters shared by the list and the GeoJSON; each bad one adds an error under its name.</summary>
    private static async Task<AreaFilter> ParseFilterAsync(
        QuartiersnetzDbContext db, IStringLocalizer<Texts> l, Dictionary<string, string[]> errors,
        string? programme, string? status, string? ags, string? region, string? topic, CancellationToken cancellationToken)
    {
        var parsedProgramme = ListProgrammeAreas.ParseProgramme(programme);
        if (!string.IsNullOrEmpty(programme) && parsedProgramme is null)
        {
            errors["programme"] = [l["Unbekanntes Programm. Erlaubt sind: {0}.", string.Join(", ", ProgrammeAreaLabels.Programmes)]];
        }

        var parsedStatus = ListProgrammeAreas.ParseStatus(status);
        if (!string.IsNullOrEmpty(status) && parsedStatus is null)
        {
            errors["status"] = [l["Unbekannter Stand. Erlaubt sind: {0}.", string.Join(", ", ProgrammeAreaLabels.Statuses)]];
        }

        if (!string.IsNullOrEmpty(ags))
        {
            if (ags.Length != 8 || !ags.All(char.IsAsciiDigit))
            {
                errors["ags"] = [l["Der Gemeindeschlüssel (AGS) hat 8 Ziffern, z. B. 05111000."]];
            }
            else if (!await db.Set<Municipality>().AnyAsync(m => m.Ags == ags, cancellationToken))
            {
                errors["ags"] = [l["Es gibt keine Gemeinde in NRW mit dem Gemeindeschlüssel {0}.", ags]];
            }
        }

        if (!string.IsNullOrEmpty(region) && (region.Length != 3 || !await db.Set<District>().AnyAsync(d => d.RegionCode == region, cancellationToken)))
        {
            errors["region"] = [l["Unbekannter Regierungsbezirk. Erlaubt sind die Schlüssel 051, 053, 055, 057 und 059."]];
        }

        Guid? topicId = null;
        if (!string.IsNullOrEmpty(topic))
        {
            var found = topic.Length <= Topic.SlugMaxLength ? await TopicLookup.FindAsync(db, topic, cancellationToken) : null;
            if (found is null)
            {
                errors["topic"] = [l["Es gibt kein Thema mit der Adresse {0}.", topic.Length <= Topic.SlugMaxLength ? topic : topic[..Topic.SlugMaxLength]]];
            }
            else
            {
                topicId = found.Id;
            }
        }

        return new AreaFilter(parsedProgramme, parsedStatus, string.IsNullOrEmpty(region) ? null : region, string.IsNullOrEmpty(ags) ? null : ags, TopicId: topicId);
    }
}
