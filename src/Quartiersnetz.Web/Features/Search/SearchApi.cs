using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Platform.Caching;
using Quartiersnetz.Platform.Localization;
using Quartiersnetz.Platform.Paging;
using Quartiersnetz.Platform.Search;

namespace Quartiersnetz.Features.Search;

internal sealed record SearchApiSnippetPart(string Text, bool Marked);

internal sealed record SearchApiHit(string Kind, string KindLabel, string Title, string Url, string? Subtype, int? Year, IReadOnlyList<SearchApiSnippetPart> Snippet);

internal sealed record SearchApiFacetValue(string Value, string Label, long Count, bool Selected);

internal sealed record SearchApiAnswer(
    long Total,
    int Page,
    int PageSize,
    IReadOnlyList<SearchApiHit> Hits,
    IReadOnlyDictionary<string, IReadOnlyList<SearchApiFacetValue>> Facets,
    [property: JsonPropertyName("alsoSearched")] IReadOnlyList<string> Corrections);

internal static class SearchApi
{
    public static RouteGroupBuilder MapSearchApi(this RouteGroupBuilder api)
    {
        api.MapGet("/search", SearchAsync).AllowAnonymous().CacheOutput(PublicPageCache.SearchPolicyName)
            .WithTags("Suche")
            .WithName("Search")
            .WithSummary("Alles durchsuchen")
            .WithDescription("Deutsche Volltextsuche über Personen, Kommunen, Programmgebiete, Organisationen, Themen und Veranstaltungen, "
                + "nur über das, was die aufrufende Person sehen darf. q: Suchbegriff (Wortgruppen in Anführungszeichen); Filter, jeweils mehrfach: "
                + "kind (person, municipality, area, organisation, topic, event, news, page, publication), topic (Slug), municipality (AGS), bezirk (z. B. 051), year, type (Art einer Veröffentlichung: Arbeitshilfe, Abschlussbericht …). "
                + "Antwort mit Treffern (Ausschnitt mit markierten Stellen) und Facetten mit Anzahlen; unbekannte Filterwerte ergeben 400.");
        return api;
    }

    private static async Task<Results<Ok<SearchApiAnswer>, ValidationProblem>> SearchAsync(
        HttpContext http, SearchService search, SearchFacetLabels facets, IStringLocalizer<Texts> l, CancellationToken cancellationToken,
        string? q = null, [FromQuery] string[]? kind = null, [FromQuery] string[]? topic = null, [FromQuery] string[]? municipality = null,
        [FromQuery] string[]? bezirk = null, [FromQuery] string[]? year = null, [FromQuery] string[]? type = null, int page = 1, int pageSize = 20)
    {
        var errors = new Dictionary<string, string[]>();
        var parsed = SearchService.Parse(q);
        if (!parsed.IsValid)
        {
            errors["q"] = [l[parsed.Error!]];
        }

        if (page is < 1 or > 500)
        {
            errors["page"] = [l["Die Seite muss zwischen 1 und {0} liegen.", 500]];
        }

        if (pageSize is < 1 or > PageRequest.MaxPageSize)
        {
            errors["pageSize"] = [l["Die Seitengröße muss zwischen 1 und {0} liegen.", PageRequest.MaxPageSize]];
        }

        var choice = await facets.ReadAsync(q, kind, topic, municipality, bezirk, year, type, page, pageSize, cancellationToken);
        foreach (var (field, values) in choice.Unknown)
        {
            errors[field] = [l["Unbekannter Wert: {0}.", string.Join(", ", values)]];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, detail: l["Bitte korrigieren Sie die genannten Parameter."]);
        }

        var audience = await facets.AudienceOfAsync(http.User);
        var result = await search.SearchAsync(parsed, choice.Request, audience, cancellationToken);
        var groups = await facets.LabelAsync(result, choice.Request, cancellationToken);
        return TypedResults.Ok(new SearchApiAnswer(
            result.Total, page, pageSize,
            [.. result.Hits.Select(h => new SearchApiHit(h.Kind, l[facets.KindLabel(h.Kind)], h.Title, h.Url, h.Subtype, h.Year,
                [.. h.Snippet.Select(p => new SearchApiSnippetPart(p.Text, p.Marked))]))],
            groups.ToDictionary(g => g.Name, g => (IReadOnlyList<SearchApiFacetValue>)[.. g.Options.Select(o =>
                new SearchApiFacetValue(o.Value, SearchFacetLabels.HasLocalizedLabels(g.Name) ? l[o.Label] : o.Label, o.Count, o.Selected))]),
            [.. result.Corrections.Select(c => c.Correction)]));
    }
}
