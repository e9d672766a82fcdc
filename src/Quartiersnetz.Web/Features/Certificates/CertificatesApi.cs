using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Attendance;
using Quartiersnetz.Features.Events;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Http;
using Quartiersnetz.Platform.Localization;
using Quartiersnetz.Platform.Paging;
using Quartiersnetz.Platform.Time;

namespace Quartiersnetz.Features.Certificates;

/// <summary>The public answer of a verification.</summary>
internal sealed record VerificationResponse(
    string Code, bool Valid, string ParticipantName, string EventTitle, string Dates, int AttendedMinutes, decimal Points, string Recognition,
    DateTime IssuedAt, DateTime? ReplacedAt);

/// <summary>An event's continuing-education settings as the API reads and writes them; enums by name (e.g. "Anerkannt", "Praesenz").</summary>
internal sealed record CreditBody(string? Recognition, string? ChamberReference, DateOnly? RecognisedOn, string? Format, string? FuwoTopic);

/// <summary>One participant in the office's view: minutes, points and the current certificate's number.</summary>
internal sealed record CreditParticipant(Guid RegistrationId, string Name, int AttendedMinutes, decimal Points, bool Overridden, string? OverrideReason, string? CertificateCode);

internal sealed record CreditView(CreditBody Credit, PagedResult<CreditParticipant> Participants);

internal sealed record OverrideBody(string? Points, string? Reason);

internal sealed record IssueBody(bool? SendMail);

internal sealed record IssueAccepted(Guid RunId);

internal sealed record MyCertificate(Guid Id, string Code, string EventTitle, DateOnly EventDay, string Dates, int AttendedMinutes, decimal Points, string Download, string Verify);

internal sealed record MyPoints(decimal YearlyTarget, IReadOnlyList<PointsYear> Years, int Year, IReadOnlyList<MyCertificate> Certificates);

/// <summary>Certificates and continuing education under /api/v1: public verification, the own points account, the office's settings.</summary>
internal static class CertificatesApi
{
    public static RouteGroupBuilder MapCertificatesApi(this RouteGroupBuilder api)
    {
        api.MapGet("/certificates/{code}", VerifyAsync).AllowAnonymous().WithTags("Bescheinigungen")
            .WithName("VerifyCertificate")
            .WithSummary("Eine Teilnahmebescheinigung prüfen (öffentlich)")
            .WithDescription("code: die Bescheinigungsnummer (16 Zeichen, mit oder ohne Bindestriche). valid: false, wenn sie durch eine berichtigte ersetzt wurde.");
        api.MapGet("/me/certificates", MineAsync).RequireAuthorization(Policies.SignedIn).WithTags("Bescheinigungen")
            .WithName("GetMyCertificates")
            .WithSummary("Eigenes Punktekonto: Punkte je Jahr und die Bescheinigungen eines Jahres")
            .WithDescription("Parameter: year (ohne: das laufende Jahr).");

        var events = api.MapGroup("/events/{id:guid}").WithTags("Bescheinigungen").RequireAuthorization(Policies.Office);
        events.MapGet("/continuing-education", GetCreditAsync).WithName("GetEventContinuingEducation")
            .WithSummary("Anerkennung, Punkte und Bescheinigungen der Teilnehmenden (Geschäftsstelle)")
            .WithDescription("Parameter: page, pageSize (höchstens 100).");
        events.MapPut("/continuing-education", PutCreditAsync).WithName("SetEventContinuingEducation")
            .WithSummary("Anerkennung durch die Architektenkammer speichern (Geschäftsstelle)")
            .WithDescription("recognition: NichtBeantragt, Beantragt, Anerkannt, Abgelehnt; format: Praesenz, Online, Hybrid, Exkursion. Anerkannt verlangt chamberReference und recognisedOn.");
        events.MapPut("/continuing-education/overrides/{registrationId:guid}", PutOverrideAsync).WithName("OverrideContinuingEducationPoints")
            .WithSummary("Punkte einer Person mit Begründung festsetzen (Geschäftsstelle)")
            .WithDescription("points: Zahl in Viertelschritten (\"4,5\" oder \"4.5\"); reason: Pflicht. Ohne points wird die Festsetzung entfernt.");
        events.MapPost("/certificates/runs", IssueAsync).WithName("IssueCertificates")
            .WithSummary("Bescheinigungen im Hintergrund ausstellen (Geschäftsstelle)")
            .WithDescription("Body: sendMail (Standard true). Erst nach dem Ende der Veranstaltung; 202 mit der Nummer des Laufs.");
        return api;
    }

