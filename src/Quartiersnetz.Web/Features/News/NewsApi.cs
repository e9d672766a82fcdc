using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Caching;
using Quartiersnetz.Platform.Http;
using Quartiersnetz.Platform.Localization;
using Quartiersnetz.Platform.Paging;

namespace Quartiersnetz.Features.News;

internal static class NewsApi
{
    public static RouteGroupBuilder MapNewsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/news").WithTags("Aktuelles");
        group.MapGet("", ListAsync).AllowAnonymous().CacheOutput(PublicPageCache.PolicyName)
            .WithName("ListNews")
            .WithSummary("Meldungen auflisten")
            .WithDescription("Veröffentlichte Meldungen, neueste zuerst, seitenweise; nur was die aufrufende Person lesen darf "
                + "(öffentliche für alle, Mitgliedermeldungen für Mitglieder). Geplante Meldungen erscheinen erst zu ihrem Zeitpunkt. Filter: topic (Slug, mit Unterthemen).");
        group.MapGet("/{slug}", GetAsync).AllowAnonymous().CacheOutput(PublicPageCache.PolicyName)
            .WithName("GetNews")
            .WithSummary("Eine Meldung abrufen")
            .WithDescription("Der Text ist Markdown. Eine Meldung, die die aufrufende Person nicht lesen darf, antwortet wie eine fehlende mit 404.");
        return api;
    }

    private static async Task<Results<Ok<PagedResult<NewsSummary>>, ValidationProblem>> ListAsync(
        HttpContext http, QuartiersnetzDbContext db, IAuthorizationService authorization, TimeProvider clock, IStringLocalizer<Texts> l,
        CancellationToken cancellationToken, string? topic = null, int page = 1, int pageSize = 20)
    {
        var errors = new Dictionary<string, string[]>();
        if (topic?.Length > 100)
        {
            errors["topic"] = [l["Der Themenfilter darf höchstens {0} Zeichen haben.", 100]];
        }

        ApiParameters.CheckPaging(errors, l, page, pageSize);

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, detail: l["Bitte korrigieren Sie die genannten Parameter."]);
        }

        var viewer = await NewsViewer.FromAsync(authorization, http.User);
        return TypedResults.Ok(await ListNews.PageAsync(db, viewer, clock.GetUtcNow().UtcDateTime, topic, new PageRequest(page, pageSize), cancellationToken));
    }

    private static async Task<Results<Ok<NewsDetails>, ProblemHttpResult>> GetAsync(
        string slug, HttpContext http, QuartiersnetzDbContext db, IAuthorizationService authorization, TimeProvider clock, IStringLocalizer<Texts> l,
        CancellationToken cancellationToken)
    {
        var viewer = await NewsViewer.FromAsync(authorization, http.User);
        var details = slug.Length > NewsArticle.SlugMaxLength ? null : await ListNews.DetailsAsync(db, viewer, slug, clock.GetUtcNow().UtcDateTime, cancellationToken);
        return details is null
            ? TypedResults.Problem(l["Es gibt keine Meldung mit der Adresse „{0}“.", slug], statusCode: StatusCodes.Status404NotFound)
            : TypedResults.Ok(details);
    }
}
