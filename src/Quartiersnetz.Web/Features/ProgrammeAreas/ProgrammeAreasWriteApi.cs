using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Files;
using Quartiersnetz.Platform.Localization;

namespace Quartiersnetz.Features.ProgrammeAreas;

/// <summary>The office creates, changes and deletes programme areas through the API, with the checks of the form.</summary>
internal static class ProgrammeAreasWriteApi
{
    /// <summary>The request body: the form's fields, with the boundary as a GeoJSON object instead of text.</summary>
    internal sealed class AreaWrite
    {
        public string? Name { get; set; }

        public string? MunicipalityAgs { get; set; }

        public UrbanDevelopmentProgramme? Programme { get; set; }

        public ProgrammeAreaStatus? Status { get; set; }

        public int? AdmissionYear { get; set; }

        public int? EndYear { get; set; }

        public decimal? SizeHectares { get; set; }

        public int? Population { get; set; }

        public string? Description { get; set; }

        /// <summary>GeoJSON Polygon or MultiPolygon (WGS84); leave out to give only a point.</summary>
        public JsonElement? Boundary { get; set; }

        public double? Latitude { get; set; }

        public double? Longitude { get; set; }

        public string? PlanTitle { get; set; }

        public List<string>? Topics { get; set; }

        public List<SaveProgrammeArea.ContactInput>? Contacts { get; set; }

        public SaveProgrammeArea.Input ToInput() => new()
        {
            Name = Name,
            MunicipalityAgs = MunicipalityAgs,
            Programme = Programme,
            Status = Status,
            AdmissionYear = AdmissionYear,
            EndYear = EndYear,
            SizeHectares = SizeHectares,
            Population = Population,
            Description = Description,
            BoundaryGeoJson = Boundary is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) } boundary ? boundary.GetRawText() : null,
            Latitude = Latitude,
            Longitude = Longitude,
            PlanTitle = PlanTitle,
            TopicSlugs = Topics ?? [],
            Contacts = Contacts ?? [],
        };
    }

    /// <summary>What a write answers: the id and where the area's details are.</summary>
    internal sealed record AreaSaved(Guid Id, string Name, string Url);

    public static RouteGroupBuilder MapProgrammeAreasWriteApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/areas").WithTags("Programmgebiete");
        group.MapPost("", CreateAsync).RequireAuthorization(Policies.Office)
            .WithName("CreateProgrammeArea")
            .WithSummary("Ein Programmgebiet anlegen (Geschäftsstelle)")
            .WithDescription("Pflicht: name, municipalityAgs, programme, status und boundary (GeoJSON-Polygon in WGS84) oder latitude/longitude. Die Prüfungen sind die des Formulars.");
        group.MapPut("/{id:guid}", UpdateAsync).RequireAuthorization(Policies.Office)
            .WithName("UpdateProgrammeArea")
            .WithSummary("Ein Programmgebiet ändern (Geschäftsstelle)")
            .WithDescription("Ersetzt alle Angaben, auch Themen und Ansprechpersonen.");
        group.MapDelete("/{id:guid}", DeleteAsync).RequireAuthorization(Policies.Office)
            .WithName("DeleteProgrammeArea")
            .WithSummary("Ein Programmgebiet löschen (Geschäftsstelle)");
        return api;
    }

    private static async Task<Results<Created<AreaSaved>, ValidationProblem>> CreateAsync(
        AreaWrite body, HttpContext http, QuartiersnetzDbContext db, AuditLog audit, TimeProvider clock, IStringLocalizer<Texts> l, CancellationToken cancellationToken)
    {
        var input = body.ToInput();
        var outcome = await SaveProgrammeArea.CreateAsync(db, audit, AuditActor.From(http.User), clock, input, cancellationToken);
        if (!outcome.Succeeded)
        {
            return Invalid(outcome, l);
        }

        var id = outcome.Id!.Value;
        return TypedResults.Created($"/api/v1/areas/{id}", new AreaSaved(id, input.Name!.Trim(), $"/programmgebiete/{id}"));
    }

    private static async Task<Results<Ok<AreaSaved>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid id, AreaWrite body, HttpContext http, QuartiersnetzDbContext db, AuditLog audit, TimeProvider clock, IStringLocalizer<Texts> l, CancellationToken cancellationToken)
    {
        var input = body.ToInput();
        var outcome = await SaveProgrammeArea.UpdateAsync(db, audit, AuditActor.From(http.User), clock, id, input, cancellationToken);
        if (outcome.NotFound)
        {
            return NotFound(l, id);
        }

        return outcome.Succeeded ? TypedResults.Ok(new AreaSaved(id, input.Name!.Trim(), $"/programmgebiete/{id}")) : Invalid(outcome, l);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        Guid id, HttpContext http, QuartiersnetzDbContext db, AuditLog audit, IFileStorage files, IStringLocalizer<Texts> l, CancellationToken cancellationToken) =>
        await SaveProgrammeArea.DeleteAsync(db, audit, AuditActor.From(http.User), files, id, cancellationToken) ? TypedResults.NoContent() : NotFound(l, id);

    private static ValidationProblem Invalid(SaveProgrammeArea.Outcome outcome, IStringLocalizer<Texts> l) => TypedResults.ValidationProblem(
        outcome.Errors.GroupBy(e => JsonName(e.Field)).ToDictionary(g => g.Key, g => g.Select(e => l[e.Message, e.Arguments].Value).ToArray()),
        detail: l["Bitte korrigieren Sie die genannten Felder."]);

    private static ProblemHttpResult NotFound(IStringLocalizer<Texts> l, Guid id) =>
        TypedResults.Problem(l["Es gibt kein Programmgebiet mit der Kennung {0}.", id], statusCode: StatusCodes.Status404NotFound);

    /// <summary>Form field names to the API's names: the boundary is "boundary", topics "topics".</summary>
    private static string JsonName(string field) => field switch
    {
        nameof(SaveProgrammeArea.Input.BoundaryGeoJson) => "boundary",
        nameof(SaveProgrammeArea.Input.TopicSlugs) => "topics",
        "" => "",
        _ => char.ToLowerInvariant(field[0]) + field[1..],
    };
}
