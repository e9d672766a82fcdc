using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Localization;
using Quartiersnetz.Platform.Paging;

namespace Quartiersnetz.Features.Events;

/// <summary>
/// Body of POST/PUT /api/v1/event-series: the schedule (rule, firstDate "2026-01-21", startTime "10:00", endTime
/// "13:00", Berlin time) and the template of every occurrence (the fields of an event without start and end).
/// </summary>
internal sealed class EventSeriesRequest
{
    public string? Rule { get; set; }

    public string? FirstDate { get; set; }

    public string? StartTime { get; set; }

    public string? EndTime { get; set; }

    public string? MunicipalityAgs { get; set; }

    public EventType? Type { get; set; }

    public string? Title { get; set; }

    public string? Description { get; set; }

    public PlaceMode? PlaceMode { get; set; }

    public string? VenueName { get; set; }

    public string? VenueAddress { get; set; }

    public string? OnlineLink { get; set; }

    public string? Organiser { get; set; }

    public EventAudience? Audience { get; set; }

    public string? Language { get; set; }

    public string? AccessibilityInfo { get; set; }

    public string? FeeText { get; set; }

    public int? Capacity { get; set; }

    public bool RequiresConfirmation { get; set; }

    public List<string> Topics { get; set; } = [];

    public SaveEvent.Input ToTemplate() => new()
    {
        Type = Type, Title = Title, Description = Description, PlaceMode = PlaceMode, VenueName = VenueName, VenueAddress = VenueAddress,
        OnlineLink = OnlineLink, Organiser = Organiser, Audience = Audience, Language = Language, AccessibilityInfo = AccessibilityInfo,
        FeeText = FeeText, Capacity = Capacity, RequiresConfirmation = RequiresConfirmation, Topics = Topics,
        // Placeholders so the shared checks pass; the series sets each occurrence's own times.
        StartsAt = DateTimeOffset.UnixEpoch, EndsAt = DateTimeOffset.UnixEpoch.AddHours(1),
    };
}

/// <summary>Body of moving one occurrence: the new start, and the new end (left out: the same duration).</summary>
internal sealed record MoveOccurrenceRequest(DateTimeOffset? StartsAt, DateTimeOffset? EndsAt);

/// <summary>Body of setting an occurrence's agenda (Markdown; empty removes it).</summary>
internal sealed record OccurrenceAgendaRequest(string? Agenda);

