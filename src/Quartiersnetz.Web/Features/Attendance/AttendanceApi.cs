using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Localization;
using Quartiersnetz.Platform.Paging;
using Quartiersnetz.Platform.Time;

namespace Quartiersnetz.Features.Attendance;

/// <summary>Body of a check-in or check-out: the registration's id, or the pass's short code / scanned address.</summary>
internal sealed record CheckInRequest(Guid? RegistrationId, string? Code);

/// <summary>A check-in's answer; <see cref="AlreadyDone"/> is true when nothing changed (checking in twice is harmless).</summary>
internal sealed record CheckInResponse(Guid RegistrationId, string Name, DateOnly Day, DateTime? CheckedInAt, DateTime? CheckedOutAt, bool AlreadyDone);

/// <summary>One row of the attendance list in the API.</summary>
internal sealed record AttendanceItem(
    Guid RegistrationId, string Name, string? Organisation, bool Guest, bool WalkIn, DateOnly Day, DateTime? CheckedInAt, DateTime? CheckedOutAt, int NetMinutes);

/// <summary>A page of the attendance list with the day's counts.</summary>
internal sealed record AttendancePage(DateOnly Day, int Confirmed, int CheckedIn, int CheckedOut, PagedResult<AttendanceItem> Participants);

/// <summary>Attendance of an event for the office, under /api/v1/events/{id}/attendance.</summary>
internal static class AttendanceApi
{
    public static RouteGroupBuilder MapAttendanceApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/events/{id:guid}/attendance").WithTags("Anwesenheit").RequireAuthorization(Policies.Office);
        group.MapGet("", ListAsync)
            .WithName("GetEventAttendance")
            .WithSummary("Anwesenheit der bestätigten Teilnehmenden an einem Tag (Geschäftsstelle)")
            .WithDescription("Parameter: day (yyyy-MM-dd, ein Tag der Veranstaltung; ohne: heute bzw. der erste Tag), q (Name, Kommune, Organisation), page, pageSize (höchstens 100). "
                + "netMinutes: Netto-Minuten über alle Tage (Programmzeit ohne Pausen).");
        group.MapPost("/check-in", CheckInAsync)
            .WithName("CheckInToEvent")
            .WithSummary("Eine Person für heute einchecken (Geschäftsstelle)")
            .WithDescription("Body: registrationId oder code (Kurzcode des Einlass-Ausweises oder die gescannte Adresse). Zweimal einchecken ändert nichts (alreadyDone: true).");
        group.MapPost("/check-out", CheckOutAsync)
            .WithName("CheckOutOfEvent")
            .WithSummary("Eine Person für heute auschecken (Geschäftsstelle)")
            .WithDescription("Body wie beim Einchecken; nur nach dem Einchecken am selben Tag.");
        return api;
    }

    private static async Task<Results<Ok<AttendancePage>, ValidationProblem, ProblemHttpResult>> ListAsync(
        Guid id, string? day, string? q, int? page, int? pageSize, QuartiersnetzDbContext db, TimeProvider clock, IStringLocalizer<Texts> l,
        CancellationToken cancellationToken)
    {
        if (await AttendanceList.EventAsync(db, id, cancellationToken) is not { } ev)
        {
            return NotFound(l);
        }

        var today = BerlinTime.Today(clock);
        var chosen = ev.Days.Contains(today) ? today : ev.Days[0];
        if (!string.IsNullOrEmpty(day))
        {
            if (!DateOnly.TryParseExact(day, "yyyy-MM-dd", BerlinTime.Culture, System.Globalization.DateTimeStyles.None, out chosen) || !ev.Days.Contains(chosen))
            {
                return Invalid(l, "day", l["Bitte geben Sie einen Tag der Veranstaltung an (yyyy-MM-dd, {0} bis {1}).",
                    ev.Days[0].ToString("yyyy-MM-dd", BerlinTime.Culture), ev.Days[^1].ToString("yyyy-MM-dd", BerlinTime.Culture)]);
            }
        }

        if (page < 1)
        {
            return Invalid(l, "page", l["Die Seite muss 1 oder größer sein."]);
        }

        if (pageSize is < 1 or > PageRequest.MaxPageSize)
        {
            return Invalid(l, "pageSize", l["Die Seitengröße muss zwischen 1 und {0} liegen.", PageRequest.MaxPageSize]);
        }

        var request = new PageRequest(page ?? 1, pageSize ?? 50);

        var counts = await AttendanceList.CountsAsync(db, id, chosen, cancellationToken);
        var rows = await AttendanceList.PageAsync(db, ev, chosen, q, request, clock.GetUtcNow().UtcDateTime, cancellationToken);
        var items = rows.Items.Select(r => new AttendanceItem(r.RegistrationId, r.Name, r.Organisation, r.IsGuest, r.IsWalkIn, r.Day, r.CheckedInAtUtc, r.CheckedOutAtUtc, r.NetMinutes)).ToList();
        return TypedResults.Ok(new AttendancePage(chosen, counts.Confirmed, counts.CheckedIn, counts.CheckedOut,
            new PagedResult<AttendanceItem>(items, rows.Page, rows.PageSize, rows.TotalCount)));
    }

    private static Task<Results<Ok<CheckInResponse>, ValidationProblem, ProblemHttpResult>> CheckInAsync(
        Guid id, CheckInRequest? request, HttpContext http, QuartiersnetzDbContext db, TimeProvider clock, IStringLocalizer<Texts> l, CancellationToken cancellationToken) =>
        ChangeAsync(id, request, db, l, registrationId => CheckIn.CheckInAsync(db, clock, http.User.AccountId(), id, registrationId, cancellationToken), cancellationToken);

    private static Task<Results<Ok<CheckInResponse>, ValidationProblem, ProblemHttpResult>> CheckOutAsync(
        Guid id, CheckInRequest? request, HttpContext http, QuartiersnetzDbContext db, TimeProvider clock, IStringLocalizer<Texts> l, CancellationToken cancellationToken) =>
        ChangeAsync(id, request, db, l, registrationId => CheckIn.CheckOutAsync(db, clock, http.User.AccountId(), id, registrationId, cancellationToken), cancellationToken);

    private static async Task<Results<Ok<CheckInResponse>, ValidationProblem, ProblemHttpResult>> ChangeAsync(
        Guid id, CheckInRequest? request, QuartiersnetzDbContext db, IStringLocalizer<Texts> l, Func<Guid, Task<CheckIn.Outcome>> change,
        CancellationToken cancellationToken)
    {
        if (await AttendanceList.EventAsync(db, id, cancellationToken) is null)
        {
            return NotFound(l);
        }

        var registrationId = request?.RegistrationId;
        if (registrationId is null)
        {
            if (string.IsNullOrWhiteSpace(request?.Code))
            {
                return Invalid(l, "registrationId", l["Bitte geben Sie registrationId oder code an."]);
            }

            var (resolved, refusal) = await CheckIn.ResolveCodeAsync(db, id, request.Code, "code", cancellationToken);
            if (refusal is not null)
            {
                return Answer(refusal, l);
            }

            registrationId = resolved;
        }

        return Answer(await change(registrationId!.Value), l);
    }

    private static Results<Ok<CheckInResponse>, ValidationProblem, ProblemHttpResult> Answer(CheckIn.Outcome outcome, IStringLocalizer<Texts> l) =>
        outcome.Result switch
        {
            CheckIn.Result.Done or CheckIn.Result.AlreadyDone => TypedResults.Ok(new CheckInResponse(
                outcome.State!.RegistrationId, outcome.State.Name, outcome.State.Day, outcome.State.CheckedInAtUtc, outcome.State.CheckedOutAtUtc,
                outcome.Result == CheckIn.Result.AlreadyDone)),
            CheckIn.Result.NotFound => NotFound(l),
            _ when outcome.Refusal!.Field.Length > 0 => Invalid(l, outcome.Refusal.Field, l[outcome.Refusal.Message, outcome.Refusal.Args]),
            _ => TypedResults.Problem(l[outcome.Refusal!.Message, outcome.Refusal.Args], title: l["Nicht möglich"], statusCode: StatusCodes.Status409Conflict),
        };

    private static ValidationProblem Invalid(IStringLocalizer<Texts> l, string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, detail: l["Bitte korrigieren Sie die genannten Felder."]);

    private static ProblemHttpResult NotFound(IStringLocalizer<Texts> l) =>
        TypedResults.Problem(l["Es gibt keine solche Veranstaltung."], statusCode: StatusCodes.Status404NotFound);
}