    private static async Task<Results<Ok<VerificationResponse>, ProblemHttpResult>> VerifyAsync(string code, QuartiersnetzDbContext db, IStringLocalizer<Texts> l, CancellationToken cancellationToken) =>
        await CertificateVerification.FindAsync(db, l, code, cancellationToken) is { } v
            ? TypedResults.Ok(new VerificationResponse(v.Code, v.Valid, v.ParticipantName, v.EventTitle, v.Dates, v.AttendedMinutes, v.Points, v.RecognitionNote, v.IssuedAtUtc, v.ReplacedAtUtc))
            : TypedResults.Problem(l["Zu diesem Code gibt es keine Bescheinigung."], statusCode: StatusCodes.Status404NotFound);

    private static async Task<Results<Ok<MyPoints>, ValidationProblem>> MineAsync(
        int? year, HttpContext http, QuartiersnetzDbContext db, TimeProvider clock, IStringLocalizer<Texts> l, CancellationToken cancellationToken)
    {
        if (year is < 2000 or > 2100)
        {
            return Invalid(l, "year", l["Bitte geben Sie ein Jahr zwischen 2000 und 2100 an."]);
        }

        var me = http.User.AccountId()!.Value;
        var chosen = year ?? BerlinTime.Today(clock).Year;
        var certificates = await PointsAccount.CertificatesAsync(db, me, chosen, cancellationToken);
        return TypedResults.Ok(new MyPoints(PointsAccount.YearlyTarget, await PointsAccount.YearsAsync(db, me, cancellationToken), chosen,
            [.. certificates.Select(c => new MyCertificate(c.Id, Certificate.Display(c.Code), c.EventTitle, c.EventDay, c.Dates, c.AttendedMinutes, c.Points,
                CertificateLinks.Download(c.Id), CertificateLinks.VerifyPath(c.Code)))]));
    }

    private static async Task<Results<Ok<CreditView>, ValidationProblem, ProblemHttpResult>> GetCreditAsync(
        Guid id, int? page, int? pageSize, QuartiersnetzDbContext db, TimeProvider clock, IStringLocalizer<Texts> l, CancellationToken cancellationToken)
    {
        if (await CertificateDrafts.EventAsync(db, id, cancellationToken) is not { } ev)
        {
            return NotFound(l);
        }

        if (page < 1)
        {
            return Invalid(l, "page", l["Die Seite muss 1 oder größer sein."]);
        }

        if (pageSize is < 1 or > PageRequest.MaxPageSize)
        {
            return Invalid(l, "pageSize", l["Die Seitengröße muss zwischen 1 und {0} liegen.", PageRequest.MaxPageSize]);
        }

        var participants = await ParticipantList.PageAsync(db, id, new ParticipantFilter(RegistrationStatus.Confirmed), new PageRequest(page ?? 1, pageSize ?? 50), cancellationToken);
        var drafts = await CertificateDrafts.ForAsync(db, ev, participants.Items, clock.GetUtcNow().UtcDateTime, cancellationToken);
        return TypedResults.Ok(new CreditView(Body(ev.Credit), new PagedResult<CreditParticipant>(
            [.. drafts.Select(d => new CreditParticipant(d.RegistrationId, d.Name, d.AttendedMinutes, d.Points.Points, d.Points.Overridden, d.Points.Reason,
                d.Current is null ? null : Certificate.Display(d.Current.Code)))],
            participants.Page, participants.PageSize, participants.TotalCount)));
    }

