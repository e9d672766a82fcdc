using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Profile;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Caching;
using Quartiersnetz.Platform.Expertise;
using Quartiersnetz.Platform.Http;
using Quartiersnetz.Platform.Localization;
using Quartiersnetz.Platform.Paging;

namespace Quartiersnetz.Features.ExpertFinder;

/// <summary>The expert finder for scripts: the same search, ranking and explanation as the page.</summary>
internal static class ExpertsApi
{
    public static RouteGroupBuilder MapExpertsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/experts", SearchAsync).RequireAuthorization(Policies.Member)
            .WithTags("Der kurze Draht")
            .WithName("FindExperts")
            .WithSummary("Fachleute zu einem Thema finden (Mitglieder)")
            .WithDescription("Personen, die sich nachweislich mit einem Thema beschäftigen, nach Gewicht der Belege geordnet, mit Begründung. "
                + "topic: Adresse eines Themas (ein Handlungsfeld schließt seine Unterthemen ein); q: Suchtext (höchstens 100 Zeichen); "
                + "mindestens eines von beiden. Filter: municipality (AGS, 8 Ziffern), district (Kreis, 5 Ziffern), region (Regierungsbezirk, 3 Ziffern), role.");
        return api;
    }

    private static async Task<Results<Ok<PagedResult<ExpertHit>>, ValidationProblem>> SearchAsync(
        HttpContext http, QuartiersnetzDbContext db, IEnumerable<IExpertiseEvidenceSource> sources, IAuthorizationService authorization,
        IStringLocalizer<Texts> l, AudienceDataCache cache, CancellationToken cancellationToken,
        string? topic = null, string? q = null, string? municipality = null, string? district = null, string? region = null, string? role = null,
        int page = 1, int pageSize = 20)
    {
        var request = new FindExperts.Request(topic, q, municipality, district, region, role);
        var tree = await AssignTopics.ActiveTreeAsync(db, cancellationToken);
        var (search, found) = await FindExperts.ResolveAsync(db, tree, request, l, cancellationToken);
        var errors = found.ToDictionary(e => e.Key, e => new[] { e.Value }, StringComparer.Ordinal);
        if (request.IsEmpty && !errors.ContainsKey("q"))
        {
            errors["q"] = [l["Bitte geben Sie ein Thema (topic) oder einen Suchtext (q) an."]];
        }

        ApiParameters.CheckPaging(errors, l, page, pageSize);

        if (errors.Count > 0 || search is null)
        {
            return TypedResults.ValidationProblem(errors, detail: l["Bitte korrigieren Sie die genannten Parameter."]);
        }

        var audience = await ProfileVisibilityRules.ViewerAsync(authorization, http.User, Guid.Empty);
        var result = await FindExperts.SearchAsync(db, sources, l, cache, new FindExperts.Viewer(audience, http.User.AccountId()), search, request,
            new PageRequest(page, pageSize), cancellationToken);
        return TypedResults.Ok(result);
    }
}
