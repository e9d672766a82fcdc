using System.Text.Json.Serialization;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Audit;

namespace Quartiersnetz.Features.Events;

/// <summary>What happens when the office lowers the capacity below the seats already taken.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CapacityReduction>))]
internal enum CapacityReduction
{
    /// <summary>Everyone keeps their seat; the capacity becomes the number of seats taken.</summary>
    KeepEveryone,

    /// <summary>The last-registered people go back to the head of the waiting list until the seats fit.</summary>
    MoveLastToWaitlist,
}

/// <summary>
/// The office's operations on the waiting list of one event: move a person to a position, remove a person. Under the
/// event's row lock like every registration change. Order lives in <see cref="EventRegistration.WaitlistNumber"/>;
/// a reorder hands out fresh numbers above <see cref="Event.LastWaitlistNumber"/> to the whole list in its new order,
/// so numbers keep only growing and a registration arriving meanwhile (it waits for the lock) still queues behind.
/// </summary>
internal static class OfficeWaitlist
{
    /// <summary>A row of the waiting list as the office sees it.</summary>
    internal sealed record Entry(Guid RegistrationId, Guid? PersonId, string? DisplayName, int Position, int Companions, DateTime RegisteredAtUtc);

    public static async Task<List<Entry>> ListAsync(QuartiersnetzDbContext db, Guid eventId, CancellationToken cancellationToken)
    {
        var rows = await (
            from r in db.Set<EventRegistration>().AsNoTracking()
            where r.EventId == eventId && r.Status == RegistrationStatus.Waitlisted
            join u in db.Users on r.PersonId equals (Guid?)u.Id into people
            from u in people.DefaultIfEmpty()
            orderby r.WaitlistNumber
            // A guest is listed under the name from the guest registration.
            select new { r.Id, r.PersonId, Name = u == null ? r.GuestName : u.DisplayName, r.Companions, r.RegisteredAtUtc })
            .ToListAsync(cancellationToken);
        return [.. rows.Select((r, i) => new Entry(r.Id, r.PersonId, r.Name, i + 1, r.Companions, r.RegisteredAtUtc))];
    }

