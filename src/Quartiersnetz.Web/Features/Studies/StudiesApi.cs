using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Library;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Caching;
using Quartiersnetz.Platform.Http;
using Quartiersnetz.Platform.Localization;
using Quartiersnetz.Platform.Paging;
using Quartiersnetz.Platform.Search;

namespace Quartiersnetz.Features.Studies;

/// <summary>A deliverable in the API: the publication's address only when the caller may read it.</summary>
internal sealed record StudyDeliverableApi(PublicationType Type, string Title, DateOnly? DueOn, string? PublicationSlug, string? PublicationUrl);

/// <summary>A study as the API gives it; budget and steering group only for members.</summary>
internal sealed record StudyApiDetails(
    string Slug, string Title, string Question, string? Contractor, StudyStatus Status, DateOnly? AwardedOn, DateOnly? StartOn, DateOnly? EndOn,
    PublicationVisibility Visibility, decimal? BudgetEuro, IReadOnlyList<string>? SteeringGroup, IReadOnlyList<string> Topics,
    IReadOnlyList<StudyDeliverableApi> Deliverables);

/// <summary>The commissioned studies for other systems: GET /api/v1/studies and /api/v1/studies/{slug}.</summary>
internal static class StudiesApi
{
    public static RouteGroupBuilder MapStudiesApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/studies").WithTags("Forschungsaufträge");
        group.MapGet("", ListAsync).AllowAnonymous().CacheOutput(PublicPageCache.PolicyName)
            .WithName("ListStudies")
            .WithSummary("Forschungsaufträge auflisten")
            .WithDescription("Veröffentlichte Forschungsaufträge, die der Aufrufer sehen darf (Mitglieder auch die nur für Mitglieder), laufende zuerst, "
                + "seitenweise. Filter: topic (Slug, mit Unterthemen), status (" + string.Join(", ", Enum.GetNames<StudyStatus>()) + "). Unbekannte Werte werden mit 400 abgelehnt.");
        group.MapGet("/{slug}", GetAsync).AllowAnonymous().CacheOutput(PublicPageCache.PolicyName)
            .WithName("GetStudy")
            .WithSummary("Einen Forschungsauftrag abrufen")
            .WithDescription("Mit den vereinbarten Berichten und den Adressen ihrer Veröffentlichungen. Budget und Lenkungsgruppe erhalten nur angemeldete Mitglieder. "
                + "Ein Entwurf oder ein Auftrag nur für Mitglieder antwortet Unberechtigten wie ein fehlender mit 404.");
        return api;
    }

    private static async Task<Results<Ok<PagedResult<StudySummary>>, ValidationProblem>> ListAsync(
        HttpContext http, QuartiersnetzDbContext db, IAuthorizationService authorization, IStringLocalizer<Texts> l, CancellationToken cancellationToken,
        string? topic = null, string? status = null, int page = 1, int pageSize = 20)
    {
        var errors = new Dictionary<string, string[]>();
        if (topic is not null && !await AssignTopics.IsActiveSlugAsync(db, topic, cancellationToken))
        {
            errors["topic"] = [l["Unbekannter Wert „{0}“: Es gibt kein Thema mit dieser Adresse.", ApiParameters.Clip(topic)]];
        }

        var parsedStatus = PublicationLabels.Parse<StudyStatus>(status);
        if (status is not null && parsedStatus is null)
        {
            errors["status"] = [l["Unbekannter Wert „{0}“. Erlaubt: {1}.", ApiParameters.Clip(status), string.Join(", ", Enum.GetNames<StudyStatus>())]];
        }

        ApiParameters.CheckPaging(errors, l, page, pageSize);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, detail: l["Bitte korrigieren Sie die genannten Parameter."]);
        }

        // The list holds published studies only, for the office too (ListStudies.PublishedFor).
        var audience = await ViewerAudience.OfAsync(authorization, http.User);
        return TypedResults.Ok(await ListStudies.PageAsync(db, audience, new StudyFilter(topic, parsedStatus), new PageRequest(page, pageSize), cancellationToken));
    }

    private static async Task<Results<Ok<StudyApiDetails>, ProblemHttpResult>> GetAsync(
        string slug, HttpContext http, QuartiersnetzDbContext db, IAuthorizationService authorization, IStringLocalizer<Texts> l, CancellationToken cancellationToken)
    {
        var audience = await ViewerAudience.OfAsync(authorization, http.User);
        // Drafts are the office's working state, not data for other systems.
        var readAs = audience == SearchAudience.Office ? SearchAudience.Members : audience;
        var s = slug.Length > Study.SlugMaxLength ? null : await ListStudies.DetailsAsync(db, readAs, slug, cancellationToken);
        if (s is null)
        {
            return TypedResults.Problem(l["Es gibt keinen veröffentlichten Forschungsauftrag mit der Adresse „{0}“.", ApiParameters.Clip(slug)], statusCode: StatusCodes.Status404NotFound);
        }

        var isMember = audience >= SearchAudience.Members;
        return TypedResults.Ok(new StudyApiDetails(s.Slug, s.Title, s.Question, s.Contractor, s.Status, s.AwardedOn, s.StartOn, s.EndOn, s.Visibility,
            isMember ? s.BudgetEuro : null, isMember ? [.. s.SteeringMembers] : null, [.. s.Topics.Select(t => t.Slug)],
            [.. s.Deliverables.Select(d => new StudyDeliverableApi(d.Type, d.Title, d.DueOn, d.PublicationSlug, d.PublicationUrl))]));
    }
}
