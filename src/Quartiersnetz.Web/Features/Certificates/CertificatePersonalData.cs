using Quartiersnetz.Data;
using Quartiersnetz.Platform.Privacy;

namespace Quartiersnetz.Features.Certificates;

/// <summary>
/// A person's certificates in "Meine Daten". On account deletion they are deleted too: their verification then
/// answers "unknown", which is what erasure means; the office's yearly totals lose them.
/// </summary>
internal sealed class CertificatePersonalData(QuartiersnetzDbContext db) : IPersonalDataContributor
{
    public string Section => "Teilnahmebescheinigungen";

    public async Task<object?> ExportAsync(Guid userId, CancellationToken cancellationToken)
    {
        var rows = await db.Set<Certificate>().AsNoTracking().Where(c => c.PersonId == userId).OrderBy(c => c.EventDay)
            .Select(c => new { c.Code, c.EventTitle, c.Dates, c.AttendedMinutes, c.Points, c.IssuedAtUtc, c.ReplacedAtUtc })
            .ToListAsync(cancellationToken);
        return rows.Count == 0
            ? null
            : rows.Select(r => new Dictionary<string, object?>
            {
                ["Nummer"] = Certificate.Display(r.Code),
                ["Veranstaltung"] = r.EventTitle,
                ["Datum"] = r.Dates,
                ["Anwesenheit (Minuten)"] = r.AttendedMinutes,
                ["Punkte"] = r.Points,
                ["Ausgestellt"] = r.IssuedAtUtc,
                ["Ersetzt"] = r.ReplacedAtUtc,
            }).ToList();
    }

    public async Task EraseAsync(Guid userId, CancellationToken cancellationToken)
    {
        var registrations = db.Set<Events.EventRegistration>().Where(r => r.PersonId == userId).Select(r => r.Id);
        db.RemoveRange(await db.Set<PointsOverride>().Where(o => registrations.Contains(o.RegistrationId)).ToListAsync(cancellationToken));
        db.RemoveRange(await db.Set<Certificate>().Where(c => c.PersonId == userId).ToListAsync(cancellationToken));
    }
}
