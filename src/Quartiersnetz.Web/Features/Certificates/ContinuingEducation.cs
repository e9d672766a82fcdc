using System.Globalization;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Attendance;
using Quartiersnetz.Features.Events;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Time;

namespace Quartiersnetz.Features.Certificates;

/// <summary>A refusal: the field it concerns ("" for the whole request) and a German source text with its arguments.</summary>
internal sealed record CreditRefusal(string Field, string Message, params object[] Args);

/// <summary>
/// The office's use cases around an event's continuing education: saving the recognition, overriding one person's
/// points with a reason, and asking for a bulk issue. Each validates first and stores nothing when refused; each
/// change goes into the audit log. The page and the API call these.
/// </summary>
internal static class ContinuingEducation
{
    public static async Task<IReadOnlyList<CreditRefusal>> SaveCreditAsync(
        QuartiersnetzDbContext db, AuditLog audit, AuditActor actor, TimeProvider clock, CreditEvent ev,
        RecognitionStatus recognition, string? reference, DateOnly? recognisedOn, CourseFormat format, string? fuwoTopic, CancellationToken cancellationToken)
    {
        reference = string.IsNullOrWhiteSpace(reference) ? null : reference.Trim();
        fuwoTopic = string.IsNullOrWhiteSpace(fuwoTopic) ? null : fuwoTopic.Trim();
        var refusals = new List<CreditRefusal>();
        if (!Enum.IsDefined(recognition))
        {
            refusals.Add(new("Recognition", "Bitte wählen Sie einen Stand der Anerkennung."));
        }

        if (!Enum.IsDefined(format))
        {
            refusals.Add(new("Format", "Bitte wählen Sie ein Format."));
        }

        if (recognition == RecognitionStatus.Anerkannt)
        {
            if (reference is null)
            {
                refusals.Add(new("ChamberReference", "Bitte geben Sie die Anerkennungsnummer der Architektenkammer an."));
            }

            if (recognisedOn is null)
            {
                refusals.Add(new("RecognisedOn", "Bitte geben Sie an, an welchem Tag die Anerkennung erteilt wurde."));
            }
        }

        if (recognisedOn is { } day && day > BerlinTime.Today(clock))
        {
            refusals.Add(new("RecognisedOn", "Der Tag der Anerkennung darf nicht in der Zukunft liegen."));
        }

        if (reference?.Length > EventCredit.ReferenceMaxLength)
        {
            refusals.Add(new("ChamberReference", "Die Anerkennungsnummer darf höchstens {0} Zeichen lang sein.", EventCredit.ReferenceMaxLength));
        }

        if (fuwoTopic?.Length > EventCredit.FuwoTopicMaxLength)
        {
            refusals.Add(new("FuwoTopic", "Der Themenbereich darf höchstens {0} Zeichen lang sein.", EventCredit.FuwoTopicMaxLength));
        }

        if (refusals.Count > 0)
        {
            return refusals;
        }

        var credit = await db.Set<EventCredit>().SingleOrDefaultAsync(c => c.EventId == ev.Id, cancellationToken);
        var before = ev.Credit;
        if (credit is null)
        {
            credit = new EventCredit { EventId = ev.Id };
            db.Add(credit);
        }

        credit.Recognition = recognition;
        credit.ChamberReference = recognition == RecognitionStatus.NichtBeantragt ? null : reference;
        credit.RecognisedOn = recognition == RecognitionStatus.Anerkannt ? recognisedOn : null;
        credit.Format = format;
        credit.FuwoTopic = fuwoTopic;
        credit.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        var changes = new List<AuditChange>();
        Compare(changes, "Anerkennung", ContinuingEducationPoints.Label(before.Recognition), ContinuingEducationPoints.Label(credit.Recognition));
        Compare(changes, "Anerkennungsnummer", before.ChamberReference, credit.ChamberReference);
        Compare(changes, "Anerkannt am", before.RecognisedOn?.ToString("dd.MM.yyyy", BerlinTime.Culture), credit.RecognisedOn?.ToString("dd.MM.yyyy", BerlinTime.Culture));
        Compare(changes, "Format", ContinuingEducationPoints.Label(before.Format), ContinuingEducationPoints.Label(credit.Format));
        Compare(changes, "FuWO-Themenbereich", before.FuwoTopic, credit.FuwoTopic);
        audit.Record(actor, "certificates.credit.changed", "Event", ev.Id.ToString(), ev.Title, changes);
        await db.SaveChangesAsync(cancellationToken);
        return [];
    }

    /// <summary>"4", "4,5", "4.75": whole or quarter points from 0 to 100; null when it is not such a number.</summary>
    public static decimal? ParsePoints(string? text)
    {
        var normalised = (text ?? "").Trim().Replace(',', '.');
        return decimal.TryParse(normalised, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var points)
            && points <= PointsOverride.MaxPoints && points * 4 == Math.Floor(points * 4)
                ? points
                : null;
    }