    private static async Task<Results<Ok<CreditBody>, ValidationProblem, ProblemHttpResult>> PutCreditAsync(
        Guid id, CreditBody? body, HttpContext http, QuartiersnetzDbContext db, AuditLog audit, TimeProvider clock, IStringLocalizer<Texts> l, CancellationToken cancellationToken)
    {
        if (await CertificateDrafts.EventAsync(db, id, cancellationToken) is not { } ev)
        {
            return NotFound(l);
        }

        var recognition = Enum.TryParse<RecognitionStatus>(body?.Recognition, ignoreCase: true, out var r) && Enum.IsDefined(r) && !int.TryParse(body?.Recognition, out _) ? r : (RecognitionStatus)(-1);
        var format = body?.Format is null ? ev.Credit.Format
            : Enum.TryParse<CourseFormat>(body.Format, ignoreCase: true, out var f) && Enum.IsDefined(f) && !int.TryParse(body.Format, out _) ? f : (CourseFormat)(-1);
        var refusals = await ContinuingEducation.SaveCreditAsync(db, audit, AuditActor.From(http.User), clock, ev, recognition, body?.ChamberReference, body?.RecognisedOn, format, body?.FuwoTopic, cancellationToken);
        if (refusals.Count > 0)
        {
            return Invalid(l, refusals);
        }

        return TypedResults.Ok(Body((await CertificateDrafts.EventAsync(db, id, cancellationToken))!.Credit));
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> PutOverrideAsync(
        Guid id, Guid registrationId, OverrideBody? body, HttpContext http, QuartiersnetzDbContext db, AuditLog audit, TimeProvider clock, IStringLocalizer<Texts> l,
        CancellationToken cancellationToken)
    {
        if (await CertificateDrafts.EventAsync(db, id, cancellationToken) is not { } ev)
        {
            return NotFound(l);
        }

        var refusals = await ContinuingEducation.SetOverrideAsync(db, audit, AuditActor.From(http.User), clock, ev, registrationId, body?.Points, body?.Reason, cancellationToken);
        return refusals.Count > 0 ? Invalid(l, refusals) : TypedResults.NoContent();
    }

    private static async Task<Results<Accepted<IssueAccepted>, ProblemHttpResult>> IssueAsync(
        Guid id, IssueBody? body, HttpContext http, QuartiersnetzDbContext db, AuditLog audit, TimeProvider clock, CertificateSignal signal, PublicUrls urls,
        IStringLocalizer<Texts> l, CancellationToken cancellationToken)
    {
        if (await CertificateDrafts.EventAsync(db, id, cancellationToken) is not { } ev)
        {
            return NotFound(l);
        }

        var (run, refusal) = await ContinuingEducation.RequestIssueAsync(db, audit, AuditActor.From(http.User), clock, signal, ev, urls.Absolute("/"), body?.SendMail ?? true, cancellationToken);
        return refusal is not null
            ? TypedResults.Problem(l[refusal.Message, refusal.Args], title: l["Nicht möglich"], statusCode: StatusCodes.Status409Conflict)
            : TypedResults.Accepted((string?)null, new IssueAccepted(run!.Id));
    }

    private static CreditBody Body(EventCredit c) => new(c.Recognition.ToString(), c.ChamberReference, c.RecognisedOn, c.Format.ToString(), c.FuwoTopic);

    private static ValidationProblem Invalid(IStringLocalizer<Texts> l, IReadOnlyList<CreditRefusal> refusals) =>
        TypedResults.ValidationProblem(
            refusals.GroupBy(r => r.Field.Length == 0 ? "" : char.ToLowerInvariant(r.Field[0]) + r.Field[1..])
                .ToDictionary(g => g.Key, g => g.Select(r => l[r.Message, r.Args].Value).ToArray()),
            detail: l["Bitte korrigieren Sie die genannten Felder."]);

    private static ValidationProblem Invalid(IStringLocalizer<Texts> l, string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, detail: l["Bitte korrigieren Sie die genannten Felder."]);

    private static ProblemHttpResult NotFound(IStringLocalizer<Texts> l) =>
        TypedResults.Problem(l["Es gibt keine solche Veranstaltung."], statusCode: StatusCodes.Status404NotFound);
}
