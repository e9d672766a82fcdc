using System.Globalization;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Events;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Time;

namespace Quartiersnetz.Features.Attendance;

/// <summary>
/// The office corrects one person's attendance on one day after the fact: a forgotten check-in, a missed check-out,
/// a wrong time. Times are Berlin times of that day ("HH:mm"); both empty removes the day ("nicht da"). Every
/// correction needs a reason and goes into the audit log with the times before and after — certificates issued
/// afterwards follow it (and a bulk issue replaces those that changed).
/// </summary>
internal static class CorrectAttendance
{
    public const int ReasonMaxLength = 500;

    /// <summary>A refusal: the input field ("" for the whole form) and a German source text with its arguments.</summary>
    internal sealed record Refusal(string Field, string Message, params object[] Args);

    internal sealed record Input(string? CheckedIn, string? CheckedOut, string? Reason);

    /// <summary>What the form shows: the person, the day and the times now.</summary>
    internal sealed record Current(string Name, string EventTitle, IReadOnlyList<DateOnly> Days, DateTime? CheckedInAtUtc, DateTime? CheckedOutAtUtc);

    public static async Task<Current?> LoadAsync(QuartiersnetzDbContext db, Guid eventId, Guid registrationId, DateOnly day, CancellationToken cancellationToken)
    {
        var row = await db.Set<EventRegistration>().AsNoTracking()
            .Where(r => r.Id == registrationId && r.EventId == eventId && r.Status == RegistrationStatus.Confirmed)
            .Join(db.Set<Event>(), r => r.EventId, e => e.Id, (r, e) => new
            {
                e.Title, e.StartUtc, e.EndUtc,
                Name = r.PersonId == null ? r.GuestName : db.Users.Where(u => u.Id == r.PersonId).Select(u => u.DisplayName).FirstOrDefault(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        var days = EventProgramme.DaysOf(row.StartUtc, row.EndUtc);
        if (!days.Contains(day))
        {
            return null;
        }

        var attendance = await db.Set<AttendanceDay>().AsNoTracking().Where(a => a.RegistrationId == registrationId && a.Day == day)
            .Select(a => new { a.CheckedInAtUtc, a.CheckedOutAtUtc }).SingleOrDefaultAsync(cancellationToken);
        return new Current(row.Name ?? "", row.Title, days, attendance?.CheckedInAtUtc, attendance?.CheckedOutAtUtc);
    }

    /// <summary>Validates and stores; nothing is stored when anything is refused.</summary>
    public static async Task<IReadOnlyList<Refusal>> SaveAsync(
        QuartiersnetzDbContext db, AuditLog audit, AuditActor actor, Guid eventId, Guid registrationId, DateOnly day, Current current, Input input,
        CancellationToken cancellationToken)
    {
        var refusals = new List<Refusal>();
        var checkedIn = Parse(input.CheckedIn, day, "CheckedIn", refusals);
        var checkedOut = Parse(input.CheckedOut, day, "CheckedOut", refusals);
        if (checkedIn is null && checkedOut is not null)
        {
            refusals.Add(new("CheckedIn", "Ohne Kommen-Zeit kann es keine Gehen-Zeit geben."));
        }

        if (checkedIn is { } from && checkedOut is { } to && to <= from)
        {
            refusals.Add(new("CheckedOut", "Die Gehen-Zeit muss nach der Kommen-Zeit liegen."));
        }

        var reason = input.Reason?.Trim();
        if (string.IsNullOrEmpty(reason))
        {
            refusals.Add(new("Reason", "Bitte begründen Sie die Korrektur."));
        }
        else if (reason.Length > ReasonMaxLength)
        {
            refusals.Add(new("Reason", "Die Begründung darf höchstens {0} Zeichen lang sein.", ReasonMaxLength));
        }

        if (refusals.Count > 0)
        {
            return refusals;
        }

        var row = await db.Set<AttendanceDay>().SingleOrDefaultAsync(a => a.RegistrationId == registrationId && a.Day == day, cancellationToken);
        if (checkedIn is null)
        {
            if (row is not null)
            {
                db.Remove(row);
            }
        }
        else
        {
            if (row is null)
            {
                row = new AttendanceDay { RegistrationId = registrationId, EventId = eventId, Day = day, CheckedInBy = actor.Id };
                db.Add(row);
            }

            row.CheckedInAtUtc = checkedIn.Value;
            row.CheckedOutAtUtc = checkedOut;
            row.CheckedOutBy = checkedOut is null ? null : actor.Id;
        }

        audit.Record(actor, "attendance.corrected", "EventRegistration", registrationId.ToString(), current.EventTitle,
        [
            new AuditChange("Tag", null, day.ToString("dd.MM.yyyy", BerlinTime.Culture)),
            new AuditChange("Kommen", Time(current.CheckedInAtUtc), Time(checkedIn)),
            new AuditChange("Gehen", Time(current.CheckedOutAtUtc), Time(checkedOut)),
            new AuditChange("Begründung", null, reason),
        ]);
        await db.SaveChangesAsync(cancellationToken);
        return [];
    }

    public static string? Time(DateTime? utc) => utc is { } t ? BerlinTime.ToBerlin(t).ToString("HH:mm", CultureInfo.InvariantCulture) : null;

    /// <summary>"HH:mm" (or "H:mm", "HH.mm") on the Berlin day to UTC; null for empty, a refusal for anything else.</summary>
    private static DateTime? Parse(string? text, DateOnly day, string field, List<Refusal> refusals)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (TimeOnly.TryParseExact(text.Trim().Replace('.', ':'), ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            && BerlinTime.ToUtc(day.ToDateTime(time)) is { } utc)
        {
            return utc;
        }

        refusals.Add(new(field, "Bitte geben Sie die Uhrzeit als Stunden und Minuten an (z. B. 09:30)."));
        return null;
    }
}