    /// <summary>Sets (or with <paramref name="points"/> null and no text, removes) one participant's override.</summary>
    public static async Task<IReadOnlyList<CreditRefusal>> SetOverrideAsync(
        QuartiersnetzDbContext db, AuditLog audit, AuditActor actor, TimeProvider clock, CreditEvent ev, Guid registrationId, string? pointsText, string? reason,
        CancellationToken cancellationToken)
    {
        var registration = await db.Set<EventRegistration>().AsNoTracking().Where(r => r.Id == registrationId)
            .Select(r => new { r.EventId, r.Status }).SingleOrDefaultAsync(cancellationToken);
        if (registration is null || registration.EventId != ev.Id || registration.Status != RegistrationStatus.Confirmed)
        {
            return [new("RegistrationId", "Diese Person ist für diese Veranstaltung nicht bestätigt angemeldet.")];
        }

        var existing = await db.Set<PointsOverride>().SingleOrDefaultAsync(o => o.RegistrationId == registrationId, cancellationToken);
        if (string.IsNullOrWhiteSpace(pointsText))
        {
            if (existing is not null)
            {
                db.Remove(existing);
                audit.Record(actor, "certificates.points.override-removed", "EventRegistration", registrationId.ToString(), ev.Title,
                    [new AuditChange("Punkte", CertificateDrafts.FormatPoints(existing.Points), null)]);
                await db.SaveChangesAsync(cancellationToken);
            }

            return [];
        }

        var refusals = new List<CreditRefusal>();
        var points = ParsePoints(pointsText);
        if (points is null)
        {
            refusals.Add(new("Points", "Bitte geben Sie die Punkte als Zahl von 0 bis {0} in Viertelschritten an (z. B. 4,5).", (int)PointsOverride.MaxPoints));
        }

        reason = reason?.Trim();
        if (string.IsNullOrEmpty(reason))
        {
            refusals.Add(new("Reason", "Bitte begründen Sie, warum die Punkte von der Berechnung abweichen."));
        }
        else if (reason.Length > PointsOverride.ReasonMaxLength)
        {
            refusals.Add(new("Reason", "Die Begründung darf höchstens {0} Zeichen lang sein.", PointsOverride.ReasonMaxLength));
        }

        if (refusals.Count > 0)
        {
            return refusals;
        }

        var previous = existing is null ? null : CertificateDrafts.FormatPoints(existing.Points) + " (" + existing.Reason + ")";
        if (existing is null)
        {
            existing = new PointsOverride { RegistrationId = registrationId, EventId = ev.Id };
            db.Add(existing);
        }

        existing.Points = points!.Value;
        existing.Reason = reason!;
        existing.SetBy = actor.Id;
        existing.SetAtUtc = clock.GetUtcNow().UtcDateTime;
        audit.Record(actor, "certificates.points.overridden", "EventRegistration", registrationId.ToString(), ev.Title,
            [new AuditChange("Punkte", previous, CertificateDrafts.FormatPoints(existing.Points) + " (" + existing.Reason + ")")]);
        await db.SaveChangesAsync(cancellationToken);
        return [];
    }

    /// <summary>Queues a bulk issue for the background job; refused before the event ended, for a cancelled event, or while one is open.</summary>
    public static async Task<(CertificateRun? Run, CreditRefusal? Refusal)> RequestIssueAsync(
        QuartiersnetzDbContext db, AuditLog audit, AuditActor actor, TimeProvider clock, CertificateSignal signal, CreditEvent ev, string linkBase, bool sendMail,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (ev.Status == EventStatus.Cancelled)
        {
            return (null, new("", "Für eine abgesagte Veranstaltung werden keine Bescheinigungen ausgestellt."));
        }

        if (ev.EndUtc > now)
        {
            return (null, new("", "Bescheinigungen können erst nach dem Ende der Veranstaltung ({0}) ausgestellt werden.", BerlinTime.FormatDateTime(ev.EndUtc)));
        }

        if (await db.Set<CertificateRun>().AnyAsync(r => r.EventId == ev.Id && r.FinishedAtUtc == null, cancellationToken))
        {
            return (null, new("", "Die Bescheinigungen dieser Veranstaltung werden gerade ausgestellt. Bitte warten Sie, bis das abgeschlossen ist."));
        }

        var run = new CertificateRun { EventId = ev.Id, RequestedBy = actor.Id, RequestedAtUtc = now, LinkBase = linkBase, SendMail = sendMail };
        db.Add(run);
        audit.Record(actor, "certificates.issue.requested", "Event", ev.Id.ToString(), ev.Title,
            [new AuditChange("Bescheinigungen", null, sendMail ? "ausstellen und versenden" : "ausstellen ohne Versand")]);
        await db.SaveChangesAsync(cancellationToken);
        signal.Wake();
        return (run, null);
    }

    private static void Compare(List<AuditChange> changes, string field, string? before, string? after)
    {
        if (before != after)
        {
            changes.Add(new AuditChange(field, before, after));
        }
    }
}
