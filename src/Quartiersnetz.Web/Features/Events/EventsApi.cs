using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Http;
using Quartiersnetz.Platform.Localization;
using Quartiersnetz.Platform.Paging;

namespace Quartiersnetz.Features.Events;

/// <summary>Body of a registration: empty to register oneself; the office may name a person.</summary>
internal sealed record RegistrationRequest(Guid? PersonId, int? Companions = null)
{
    /// <summary>Answers to the event's questions: {"questionId": "text"}, {"questionId": ["option", …]} or true/false for yes/no.</summary>
    public System.Text.Json.JsonElement? Answers { get; init; }

    /// <summary>Codes of the accessibility needs (gebaerdensprache, rollstuhl, hoeranlage, grosse-schrift-leichte-sprache, sonstiges).</summary>
    public List<string>? AccessibilityNeeds { get; init; }

    /// <summary>What is needed, with the code "sonstiges".</summary>
    public string? AccessibilityNote { get; init; }
}

internal static class EventsApi
{
    public static RouteGroupBuilder MapEventsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/events").WithTags("Veranstaltungen");
        group.MapGet("", ListAsync).AllowAnonymous().CacheOutput(Quartiersnetz.Platform.Caching.PublicPageCache.PolicyName)
            .WithName("ListEvents")
            .WithSummary("Veranstaltungen auflisten")
            .WithDescription("Kommende Veranstaltungen (noch nicht beendet) nach Beginn, seitenweise; nur was die aufrufende Person sehen darf "
                + "(öffentliche für alle, Mitgliederveranstaltungen für Mitglieder). Filter: type, from/to (ISO 8601 mit Zeitzone), topic (Slug, mit Unterthemen).");
        group.MapGet("/{id:guid}", GetAsync).AllowAnonymous().CacheOutput(Quartiersnetz.Platform.Caching.PublicPageCache.PolicyName)
            .WithName("GetEvent")
            .WithSummary("Eine Veranstaltung abrufen")
            .WithDescription("Der Online-Link steht nur für bestätigte Teilnehmende und die Geschäftsstelle in der Antwort.");
        group.MapPost("", CreateAsync).RequireAuthorization(Policies.Office)
            .WithName("CreateEvent")
            .WithSummary("Eine Veranstaltung anlegen (Geschäftsstelle)");
        group.MapPut("/{id:guid}", UpdateAsync).RequireAuthorization(Policies.Office)
            .WithName("UpdateEvent")
            .WithSummary("Eine Veranstaltung ändern (Geschäftsstelle)")
            .WithDescription("Ersetzt alle Angaben. Die Zahl der Plätze kann nicht unter die Zahl der bestätigten Anmeldungen sinken; mehr Plätze rücken Personen von der Warteliste nach.");
        group.MapPost("/{id:guid}/registrations", RegisterAsync).RequireAuthorization(Policies.SignedIn)
            .WithName("RegisterForEvent")
            .WithSummary("Für eine Veranstaltung anmelden")
            .WithDescription("Ohne Body meldet sich die aufrufende Person selbst an; die Geschäftsstelle kann ein JSON-Objekt mit dem Feld personId senden. "
                + "Antwort: die Anmeldung mit status confirmed, waitlisted (mit waitlistPosition) oder pending (wartet auf Bestätigung).")
            .WithEventRegistrationBody();
        group.MapDelete("/{id:guid}/registrations/me", CancelAsync).RequireAuthorization(Policies.SignedIn)
            .WithName("CancelEventRegistration")
            .WithSummary("Die eigene Anmeldung zurückziehen (bis zur Abmeldefrist)");
        group.MapGet("/{id:guid}/registrations", ParticipantsAsync).RequireAuthorization(Policies.Office)
            .WithName("ListEventRegistrations")
            .WithSummary("Anmeldungen einer Veranstaltung (Geschäftsstelle)")
            .WithDescription("Seitenweise: bestätigt, Platz angeboten, wartet auf Bestätigung, Warteliste (in Reihenfolge), abgemeldet. Filter: status, q (Name, Kommune, Organisation).");
        group.MapEventRegistrationFormApi();
        return api;
    }

    private static async Task<Results<Ok<PagedResult<EventSummary>>, ValidationProblem>> ListAsync(
        HttpContext http, QuartiersnetzDbContext db, IAuthorizationService authorization, TimeProvider clock, IStringLocalizer<Texts> l,
        CancellationToken cancellationToken, string? type = null, string? from = null, string? to = null, string? topic = null, int page = 1, int pageSize = 50)
    {
        var errors = new Dictionary<string, string[]>();
        var parsedType = EventLabels.ParseType(type);
        if (!string.IsNullOrEmpty(type) && parsedType is null)
        {
            errors["type"] = [l["Unbekannte Art. Erlaubt sind: {0}.", string.Join(", ", EventLabels.Types)]];
        }

        var fromUtc = ParseInstant(from, "from", errors, l);
        var toUtc = ParseInstant(to, "to", errors, l);
        if (fromUtc is not null && toUtc is not null && toUtc <= fromUtc)
        {
            errors["to"] = [l["Das Ende des Zeitraums muss nach seinem Beginn liegen."]];
        }

        if (topic?.Length > 100)
        {
            errors["topic"] = [l["Der Themenfilter darf höchstens {0} Zeichen haben.", 100]];
        }

        ApiParameters.CheckPaging(errors, l, page, pageSize);

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, detail: l["Bitte korrigieren Sie die genannten Parameter."]);
        }

        var viewer = EventViewer.From(await RegistrationActor.FromAsync(authorization, http.User));
        return TypedResults.Ok(await ListEvents.HandleAsync(
            db, viewer, new EventFilter(parsedType, fromUtc, toUtc, topic), clock.GetUtcNow().UtcDateTime, new PageRequest(page, pageSize), cancellationToken));
    }

    private static async Task<Results<Ok<EventDetails>, ProblemHttpResult>> GetAsync(
        Guid id, HttpContext http, QuartiersnetzDbContext db, IAuthorizationService authorization, IStringLocalizer<Texts> l, CancellationToken cancellationToken)
    {
        var viewer = EventViewer.From(await RegistrationActor.FromAsync(authorization, http.User));
        var details = await ListEvents.DetailsAsync(db, viewer, id, cancellationToken);
        return details is null ? NotFound(l, id) : TypedResults.Ok(details);
    }

    private static async Task<Results<Created<EventDetails>, ValidationProblem>> CreateAsync(
        SaveEvent.Input input, HttpContext http, QuartiersnetzDbContext db, AuditLog audit, TimeProvider clock, IStringLocalizer<Texts> l,
        CancellationToken cancellationToken)
    {
        if (Validate(input, l) is { } invalid)
        {
            return invalid;
        }

        var outcome = await SaveEvent.CreateAsync(db, audit, AuditActor.From(http.User), clock, input, cancellationToken);
        if (outcome.Refusal is { } refusal)
        {
            return Invalid(refusal, l);
        }

        var details = await ListEvents.DetailsAsync(db, new EventViewer(null, true, true), outcome.Id, cancellationToken);
        return TypedResults.Created($"/api/v1/events/{outcome.Id}", details);
    }

    private static async Task<Results<Ok<EventDetails>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid id, SaveEvent.Input input, HttpContext http, QuartiersnetzDbContext db, AuditLog audit, TimeProvider clock, IStringLocalizer<Texts> l,
        CancellationToken cancellationToken)
    {
        if (Validate(input, l) is { } invalid)
        {
            return invalid;
        }

        var outcome = await SaveEvent.UpdateAsync(db, audit, AuditActor.From(http.User), clock, id, input, cancellationToken);
        return outcome.Result switch
        {
            SaveEvent.Result.NotFound => NotFound(l, id),
            SaveEvent.Result.Refused when outcome.Refusal!.Message == SaveEvent.CapacityBelowTakenMessage => CapacityChoice(outcome.Refusal, l),
            SaveEvent.Result.Refused => Invalid(outcome.Refusal!, l),
            _ => TypedResults.Ok((await ListEvents.DetailsAsync(db, new EventViewer(null, true, true), id, cancellationToken))!),
        };
    }

    private static async Task<Results<Created<RegistrationView>, ValidationProblem, ProblemHttpResult>> RegisterAsync(
        Guid id, HttpContext http, QuartiersnetzDbContext db, IAuthorizationService authorization, TimeProvider clock, IStringLocalizer<Texts> l,
        CancellationToken cancellationToken)
    {
        // The body is optional (empty = oneself). Read by hand: a declared optional body still makes routing reject
        // requests without a Content-Type, and "POST without body" is the common call.
        RegistrationRequest? request = null;
        if (http.Request.ContentLength is > 0 || http.Request.Headers.TransferEncoding.Count > 0)
        {
            try
            {
                request = await http.Request.ReadFromJsonAsync<RegistrationRequest>(cancellationToken);
            }
            catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException)
            {
                return TypedResults.ValidationProblem(
                    new Dictionary<string, string[]> { ["personId"] = [l["Bitte senden Sie ein JSON-Objekt mit dem Feld personId oder keinen Inhalt."]] },
                    detail: l["Bitte korrigieren Sie die genannten Felder."]);
            }
        }

        var actor = await RegistrationActor.FromAsync(authorization, http.User);
        var forged = request?.PersonId is { } target && target != actor.AccountId && !actor.IsOffice;
        CheckedForm? form = null;
        if (!forged)
        {
            var (checkedForm, problem) = await EventRegistrationApi.CheckFormAsync(db, actor, id, request, l, cancellationToken);
            if (problem is not null)
            {
                return problem;
            }

            form = checkedForm;
        }

        var outcome = await RegisterForEvent.HandleAsync(db, clock, actor, id, request?.PersonId, request?.Companions ?? 0, form, cancellationToken);
        switch (outcome.Result)
        {
            case RegisterForEvent.Result.Done:
                return TypedResults.Created($"/api/v1/events/{id}/registrations/{outcome.Registration!.Id}", outcome.Registration);
            case RegisterForEvent.Result.NotFound:
                return NotFound(l, id);
            case RegisterForEvent.Result.Forbidden:
                return TypedResults.Problem(l[outcome.Refusal!.Message, outcome.Refusal.Args], title: l["Nicht erlaubt"], statusCode: StatusCodes.Status403Forbidden);
            default:
                return outcome.Refusal!.Field.Length > 0 ? Invalid(outcome.Refusal, l) : Conflict(outcome.Refusal, l);
        }
    }

    private static async Task<Results<Ok<RegistrationView>, ValidationProblem, ProblemHttpResult>> CancelAsync(
        Guid id, HttpContext http, QuartiersnetzDbContext db, TimeProvider clock, IStringLocalizer<Texts> l, CancellationToken cancellationToken)
    {
        var me = http.User.AccountId()!.Value;
        var outcome = await RegisterForEvent.CancelAsync(db, clock, id, me, byOffice: false, cancellationToken);
        return outcome.Result switch
        {
            RegisterForEvent.Result.Done => TypedResults.Ok(outcome.Registration!),
            RegisterForEvent.Result.NotFound => NotFound(l, id),
            _ => Conflict(outcome.Refusal!, l),
        };
    }

    private static async Task<Results<Ok<PagedResult<ParticipantListRow>>, ValidationProblem, ProblemHttpResult>> ParticipantsAsync(
        Guid id, QuartiersnetzDbContext db, IStringLocalizer<Texts> l, CancellationToken cancellationToken,
        string? status = null, int page = 1, int pageSize = 50, string? q = null)
    {
        var errors = new Dictionary<string, string[]>();
        var parsed = EventLabels.ParseStatus(status);
        if (!string.IsNullOrEmpty(status) && parsed is null)
        {
            errors["status"] = [l["Unbekannter Status. Erlaubt sind: confirmed, waitlisted, pending, offered, cancelled."]];
        }

        ApiParameters.CheckPaging(errors, l, page, pageSize);

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, detail: l["Bitte korrigieren Sie die genannten Parameter."]);
        }

        if (!await db.Set<Event>().AnyAsync(e => e.Id == id, cancellationToken))
        {
            return NotFound(l, id);
        }

        return TypedResults.Ok(await EventRegistrationApi.WithAnswersAsync(db, await ParticipantList.PageAsync(db, id, new ParticipantFilter(parsed, q), new PageRequest(page, pageSize), cancellationToken), cancellationToken));
    }

    private static DateTime? ParseInstant(string? value, string field, Dictionary<string, string[]> errors, IStringLocalizer<Texts> l)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            return instant.UtcDateTime;
        }

        errors[field] = [l["Bitte geben Sie einen Zeitpunkt im Format ISO 8601 an, z. B. 2026-05-20T10:00:00+02:00."]];
        return null;
    }

    private static ValidationProblem? Validate(SaveEvent.Input input, IStringLocalizer<Texts> l)
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

    private static ValidationProblem Invalid(Refusal refusal, IStringLocalizer<Texts> l) =>
        TypedResults.ValidationProblem(
            new Dictionary<string, string[]> { [JsonName(refusal.Field)] = [l[refusal.Message, refusal.Args]] },
            detail: l["Bitte korrigieren Sie die genannten Felder."]);

    /// <summary>A refusal about the state of the event or registration (closed, already registered, deadline passed): 409 with the German reason.</summary>
    private static ProblemHttpResult Conflict(Refusal refusal, IStringLocalizer<Texts> l) =>
        TypedResults.Problem(l[refusal.Message, refusal.Args], title: l["Nicht möglich"], statusCode: StatusCodes.Status409Conflict);

    /// <summary>
    /// The capacity would drop below the seats taken: 409, naming the choice the caller must make in capacityReduction.
    /// Nothing was changed.
    /// </summary>
    private static ProblemHttpResult CapacityChoice(Refusal refusal, IStringLocalizer<Texts> l) =>
        TypedResults.Problem(
            l[refusal.Message, refusal.Args], title: l["Weniger Plätze als bestätigte Anmeldungen"], statusCode: StatusCodes.Status409Conflict,
            extensions: new Dictionary<string, object?>
            {
                ["errors"] = new Dictionary<string, string[]>
                {
                    ["capacity"] = [l[refusal.Message, refusal.Args]],
                    ["capacityReduction"] = [l["Bitte senden Sie die Angabe erneut mit capacityReduction: KeepEveryone (alle behalten, die Zahl der Plätze wird auf {0} gesetzt) oder MoveLastToWaitlist (die zuletzt Angemeldeten kommen an die Spitze der Warteliste).", refusal.Args]],
                },
                ["options"] = new[] { nameof(CapacityReduction.KeepEveryone), nameof(CapacityReduction.MoveLastToWaitlist) },
            });

    private static ProblemHttpResult NotFound(IStringLocalizer<Texts> l, Guid id) =>
        TypedResults.Problem(l["Es gibt keine Veranstaltung mit der Kennung {0}.", id], statusCode: StatusCodes.Status404NotFound);

    private static string JsonName(string member) => member.Length == 0 ? member : char.ToLowerInvariant(member[0]) + member[1..];
}
