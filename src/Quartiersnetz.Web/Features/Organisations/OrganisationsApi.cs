using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Caching;
using Quartiersnetz.Platform.Http;
using Quartiersnetz.Platform.Localization;
using Quartiersnetz.Platform.Paging;

namespace Quartiersnetz.Features.Organisations;

internal static class OrganisationsApi
{
    public static RouteGroupBuilder MapOrganisationsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/organisations").WithTags("Organisationen");
        group.MapGet("", ListAsync).AllowAnonymous().CacheOutput(PublicPageCache.PolicyName)
            .WithName("ListOrganisations")
            .WithSummary("Organisationen auflisten")
            .WithDescription("Organisationen des Netzwerks, alphabetisch, seitenweise; ohne Personen. Filter: type (Traeger, Hochschule, Fachverband, Ministerium, Bezirksregierung, Beratungsbuero, Sonstige), name (Teil des Namens).");
        group.MapGet("/{id:guid}", GetAsync).AllowAnonymous().CacheOutput(PublicPageCache.PolicyName)
            .WithName("GetOrganisation")
            .WithSummary("Eine Organisation mit Adresse abrufen");
        group.MapPost("", CreateAsync).RequireAuthorization(Policies.Office)
            .WithName("CreateOrganisation")
            .WithSummary("Eine Organisation anlegen (Geschäftsstelle)");
        group.MapPut("/{id:guid}", UpdateAsync).RequireAuthorization(Policies.Office)
            .WithName("UpdateOrganisation")
            .WithSummary("Eine Organisation ändern (Geschäftsstelle)");
        return api;
    }

    private static async Task<Results<Ok<PagedResult<OrganisationSummary>>, ValidationProblem>> ListAsync(
        QuartiersnetzDbContext db, IStringLocalizer<Texts> l, CancellationToken cancellationToken,
        string? type = null, string? name = null, int page = 1, int pageSize = 50)
    {
        var errors = new Dictionary<string, string[]>();
        var parsed = ListOrganisations.ParseType(type);
        if (!string.IsNullOrEmpty(type) && parsed is null)
        {
            errors["type"] = [l["Unbekannte Art. Erlaubt sind: {0}.", string.Join(", ", OrganisationTypes.All)]];
        }

        ApiParameters.CheckPaging(errors, l, page, pageSize);

        if (name?.Length > ListOrganisations.MaxFilterLength)
        {
            errors["name"] = [l["Der Namensfilter darf höchstens {0} Zeichen haben.", ListOrganisations.MaxFilterLength]];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, detail: l["Bitte korrigieren Sie die genannten Parameter."]);
        }

        return TypedResults.Ok(await ListOrganisations.HandleAsync(db, parsed, name, new PageRequest(page, pageSize), cancellationToken));
    }

    private static async Task<Results<Ok<OrganisationDetails>, ProblemHttpResult>> GetAsync(
        Guid id, QuartiersnetzDbContext db, IStringLocalizer<Texts> l, CancellationToken cancellationToken)
    {
        var details = await ListOrganisations.DetailsAsync(db, id, cancellationToken);
        return details is null ? NotFound(l, id) : TypedResults.Ok(details);
    }

    private static async Task<Results<Created<OrganisationDetails>, ValidationProblem>> CreateAsync(
        SaveOrganisation.Input input, HttpContext http, QuartiersnetzDbContext db, AuditLog audit, IStringLocalizer<Texts> l, CancellationToken cancellationToken)
    {
        if (Validate(input, l) is { } invalid)
        {
            return invalid;
        }

        var (result, id) = await SaveOrganisation.CreateAsync(db, audit, AuditActor.From(http.User), input, cancellationToken);
        if (result != SaveOrganisation.Result.Saved)
        {
            return Refused(result, l);
        }

        var details = await ListOrganisations.DetailsAsync(db, id, cancellationToken);
        return TypedResults.Created($"/api/v1/organisations/{id}", details);
    }

    private static async Task<Results<Ok<OrganisationDetails>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid id, SaveOrganisation.Input input, HttpContext http, QuartiersnetzDbContext db, AuditLog audit, IStringLocalizer<Texts> l, CancellationToken cancellationToken)
    {
        if (Validate(input, l) is { } invalid)
        {
            return invalid;
        }

        var result = await SaveOrganisation.UpdateAsync(db, audit, AuditActor.From(http.User), id, input, cancellationToken);
        return result switch
        {
            SaveOrganisation.Result.NotFound => NotFound(l, id),
            SaveOrganisation.Result.Saved or SaveOrganisation.Result.Unchanged => TypedResults.Ok((await ListOrganisations.DetailsAsync(db, id, cancellationToken))!),
            _ => Refused(result, l),
        };
    }

    private static ValidationProblem? Validate(SaveOrganisation.Input input, IStringLocalizer<Texts> l)
    {
        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(input, new ValidationContext(input), results, validateAllProperties: true))
        {
            return null;
        }

        var errors = results
            .SelectMany(r => r.MemberNames.DefaultIfEmpty("").Select(member => (Field: JsonName(member), Message: l[r.ErrorMessage ?? ""].Value)))
            .GroupBy(e => e.Field)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
        return TypedResults.ValidationProblem(errors, detail: l["Bitte korrigieren Sie die genannten Felder."]);
    }

    private static ValidationProblem Refused(SaveOrganisation.Result result, IStringLocalizer<Texts> l)
    {
        var (field, message) = SaveOrganisation.Error(result);
        return TypedResults.ValidationProblem(
            new Dictionary<string, string[]> { [JsonName(field)] = [l[message]] }, detail: l["Bitte korrigieren Sie die genannten Felder."]);
    }

    private static ProblemHttpResult NotFound(IStringLocalizer<Texts> l, Guid id) =>
        TypedResults.Problem(l["Es gibt keine Organisation mit der Kennung {0}.", id], statusCode: StatusCodes.Status404NotFound);

    private static string JsonName(string member) => member.Length == 0 ? member : char.ToLowerInvariant(member[0]) + member[1..];
}
