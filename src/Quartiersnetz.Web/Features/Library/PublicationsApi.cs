using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Features.ProgrammeAreas;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Caching;
using Quartiersnetz.Platform.Http;
using Quartiersnetz.Platform.Localization;
using Quartiersnetz.Platform.Paging;

namespace Quartiersnetz.Features.Library;

/// <summary>
/// The library for other systems: the list with the page's filters and one publication with its files and metadata.
/// Unlike the page, the API refuses unknown filter values with 400 naming them, so a caller's mistake is not an empty list.
/// </summary>
internal static class PublicationsApi
{
    public static RouteGroupBuilder MapPublicationsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/publications").WithTags("Bibliothek");
        group.MapGet("", ListAsync).AllowAnonymous().CacheOutput(PublicPageCache.PolicyName)
            .WithName("ListPublications")
            .WithSummary("Veröffentlichungen auflisten")
            .WithDescription("Veröffentlichte Publikationen, die die aufrufende Person lesen darf (öffentliche für alle, Mitgliederpublikationen für Mitglieder), "
                + "seitenweise. Filter: type (Arbeitshilfe, Abschlussbericht, Zwischenbericht, Dokumentation, Fachstudie, Fachempfehlung, Argumentationshilfe, Sonstiges), "
                + "topic (Slug, mit Unterthemen), year, area (Id eines Programmgebiets); sort: neu (Standard), jahr, titel.");
        group.MapGet("/{slug}", GetAsync).AllowAnonymous().CacheOutput(PublicPageCache.PolicyName)
            .WithName("GetPublication")
            .WithSummary("Eine Veröffentlichung abrufen")
            .WithDescription("Mit Autorinnen und Autoren, Herausgebenden, Dateien (Adresse zum Herunterladen), Themen, Gemeinden, Fördergebieten und Zitierzeile; die Zusammenfassung ist Markdown. "
                + "Eine Veröffentlichung, die die aufrufende Person nicht lesen darf, antwortet wie eine fehlende mit 404.");
        // No content-type constraint: a wrong body gets the German file errors, not an anonymous 404 or 415.
        group.MapPost("/import", ImportAsync).RequireAuthorization(Policies.Office)
            .WithName("ImportPublications")
            .WithSummary("Veröffentlichungen aus CSV importieren (Geschäftsstelle)")
            .WithDescription("Der Rumpf ist eine CSV-Datei (UTF-8, Semikolon) im Format der Vorlage auf /geschaeftsstelle/bibliothek/import, höchstens 5 MB. "
                + "Alle Zeilen werden mit den Regeln des Formulars geprüft; ist eine fehlerhaft, wird nichts importiert und die Antwort 400 nennt jeden Fehler unter „Zeile n“.");
        return api;
    }

    /// <summary>What a successful import answers.</summary>
    internal sealed record ImportResult(int Created);

    private static async Task<Results<Ok<ImportResult>, ValidationProblem>> ImportAsync(
        HttpContext http, ImportPublications import, IStringLocalizer<Texts> l, CancellationToken cancellationToken)
    {
        // One byte more than allowed proves the body too large without reading all of it.
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, cancellationToken)) > 0 && buffer.Length <= ImportPublications.MaxBytes)
        {
            buffer.Write(chunk, 0, read);
        }

        var outcome = await import.HandleAsync(buffer.ToArray(), AuditActor.From(http.User), cancellationToken);
        if (outcome.Succeeded)
        {
            return TypedResults.Ok(new ImportResult(outcome.Created));
        }

        var errors = OfficeImportModel.Format(outcome.Errors, l)
            .GroupBy(e => e.Line == 0 ? "" : l["Zeile {0}", e.Line].Value)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Text).ToArray());
        return TypedResults.ValidationProblem(errors, detail: l["Die Datei enthält {0} Fehler. Es wurde nichts importiert.", outcome.Errors.Count]);
    }

    private static async Task<Results<Ok<PagedResult<PublicationSummary>>, ValidationProblem>> ListAsync(
        HttpContext http, QuartiersnetzDbContext db, AudienceDataCache cache, IAuthorizationService authorization, IStringLocalizer<Texts> l, CancellationToken cancellationToken,
        string? type = null, string? topic = null, string? year = null, string? area = null, string? sort = null, int page = 1, int pageSize = 20)
    {
        var errors = new Dictionary<string, string[]>();
        var parsedType = PublicationLabels.Parse<PublicationType>(type);
        if (type is not null && parsedType is null)
        {
            errors["type"] = [l["Unbekannter Wert „{0}“. Erlaubt: {1}.", Clip(type), string.Join(", ", Enum.GetNames<PublicationType>())]];
        }

        if (topic is not null && (topic.Length > 100 || !await db.Set<Topic>().AnyAsync(t => t.Slug == topic && t.Status == TopicStatus.Active, cancellationToken)))
        {
            errors["topic"] = [l["Unbekannter Wert „{0}“: Es gibt kein Thema mit dieser Adresse.", Clip(topic)]];
        }

        int? parsedYear = null;
        if (year is not null)
        {
            if (int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= Publication.MinYear and <= 9999)
            {
                parsedYear = y;
            }
            else
            {
                errors["year"] = [l["Unbekannter Wert „{0}“: Das Jahr ist eine vierstellige Zahl, z. B. 2025.", Clip(year)]];
            }
        }

        Guid? areaId = null;
        if (area is not null)
        {
            if (Guid.TryParse(area, out var parsedArea) && await db.Set<ProgrammeArea>().AnyAsync(a => a.Id == parsedArea, cancellationToken))
            {
                areaId = parsedArea;
            }
            else
            {
                errors["area"] = [l["Unbekannter Wert „{0}“: Es gibt kein Programmgebiet mit dieser Id.", Clip(area)]];
            }
        }

        if (sort is not null && !LibraryFilter.Sorts.Contains(sort))
        {
            errors["sort"] = [l["Unbekannter Wert „{0}“. Erlaubt: {1}.", Clip(sort), string.Join(", ", LibraryFilter.Sorts)]];
        }

        ApiParameters.CheckPaging(errors, l, page, pageSize);

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, detail: l["Bitte korrigieren Sie die genannten Parameter."]);
        }

        var audience = await ViewerAudience.OfAsync(authorization, http.User);
        return TypedResults.Ok(await ListPublications.CachedPageAsync(db, cache, audience, new LibraryFilter(parsedType, topic, parsedYear, sort, AreaId: areaId), new PageRequest(page, pageSize), cancellationToken));
    }

    private static async Task<Results<Ok<PublicationDetails>, ProblemHttpResult>> GetAsync(
        string slug, HttpContext http, QuartiersnetzDbContext db, IAuthorizationService authorization, IStringLocalizer<Texts> l, CancellationToken cancellationToken)
    {
        var audience = await ViewerAudience.OfAsync(authorization, http.User);
        var details = slug.Length > Publication.SlugMaxLength ? null : await ListPublications.DetailsAsync(db, audience, slug, cancellationToken);
        return details is null
            ? TypedResults.Problem(l["Es gibt keine Veröffentlichung mit der Adresse „{0}“.", Clip(slug)], statusCode: StatusCodes.Status404NotFound)
            : TypedResults.Ok(details);
    }

    /// <summary>An echoed value stays short: a 2,000-character parameter must not come back whole in the answer.</summary>
    private static string Clip(string value) => value.Length <= 60 ? value : value[..60] + "…";
}
