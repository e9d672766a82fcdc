using Quartiersnetz.Data;
using Quartiersnetz.Features.Events;
using Quartiersnetz.Platform.Privacy;

namespace Quartiersnetz.Features.Attendance;

/// <summary>
/// A person's check-ins in "Meine Daten". On account deletion the rows and the pass go: explicitly here, and with the
/// registration row anyway (both cascade from it), so the order of the contributors does not matter.
/// </summary>
internal sealed class AttendancePersonalData(QuartiersnetzDbContext db) : IPersonalDataContributor
{
    public string Section => "Anwesenheit bei Veranstaltungen";

    public async Task<object?> ExportAsync(Guid userId, CancellationToken cancellationToken)
    {
        var rows = await (
                from a in db.Set<AttendanceDay>().AsNoTracking()
                join r in db.Set<EventRegistration>() on a.RegistrationId equals r.Id
                join e in db.Set<Event>() on a.EventId equals e.Id
                where r.PersonId == userId
                orderby a.Day
                select new { e.Title, a.Day, a.CheckedInAtUtc, a.CheckedOutAtUtc })
            .ToListAsync(cancellationToken);
        return rows.Count == 0
            ? null
            : rows.Select(r => new Dictionary<string, object?>
            {
                ["Veranstaltung"] = r.Title,
                ["Tag"] = r.Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                ["Eingecheckt"] = r.CheckedInAtUtc,
                ["Ausgecheckt"] = r.CheckedOutAtUtc,
            }).ToList();
    }

    public async Task EraseAsync(Guid userId, CancellationToken cancellationToken)
    {
        var mine = db.Set<EventRegistration>().Where(r => r.PersonId == userId).Select(r => r.Id);
        db.RemoveRange(await db.Set<AttendanceDay>().Where(a => mine.Contains(a.RegistrationId)).ToListAsync(cancellationToken));
        db.RemoveRange(await db.Set<CheckInPass>().Where(p => mine.Contains(p.RegistrationId)).ToListAsync(cancellationToken));
    }
}
