using System.Linq.Expressions;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Time;

namespace Quartiersnetz.Features.Events;

/// <summary>
/// Time-limited offers of a freed seat (events with <see cref="Event.OfferHours"/>). While an offer is open the seat
/// counts as taken (<see cref="Event.ConfirmedCount"/>, <see cref="Event.HeldSeats"/>), so nobody else can take it.
/// Accepting confirms it; declining or letting it expire cancels the registration and passes the seat on to the next
/// person in line. Every step runs under the event's row lock like any other registration change.
/// </summary>
internal static class EventOffers
{
    /// <summary>The person accepts the seat offered to them; refused once the offer has expired (the expiry job may not have run yet).</summary>
    public static Task<RegisterForEvent.Outcome> AcceptAsync(
        QuartiersnetzDbContext db, TimeProvider clock, Guid eventId, Guid personId, CancellationToken cancellationToken) =>
        AcceptWhereAsync(db, clock, eventId, r => r.PersonId == personId, cancellationToken);

    /// <summary>A guest accepts by the link in the offer mail (the registration the link belongs to).</summary>
    public static Task<RegisterForEvent.Outcome> AcceptRegistrationAsync(
        QuartiersnetzDbContext db, TimeProvider clock, Guid eventId, Guid registrationId, CancellationToken cancellationToken) =>
        AcceptWhereAsync(db, clock, eventId, r => r.Id == registrationId, cancellationToken);

    /// <summary>The person declines: the registration is cancelled and the seat goes to the next person in line.</summary>
    public static Task<RegisterForEvent.Outcome> DeclineAsync(
        QuartiersnetzDbContext db, TimeProvider clock, Guid eventId, Guid personId, CancellationToken cancellationToken) =>
        DeclineWhereAsync(db, clock, eventId, r => r.PersonId == personId, cancellationToken);

    /// <summary>A guest declines by the link in the offer mail.</summary>
    public static Task<RegisterForEvent.Outcome> DeclineRegistrationAsync(
        QuartiersnetzDbContext db, TimeProvider clock, Guid eventId, Guid registrationId, CancellationToken cancellationToken) =>
        DeclineWhereAsync(db, clock, eventId, r => r.Id == registrationId, cancellationToken);

    private static Task<RegisterForEvent.Outcome> AcceptWhereAsync(
        QuartiersnetzDbContext db, TimeProvider clock, Guid eventId, Expression<Func<EventRegistration, bool>> which, CancellationToken cancellationToken) =>
        RegisterForEvent.WithRetriesAsync(db, eventId, async () =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var ev = await EventRowLock.LockAndLoadAsync(db, eventId, cancellationToken);
            if (ev is null)
            {
                return new RegisterForEvent.Outcome(RegisterForEvent.Result.NotFound);
            }

            var registration = await OfferOfAsync(db, eventId, which, cancellationToken);
            if (registration is null)
            {
                return RegisterForEvent.Outcome.Refuse("", "Für Sie liegt bei dieser Veranstaltung kein Platzangebot vor.");
            }

            if (registration.OfferExpiresUtc <= now)
            {
                // Nothing is changed here: the expiry job passes the seat on, in order, with the next person's mail.
                return RegisterForEvent.Outcome.Refuse("", "Das Platzangebot ist am {0} abgelaufen; der Platz geht an die nächste Person auf der Warteliste.",
                    BerlinTime.FormatDateTime(registration.OfferExpiresUtc!.Value));
            }

            registration.Status = RegistrationStatus.Confirmed;
            registration.OfferExpiresUtc = null;
            registration.PendingNotice = null;
            ev.HeldSeats -= registration.Seats;
            ev.UpdatedAtUtc = now;
            await db.SaveChangesAsync(cancellationToken);
            var view = await RegisterForEvent.ViewAsync(db, registration.Id, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new RegisterForEvent.Outcome(RegisterForEvent.Result.Done, view);
        }, cancellationToken);

    private static Task<RegisterForEvent.Outcome> DeclineWhereAsync(
        QuartiersnetzDbContext db, TimeProvider clock, Guid eventId, Expression<Func<EventRegistration, bool>> which, CancellationToken cancellationToken) =>
        RegisterForEvent.WithRetriesAsync(db, eventId, async () =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var ev = await EventRowLock.LockAndLoadAsync(db, eventId, cancellationToken);
            if (ev is null)
            {
                return new RegisterForEvent.Outcome(RegisterForEvent.Result.NotFound);
            }

            var registration = await OfferOfAsync(db, eventId, which, cancellationToken);
            if (registration is null)
            {
                return RegisterForEvent.Outcome.Refuse("", "Für Sie liegt bei dieser Veranstaltung kein Platzangebot vor.");
            }

            await PassOnAsync(db, ev, registration, now, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            var view = await RegisterForEvent.ViewAsync(db, registration.Id, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new RegisterForEvent.Outcome(RegisterForEvent.Result.Done, view);
        }, cancellationToken);

    /// <summary>
    /// Expires the offers that ran out before <paramref name="now"/>, one event per transaction, and passes each seat
    /// on. Returns how many offers expired. Safe on several app nodes: the state is re-read under the row lock.
    /// </summary>
    public static async Task<int> ExpireDueAsync(QuartiersnetzDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        var eventIds = await db.Set<EventRegistration>().AsNoTracking()
            .Where(r => r.Status == RegistrationStatus.Offered && r.OfferExpiresUtc <= now)
            .Select(r => r.EventId).Distinct().OrderBy(id => id).Take(100)
            .ToListAsync(cancellationToken);
        var expired = 0;
        foreach (var eventId in eventIds)
        {
            var outcome = await RegisterForEvent.WithRetriesAsync(db, eventId, async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                var ev = await EventRowLock.LockAndLoadAsync(db, eventId, cancellationToken);
                if (ev is null)
                {
                    return new RegisterForEvent.Outcome(RegisterForEvent.Result.NotFound);
                }

                var due = await db.Set<EventRegistration>()
                    .Where(r => r.EventId == eventId && r.Status == RegistrationStatus.Offered && r.OfferExpiresUtc <= now)
                    .ToListAsync(cancellationToken);
                foreach (var registration in due)
                {
                    await PassOnAsync(db, ev, registration, now, cancellationToken);
                }

                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                expired += due.Count;
                return new RegisterForEvent.Outcome(RegisterForEvent.Result.Done);
            }, cancellationToken);
            _ = outcome;
        }

        return expired;
    }

    /// <summary>Ends the offer (declined or expired): the person leaves the list and the seat goes to the next in line.</summary>
    private static async Task PassOnAsync(QuartiersnetzDbContext db, Event ev, EventRegistration registration, DateTime now, CancellationToken cancellationToken)
    {
        RegisterForEvent.ReleaseSeats(ev, registration);
        registration.Status = RegistrationStatus.Cancelled;
        registration.CancelledAtUtc = now;
        registration.WaitlistNumber = null;
        await RegisterForEvent.FillFreeSeatsAsync(db, ev, now, cancellationToken);
    }

    private static Task<EventRegistration?> OfferOfAsync(
        QuartiersnetzDbContext db, Guid eventId, Expression<Func<EventRegistration, bool>> which, CancellationToken cancellationToken) =>
        db.Set<EventRegistration>().Where(r => r.EventId == eventId && r.Status == RegistrationStatus.Offered).Where(which).SingleOrDefaultAsync(cancellationToken);
}
