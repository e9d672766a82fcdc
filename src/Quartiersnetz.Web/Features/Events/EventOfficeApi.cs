using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Localization;

namespace Quartiersnetz.Features.Events;

/// <summary>Body of a waiting-list move: the new position, 1 = next in line.</summary>
internal sealed record WaitlistMoveRequest(int? Position);

/// <summary>Body of a bulk mail to participants; without <see cref="Confirm"/> only the recipients are counted.</summary>
internal sealed record ParticipantMailRequest(string? Subject, string? Body, string? Status, string? Q, bool Confirm);

/// <summary>The answer to a bulk mail: how many people it reaches and whether it was sent.</summary>
internal sealed record ParticipantMailResponse(int Recipients, bool Sent);

/// <summary>The office's waiting-list operations, offers of freed seats and bulk mail, under /api/v1/events.</summary>
internal static class EventOfficeApi
{
    public static RouteGroupBuilder MapEventOfficeApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/events").WithTags("Veranstaltungen");
        group.MapGet("/{id:guid}/waitlist", WaitlistAsync).RequireAuthorization(Policies.Office)
            .WithName("GetEventWaitlist")
            .WithSummary("Die Warteliste in Reihenfolge (Geschäftsstelle)");
        group.MapPut("/{id:guid}/waitlist/{registrationId:guid}", MoveAsync).RequireAuthorization(Policies.Office)
            .WithName("MoveOnEventWaitlist")
            .WithSummary("Eine Person auf der Warteliste verschieben (Geschäftsstelle)")
            .WithDescription("Body: ein JSON-Objekt mit dem Feld position (1 = die nächste Person, die nachrückt). Protokolliert.");
        group.MapDelete("/{id:guid}/waitlist/{registrationId:guid}", RemoveAsync).RequireAuthorization(Policies.Office)
            .WithName("RemoveFromEventWaitlist")
            .WithSummary("Eine Person von der Warteliste nehmen (Geschäftsstelle)");
        group.MapPost("/{id:guid}/registrations/me/offer/accept", AcceptAsync).RequireAuthorization(Policies.SignedIn)
            .WithName("AcceptEventSeatOffer")
            .WithSummary("Ein Platzangebot annehmen")
            .WithDescription("Nur solange das Angebot gilt; danach 409.");
        group.MapPost("/{id:guid}/registrations/me/offer/decline", DeclineAsync).RequireAuthorization(Policies.SignedIn)
            .WithName("DeclineEventSeatOffer")
            .WithSummary("Ein Platzangebot ablehnen; der Platz geht an die nächste Person auf der Warteliste");
        group.MapPost("/{id:guid}/participants/mail", MailAsync).RequireAuthorization(Policies.Office)
            .WithName("MailEventParticipants")
            .WithSummary("Rundmail an Teilnehmende (Geschäftsstelle)")
            .WithDescription("Filter wie die Teilnehmendenliste (status, q). Ohne \"confirm\": true wird nur die Zahl der Empfänger genannt; "
                + "mit confirm gehen die E-Mails über den Postausgang. Ohne Statusfilter bleiben Abgemeldete außen vor.");
        return api;
    }

    private static async Task<Results<Ok<List<OfficeWaitlist.Entry>>, ProblemHttpResult>> WaitlistAsync(
        Guid id, QuartiersnetzDbContext db, IStringLocalizer<Texts> l, CancellationToken cancellationToken)
    {
        if (!await db.Set<Event>().AnyAsync(e => e.Id == id, cancellationToken))
        {
            return NotFound(l);
        }

        return TypedResults.Ok(await OfficeWaitlist.ListAsync(db, id, cancellationToken));
    }

    private static async Task<Results<Ok<RegistrationView>, ValidationProblem, ProblemHttpResult>> MoveAsync(
        Guid id, Guid registrationId, WaitlistMoveRequest request, HttpContext http, QuartiersnetzDbContext db, AuditLog audit, TimeProvider clock,
        EventNoticeSignal signal, IStringLocalizer<Texts> l, CancellationToken cancellationToken)
    {
        if (request.Position is not { } position)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["position"] = [l["Bitte geben Sie die neue Position an (1 = rückt als Nächste nach)."]] },
                detail: l["Bitte korrigieren Sie die genannten Felder."]);
        }

        var outcome = await OfficeWaitlist.MoveAsync(db, audit, AuditActor.From(http.User), clock, id, registrationId, position, cancellationToken);
        signal.Wake();
        return Answer(outcome, l);
    }

    private static async Task<Results<Ok<RegistrationView>, ValidationProblem, ProblemHttpResult>> RemoveAsync(
        Guid id, Guid registrationId, HttpContext http, QuartiersnetzDbContext db, AuditLog audit, TimeProvider clock, EventNoticeSignal signal,
        IStringLocalizer<Texts> l, CancellationToken cancellationToken)
    {
        var outcome = await OfficeWaitlist.RemoveAsync(db, audit, AuditActor.From(http.User), clock, id, registrationId, cancellationToken);
        signal.Wake();
        return Answer(outcome, l);
    }

    private static async Task<Results<Ok<RegistrationView>, ValidationProblem, ProblemHttpResult>> AcceptAsync(
        Guid id, HttpContext http, QuartiersnetzDbContext db, TimeProvider clock, IStringLocalizer<Texts> l, CancellationToken cancellationToken) =>
        Answer(await EventOffers.AcceptAsync(db, clock, id, http.User.AccountId()!.Value, cancellationToken), l);

    private static async Task<Results<Ok<RegistrationView>, ValidationProblem, ProblemHttpResult>> DeclineAsync(
        Guid id, HttpContext http, QuartiersnetzDbContext db, TimeProvider clock, EventNoticeSignal signal, IStringLocalizer<Texts> l,
        CancellationToken cancellationToken)
    {
        var outcome = await EventOffers.DeclineAsync(db, clock, id, http.User.AccountId()!.Value, cancellationToken);
        signal.Wake();
        return Answer(outcome, l);
    }

    private static async Task<Results<Ok<ParticipantMailResponse>, Accepted<ParticipantMailResponse>, ValidationProblem, ProblemHttpResult>> MailAsync(
        Guid id, ParticipantMailRequest request, HttpContext http, MailParticipants mail, IStringLocalizer<Texts> l, CancellationToken cancellationToken)
    {
        var status = EventLabels.ParseStatus(request.Status);
        if (!string.IsNullOrEmpty(request.Status) && status is null)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["status"] = [l["Unbekannter Status. Erlaubt sind: confirmed, waitlisted, pending, offered, cancelled."]] },
                detail: l["Bitte korrigieren Sie die genannten Felder."]);
        }

        var result = await mail.HandleAsync(
            AuditActor.From(http.User), id, new ParticipantFilter(status, request.Q), request.Subject, request.Body, request.Confirm, cancellationToken);
        if (!result.EventFound)
        {
            return NotFound(l);
        }

        if (result.Errors.Count > 0)
        {
            return TypedResults.ValidationProblem(result.Errors, detail: l["Bitte korrigieren Sie die genannten Felder."]);
        }

        var response = new ParticipantMailResponse(result.Recipients, result.Sent);
        return result.Sent ? TypedResults.Accepted((string?)null, response) : TypedResults.Ok(response);
    }

    private static Results<Ok<RegistrationView>, ValidationProblem, ProblemHttpResult> Answer(RegisterForEvent.Outcome outcome, IStringLocalizer<Texts> l) =>
        outcome.Result switch
        {
            RegisterForEvent.Result.Done => TypedResults.Ok(outcome.Registration!),
            RegisterForEvent.Result.NotFound => TypedResults.Problem(l["Es gibt keine solche Veranstaltung oder Anmeldung."], statusCode: StatusCodes.Status404NotFound),
            _ when outcome.Refusal!.Field.Length > 0 => TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { [char.ToLowerInvariant(outcome.Refusal.Field[0]) + outcome.Refusal.Field[1..]] = [l[outcome.Refusal.Message, outcome.Refusal.Args]] },
                detail: l["Bitte korrigieren Sie die genannten Felder."]),
            _ => TypedResults.Problem(l[outcome.Refusal!.Message, outcome.Refusal.Args], title: l["Nicht möglich"], statusCode: StatusCodes.Status409Conflict),
        };

    private static ProblemHttpResult NotFound(IStringLocalizer<Texts> l) =>
        TypedResults.Problem(l["Es gibt keine solche Veranstaltung."], statusCode: StatusCodes.Status404NotFound);
}