    /// <summary>Moves a waiting registration to <paramref name="position"/> (1 = next in line); free seats are filled afterwards.</summary>
    public static Task<RegisterForEvent.Outcome> MoveAsync(
        QuartiersnetzDbContext db, AuditLog audit, AuditActor actor, TimeProvider clock, Guid eventId, Guid registrationId, int position,
        CancellationToken cancellationToken) =>
        RegisterForEvent.WithRetriesAsync(db, eventId, async () =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var ev = await EventRowLock.LockAndLoadAsync(db, eventId, cancellationToken);
            if (ev is null)
            {
                return new RegisterForEvent.Outcome(RegisterForEvent.Result.NotFound);
            }

            var waiting = await db.Set<EventRegistration>()
                .Where(r => r.EventId == eventId && r.Status == RegistrationStatus.Waitlisted)
                .OrderBy(r => r.WaitlistNumber)
                .ToListAsync(cancellationToken);
            var registration = waiting.SingleOrDefault(r => r.Id == registrationId);
            if (registration is null)
            {
                return new RegisterForEvent.Outcome(RegisterForEvent.Result.NotFound);
            }

            if (position < 1 || position > waiting.Count)
            {
                return RegisterForEvent.Outcome.Refuse("Position", "Die Position muss zwischen 1 und {0} liegen (so viele Personen stehen auf der Warteliste).", waiting.Count);
            }

            var before = waiting.IndexOf(registration) + 1;
            if (before != position)
            {
                waiting.Remove(registration);
                waiting.Insert(position - 1, registration);
                Renumber(ev, waiting);
                var name = await NameAsync(db, registration, cancellationToken);
                audit.Record(actor, "event.waitlist.moved", "Event", ev.Id.ToString(), ev.Title,
                    [new AuditChange("Warteliste: " + (name ?? registration.Id.ToString()), $"Position {before}", $"Position {position}")]);
                // Someone who fits the free seats may now stand first.
                await RegisterForEvent.FillFreeSeatsAsync(db, ev, now, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
            }

            var view = await RegisterForEvent.ViewAsync(db, registration.Id, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new RegisterForEvent.Outcome(RegisterForEvent.Result.Done, view);
        }, cancellationToken);

    /// <summary>Takes a person off the waiting list (their registration is cancelled), audited.</summary>
    public static Task<RegisterForEvent.Outcome> RemoveAsync(
        QuartiersnetzDbContext db, AuditLog audit, AuditActor actor, TimeProvider clock, Guid eventId, Guid registrationId, CancellationToken cancellationToken) =>
        RegisterForEvent.WithRetriesAsync(db, eventId, async () =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var ev = await EventRowLock.LockAndLoadAsync(db, eventId, cancellationToken);
            if (ev is null)
            {
                return new RegisterForEvent.Outcome(RegisterForEvent.Result.NotFound);
            }

            var registration = await db.Set<EventRegistration>()
                .SingleOrDefaultAsync(r => r.Id == registrationId && r.EventId == eventId && r.Status == RegistrationStatus.Waitlisted, cancellationToken);
            if (registration is null)
            {
                return new RegisterForEvent.Outcome(RegisterForEvent.Result.NotFound);
            }

            registration.Status = RegistrationStatus.Cancelled;
            registration.CancelledAtUtc = now;
            registration.WaitlistNumber = null;
            var name = await NameAsync(db, registration, cancellationToken);
            audit.Record(actor, "event.waitlist.removed", "Event", ev.Id.ToString(), ev.Title,
                [new AuditChange("Warteliste: " + (name ?? registration.Id.ToString()), "wartet", "entfernt")]);
            // The first in line may have blocked free seats; now the next one may fit.
            await RegisterForEvent.FillFreeSeatsAsync(db, ev, now, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            var view = await RegisterForEvent.ViewAsync(db, registration.Id, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new RegisterForEvent.Outcome(RegisterForEvent.Result.Done, view);
        }, cancellationToken);

    /// <summary>
    /// Lowers the taken seats to <paramref name="capacity"/>: open offers are withdrawn first (newest first), then the
    /// last-registered confirmed people, each with their companions, until the seats fit. They go to the head of the
    /// waiting list in their registration order and get a mail. Returns their names for the audit. The caller holds the lock and saves.
    /// </summary>
    public static async Task<List<string>> MoveLastToWaitlistAsync(QuartiersnetzDbContext db, Event ev, int capacity, CancellationToken cancellationToken)
    {
        var holding = await db.Set<EventRegistration>()
            .Where(r => r.EventId == ev.Id && (r.Status == RegistrationStatus.Confirmed || r.Status == RegistrationStatus.Offered))
            .OrderBy(r => r.Status == RegistrationStatus.Offered ? 0 : 1)
            .ThenByDescending(r => r.RegisteredAtUtc).ThenByDescending(r => r.Id)
            .ToListAsync(cancellationToken);
        var moved = new List<EventRegistration>();
        foreach (var registration in holding)
        {
            if (ev.ConfirmedCount <= capacity)
            {
                break;
            }

            RegisterForEvent.ReleaseSeats(ev, registration);
            registration.Status = RegistrationStatus.Waitlisted;
            registration.PendingNotice = RegistrationNotice.MovedToWaitlist;
            moved.Add(registration);
        }

        var waiting = await db.Set<EventRegistration>()
            .Where(r => r.EventId == ev.Id && r.Status == RegistrationStatus.Waitlisted && r.WaitlistNumber != null)
            .OrderBy(r => r.WaitlistNumber)
            .ToListAsync(cancellationToken);
        Renumber(ev, [.. moved.OrderBy(r => r.RegisteredAtUtc), .. waiting.Except(moved)]);
        // Saved now (the caller's transaction still decides): the move-up that follows must see them first in line.
        await db.SaveChangesAsync(cancellationToken);
        var ids = moved.Where(r => r.PersonId != null).Select(r => r.PersonId!.Value).ToList();
        var names = await db.Users.Where(u => ids.Contains(u.Id)).Select(u => u.DisplayName).ToListAsync(cancellationToken);
        // Guests are named in the audit too: nobody moved goes unrecorded.
        names.AddRange(moved.Where(r => r.PersonId is null).Select(r => (r.GuestName ?? "") + " (Gast)"));
        return names;
    }

    private static void Renumber(Event ev, IEnumerable<EventRegistration> inOrder)
    {
        foreach (var registration in inOrder)
        {
            registration.WaitlistNumber = ++ev.LastWaitlistNumber;
        }
    }

    private static async Task<string?> NameAsync(QuartiersnetzDbContext db, EventRegistration registration, CancellationToken cancellationToken) =>
        registration.PersonId is null
            ? registration.GuestName
            : await db.Users.Where(u => u.Id == registration.PersonId).Select(u => (string?)u.DisplayName).SingleOrDefaultAsync(cancellationToken);
}