internal static class EventSeriesApi
{
    public static RouteGroupBuilder MapEventSeriesApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/event-series").WithTags("Veranstaltungsreihen");
        group.MapGet("", ListAsync).AllowAnonymous().CacheOutput(Quartiersnetz.Platform.Caching.PublicPageCache.PolicyName)
            .WithName("ListEventSeries")
            .WithSummary("Veranstaltungsreihen auflisten")
            .WithDescription("Reihen mit mindestens einem Termin, den die aufrufende Person sehen darf, nach erstem Termin; seitenweise.");
        group.MapGet("/{id:guid}", GetAsync).AllowAnonymous().CacheOutput(Quartiersnetz.Platform.Caching.PublicPageCache.PolicyName)
            .WithName("GetEventSeries")
            .WithSummary("Eine Veranstaltungsreihe mit ihren Terminen")
            .WithDescription("Mit der Regel (RRULE), einer deutschen Beschreibung (summary) und den Terminen, die die aufrufende Person sehen darf.");
        group.MapPost("", CreateAsync).RequireAuthorization(Policies.Office)
            .WithName("CreateEventSeries")
            .WithSummary("Eine Veranstaltungsreihe anlegen (Geschäftsstelle)")
            .WithDescription("rule: RRULE nach RFC 5545 mit COUNT oder UNTIL (höchstens 200 Termine in 3 Jahren, höchstens einer am Tag); "
                + "firstDate (JJJJ-MM-TT), startTime und endTime (HH:mm) in deutscher Zeit; sonst die Felder einer Veranstaltung ohne Beginn und Ende. "
                + "Jeder Termin wird eine eigene Veranstaltung.");
        group.MapPut("/{id:guid}", UpdateAsync).RequireAuthorization(Policies.Office)
            .WithName("UpdateEventSeries")
            .WithSummary("Eine Veranstaltungsreihe ändern (Geschäftsstelle)")
            .WithDescription("Ändert Vorlage und Uhrzeiten für alle künftigen Termine, die nicht einzeln verschoben, abgesagt oder geändert wurden. "
                + "Regel und erster Termin bleiben (rule und firstDate werden nicht ausgewertet).");
        group.MapPost("/{id:guid}/occurrences/{eventId:guid}/move", MoveAsync).RequireAuthorization(Policies.Office)
            .WithName("MoveEventSeriesOccurrence")
            .WithSummary("Einen Termin der Reihe verschieben (Geschäftsstelle)")
            .WithDescription("startsAt (ISO 8601 mit Zeitzone), endsAt optional (sonst gleiche Dauer). Nicht in die Vergangenheit, nicht auf einen Tag mit einem anderen Termin der Reihe.");
        group.MapPost("/{id:guid}/occurrences/{eventId:guid}/cancel", CancelAsync).RequireAuthorization(Policies.Office)
            .WithName("CancelEventSeriesOccurrence")
            .WithSummary("Einen Termin der Reihe absagen (Geschäftsstelle)");
        group.MapPut("/{id:guid}/occurrences/{eventId:guid}/agenda", AgendaAsync).RequireAuthorization(Policies.Office)
            .WithName("SetEventSeriesOccurrenceAgenda")
            .WithSummary("Tagesordnung oder Hinweis eines Termins setzen (Geschäftsstelle, Markdown)");
        return api;
    }

    private static async Task<Results<Ok<PagedResult<EventSeriesSummary>>, ValidationProblem>> ListAsync(
        HttpContext http, QuartiersnetzDbContext db, IAuthorizationService authorization, TimeProvider clock, IStringLocalizer<Texts> l,
        CancellationToken cancellationToken, int page = 1, int pageSize = 50)
    {
        if (page < 1 || pageSize is < 1 or > PageRequest.MaxPageSize)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { [page < 1 ? "page" : "pageSize"] = [l["Die Seite muss 1 oder größer sein und die Seitengröße zwischen 1 und {0} liegen.", PageRequest.MaxPageSize]] },
                detail: l["Bitte korrigieren Sie die genannten Parameter."]);
        }

        var viewer = EventViewer.From(await RegistrationActor.FromAsync(authorization, http.User));
        return TypedResults.Ok(await ListEventSeries.HandleAsync(db, viewer, clock.GetUtcNow().UtcDateTime, new PageRequest(page, pageSize), cancellationToken));
    }

    private static async Task<Results<Ok<EventSeriesDetails>, ProblemHttpResult>> GetAsync(
        Guid id, HttpContext http, QuartiersnetzDbContext db, IAuthorizationService authorization, IStringLocalizer<Texts> l, CancellationToken cancellationToken)
    {
        var viewer = EventViewer.From(await RegistrationActor.FromAsync(authorization, http.User));
        var details = await ListEventSeries.DetailsAsync(db, viewer, id, cancellationToken);
        return details is null ? NotFound(l, id) : TypedResults.Ok(WithSummary(details, l));
    }

    private static async Task<Results<Created<EventSeriesDetails>, ValidationProblem>> CreateAsync(
        EventSeriesRequest request, HttpContext http, QuartiersnetzDbContext db, AuditLog audit, TimeProvider clock, IStringLocalizer<Texts> l,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var schedule = SaveEventSeries.ParseSchedule(request.Rule, request.FirstDate, request.StartTime, request.EndTime, request.MunicipalityAgs,
            (field, message) => errors[JsonName(field)] = [l[message]]);
        var template = request.ToTemplate();
        Validate(template, errors, l);
        if (errors.Count > 0 || schedule is null)
        {
            return TypedResults.ValidationProblem(errors, detail: l["Bitte korrigieren Sie die genannten Felder."]);
        }

        var outcome = await SaveEventSeries.CreateAsync(db, audit, AuditActor.From(http.User), clock, schedule, template, cancellationToken);
        if (outcome.Refusal is { } refusal)
        {
            return Invalid(refusal, l);
        }

        var details = await ListEventSeries.DetailsAsync(db, new EventViewer(null, true, true), outcome.Id, cancellationToken);
        return TypedResults.Created($"/api/v1/event-series/{outcome.Id}", WithSummary(details!, l));
    }

    private static async Task<Results<Ok<EventSeriesDetails>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid id, EventSeriesRequest request, HttpContext http, QuartiersnetzDbContext db, AuditLog audit, TimeProvider clock, IStringLocalizer<Texts> l,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        // Only the times are read; the date stands in so the shared parser can be used.
        var schedule = SaveEventSeries.ParseSchedule(request.Rule, "2000-01-01", request.StartTime, request.EndTime, request.MunicipalityAgs,
            (field, message) => errors[JsonName(field)] = [l[message]]);
        var template = request.ToTemplate();
        Validate(template, errors, l);
        if (errors.Count > 0 || schedule is null)
        {
            return TypedResults.ValidationProblem(errors, detail: l["Bitte korrigieren Sie die genannten Felder."]);
        }

        var outcome = await SaveEventSeries.UpdateAsync(
            db, audit, AuditActor.From(http.User), clock, id, schedule.StartTime, schedule.EndTime, schedule.MunicipalityAgs, template, cancellationToken);
        return outcome.Result switch
        {
            SaveEvent.Result.NotFound => NotFound(l, id),
            SaveEvent.Result.Refused => Invalid(outcome.Refusal!, l),
            _ => TypedResults.Ok(WithSummary((await ListEventSeries.DetailsAsync(db, new EventViewer(null, true, true), id, cancellationToken))!, l)),
        };
    }

    private static async Task<Results<Ok<EventSeriesDetails>, ValidationProblem, ProblemHttpResult>> MoveAsync(
        Guid id, Guid eventId, MoveOccurrenceRequest request, HttpContext http, QuartiersnetzDbContext db, AuditLog audit, TimeProvider clock,
        IStringLocalizer<Texts> l, CancellationToken cancellationToken)
    {
        if (request.StartsAt is not { } startsAt)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["startsAt"] = [l["Bitte geben Sie den neuen Beginn an (ISO 8601 mit Zeitzone)."]] },
                detail: l["Bitte korrigieren Sie die genannten Felder."]);
        }

        var outcome = await SaveEventSeries.MoveAsync(db, audit, AuditActor.From(http.User), clock, id, eventId, startsAt, request.EndsAt, cancellationToken);
        return await AnswerAsync(outcome, id, eventId, db, l, cancellationToken);
    }

    private static async Task<Results<Ok<EventSeriesDetails>, ValidationProblem, ProblemHttpResult>> CancelAsync(
        Guid id, Guid eventId, HttpContext http, QuartiersnetzDbContext db, AuditLog audit, TimeProvider clock, IStringLocalizer<Texts> l,
        CancellationToken cancellationToken)
    {
        var outcome = await SaveEventSeries.CancelOccurrenceAsync(db, audit, AuditActor.From(http.User), clock, id, eventId, cancellationToken);
        return await AnswerAsync(outcome, id, eventId, db, l, cancellationToken);
    }

    private static async Task<Results<Ok<EventSeriesDetails>, ValidationProblem, ProblemHttpResult>> AgendaAsync(
        Guid id, Guid eventId, OccurrenceAgendaRequest request, HttpContext http, QuartiersnetzDbContext db, AuditLog audit, TimeProvider clock,
        IStringLocalizer<Texts> l, CancellationToken cancellationToken)
    {
        var outcome = await SaveEventSeries.SetAgendaAsync(db, audit, AuditActor.From(http.User), clock, id, eventId, request.Agenda, cancellationToken);
        return await AnswerAsync(outcome, id, eventId, db, l, cancellationToken);
    }

    private static async Task<Results<Ok<EventSeriesDetails>, ValidationProblem, ProblemHttpResult>> AnswerAsync(
        SaveEventSeries.Outcome outcome, Guid id, Guid eventId, QuartiersnetzDbContext db, IStringLocalizer<Texts> l, CancellationToken cancellationToken) =>
        outcome.Result switch
        {
            SaveEvent.Result.NotFound => TypedResults.Problem(l["Die Reihe {0} hat keinen Termin mit der Kennung {1}.", id, eventId], statusCode: StatusCodes.Status404NotFound),
            SaveEvent.Result.Refused => Invalid(outcome.Refusal!, l),
            _ => TypedResults.Ok(WithSummary((await ListEventSeries.DetailsAsync(db, new EventViewer(null, true, true), id, cancellationToken))!, l)),
        };

    private static EventSeriesDetails WithSummary(EventSeriesDetails details, IStringLocalizer<Texts> l) =>
        details with { Summary = SeriesRecurrence.Describe(details.Rule, details.StartTime, details.EndTime, l) };

    private static void Validate(SaveEvent.Input input, Dictionary<string, string[]> errors, IStringLocalizer<Texts> l)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(input, new ValidationContext(input), results, validateAllProperties: true);
        foreach (var group in results.SelectMany(r => r.MemberNames.DefaultIfEmpty("").Select(m => (Field: JsonName(m), Message: l[r.ErrorMessage ?? ""].Value)))
            .GroupBy(e => e.Field))
        {
            errors[group.Key] = [.. group.Select(e => e.Message)];
        }
    }

    private static ValidationProblem Invalid(Refusal refusal, IStringLocalizer<Texts> l) =>
        TypedResults.ValidationProblem(
            new Dictionary<string, string[]> { [JsonName(refusal.Field)] = [l[refusal.Message, refusal.Args]] },
            detail: l["Bitte korrigieren Sie die genannten Felder."]);

    private static ProblemHttpResult NotFound(IStringLocalizer<Texts> l, Guid id) =>
        TypedResults.Problem(l["Es gibt keine Veranstaltungsreihe mit der Kennung {0}.", id], statusCode: StatusCodes.Status404NotFound);

    private static string JsonName(string member) => member.Length == 0 ? member : char.ToLowerInvariant(member[0]) + member[1..];
}
