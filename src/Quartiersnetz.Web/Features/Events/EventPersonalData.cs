using Quartiersnetz.Data;
using Quartiersnetz.Platform.Privacy;

namespace Quartiersnetz.Features.Events;

/// <summary>A person's event registrations in "Meine Daten"; on account deletion they are cancelled properly (seats freed, waiting list moved up) and removed.</summary>
internal sealed class EventPersonalData(QuartiersnetzDbContext db, TimeProvider clock) : IPersonalDataContributor
{
    public string Section => "Veranstaltungen";

    public async Task<object?> ExportAsync(Guid userId, CancellationToken cancellationToken)
    {
        var rows = await db.Set<EventRegistration>().AsNoTracking()
            .Where(r => r.PersonId == userId)
            .Join(db.Set<Event>(), r => r.EventId, e => e.Id, (r, e) => new { e.Title, e.StartUtc, r.Status, r.RegisteredAtUtc, r.CancelledAtUtc })
            .OrderBy(r => r.StartUtc)
            .ToListAsync(cancellationToken);
        return rows.Count == 0
            ? null
            : rows.Select(r => new Dictionary<string, object?>
            {
                ["Veranstaltung"] = r.Title,
                ["Beginn"] = r.StartUtc,
                ["Status"] = EventLabels.Label(r.Status),
                ["Angemeldet am"] = r.RegisteredAtUtc,
                ["Abgemeldet am"] = r.CancelledAtUtc,
            }).ToList();
    }

    public async Task EraseAsync(Guid userId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var registrations = await db.Set<EventRegistration>().Where(r => r.PersonId == userId).ToListAsync(cancellationToken);
        foreach (var registration in registrations)
        {
            if (registration.Status is RegistrationStatus.Confirmed or RegistrationStatus.Offered)
            {
                // The event's Version token makes the caller's save fail rather than miscount should a registration race this.
                var ev = await db.Set<Event>().SingleAsync(e => e.Id == registration.EventId, cancellationToken);
                RegisterForEvent.ReleaseSeats(ev, registration);
                registration.Status = RegistrationStatus.Cancelled;
                await RegisterForEvent.FillFreeSeatsAsync(db, ev, now, cancellationToken);
            }

            db.Remove(registration);
        }
    }
}
