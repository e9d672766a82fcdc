using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Data.Sqlite;
using Npgsql;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Time;

namespace Quartiersnetz.Features.Events;

/// <summary>A registration as the person, the page and the API see it; the position counts from 1 while waiting.</summary>
internal sealed record RegistrationView(
    Guid Id, Guid EventId, Guid? PersonId, string Status, DateTime RegisteredAtUtc, int? WaitlistPosition, int Companions = 0, DateTime? OfferExpiresUtc = null)
{
    public RegistrationStatus StatusValue => Enum.Parse<RegistrationStatus>(Status, ignoreCase: true);
}

/// <summary>Who registers: the signed-in account and what the named policies grant them (never role names).</summary>
internal sealed record RegistrationActor(Guid? AccountId, bool IsOffice, bool IsMember)
{
    public static async Task<RegistrationActor> FromAsync(IAuthorizationService authorization, ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            return new RegistrationActor(null, false, false);
        }

        return new RegistrationActor(
            user.AccountId(),
            (await authorization.AuthorizeAsync(user, Policies.Office)).Succeeded,
            (await authorization.AuthorizeAsync(user, Policies.Member)).Succeeded);
    }
}

/// <summary>
/// Registering for an event, cancelling, and the office confirming a pending registration. Every writer works inside
/// one transaction that first locks the event row (<see cref="EventRowLock"/>), decides from the committed seat count,
/// changes the counter and the registration, and saves once — so the capacity is never exceeded, however many
/// requests on however many app nodes arrive at once. Should a writer still collide (a concurrency-token or unique
/// violation, SQLite busy beyond its timeout), the whole attempt is repeated on a cleared context a few times.
/// </summary>
internal static class RegisterForEvent
{
    private const int MaxAttempts = 5;

    internal enum Result
    {
        Done,
        NotFound,
        Refused,
        Forbidden,
    }

    internal sealed record Outcome(Result Result, RegistrationView? Registration = null, Refusal? Refusal = null)
    {
        public static Outcome Refuse(string field, string message, params object[] args) => new(Result.Refused, null, new Refusal(field, message, args));

        public static Outcome Forbid(string message, params object[] args) => new(Result.Forbidden, null, new Refusal("", message, args));
    }

    /// <summary>Registers the actor, or (office only) the person <paramref name="personId"/>.</summary>
    public static Task<Outcome> HandleAsync(
        QuartiersnetzDbContext db, TimeProvider clock, RegistrationActor actor, Guid eventId, Guid? personId, CancellationToken cancellationToken) =>
        HandleAsync(db, clock, actor, eventId, personId, companions: 0, form: null, cancellationToken);

    /// <summary>Registers with companions and without registration answers (the office's tools, the API without a body).</summary>
    public static Task<Outcome> HandleAsync(
        QuartiersnetzDbContext db, TimeProvider clock, RegistrationActor actor, Guid eventId, Guid? personId, int companions, CancellationToken cancellationToken) =>
        HandleAsync(db, clock, actor, eventId, personId, companions, form: null, cancellationToken);

    /// <summary>
    /// Registers the actor (or, office only, <paramref name="personId"/>) with <paramref name="companions"/> companions,
    /// and stores the checked answers and accessibility needs with the registration, in the same transaction.
    /// </summary>
    public static async Task<Outcome> HandleAsync(
        QuartiersnetzDbContext db, TimeProvider clock, RegistrationActor actor, Guid eventId, Guid? personId, int companions, CheckedForm? form,
        CancellationToken cancellationToken)
    {
        if (actor.AccountId is null)
        {
            return Outcome.Forbid("Bitte melden Sie sich an, um sich für eine Veranstaltung anzumelden.");
        }

        var target = personId ?? actor.AccountId.Value;
        var onBehalf = target != actor.AccountId;
        if (onBehalf && !actor.IsOffice)
        {
            // Checked before anything is read: a forged id learns nothing and changes nothing.
            return Outcome.Forbid("Nur die Geschäftsstelle kann andere Personen anmelden.");
        }

        if (onBehalf && !await db.Users.AnyAsync(u => u.Id == target, cancellationToken))
        {
            return Outcome.Refuse("PersonId", "Es gibt keine Person mit dieser Kennung.");
        }

        return await WithRetriesAsync(db, eventId, async () =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var ev = await EventRowLock.LockAndLoadAsync(db, eventId, cancellationToken);
            if (ev is null)
            {
                return new Outcome(Result.NotFound);
            }

            if (Admission(ev, actor, onBehalf, now) is { } refused)
            {
                return refused;
            }

            if (companions < 0 || companions > ev.CompanionsAllowed)
            {
                return Outcome.Refuse("Companions", EventLabels.CompanionLimit(ev.CompanionsAllowed), ev.CompanionsAllowed);
            }

            var registration = await db.Set<EventRegistration>().SingleOrDefaultAsync(r => r.EventId == eventId && r.PersonId == target, cancellationToken);
            if (registration is { Status: not RegistrationStatus.Cancelled })
            {
                return Outcome.Refuse("", onBehalf
                    ? "Diese Person ist für diese Veranstaltung bereits angemeldet ({0})."
                    : "Sie sind für diese Veranstaltung bereits angemeldet ({0}).", EventLabels.Label(registration.Status));
            }

            if (registration is null)
            {
                // A cancelled row is reused: one row per person keeps the unique index simple on both providers.
                registration = new EventRegistration { EventId = eventId, PersonId = target };
                db.Add(registration);
            }

            registration.RegisteredAtUtc = now;
            registration.CancelledAtUtc = null;
            registration.WaitlistNumber = null;
            registration.Companions = companions;
            registration.OfferExpiresUtc = null;
            registration.PendingNotice = null;
            if (ev.RequiresConfirmation && !onBehalf)
            {
                // Moderated: the office decides; a seat is taken only when it confirms.
                registration.Status = RegistrationStatus.Pending;
            }
            else if (ev.HasSeatsFor(registration.Seats) && !await SomeoneWaitsAsync(db, ev, cancellationToken))
            {
                registration.Status = RegistrationStatus.Confirmed;
                ev.ConfirmedCount += registration.Seats;
            }
            else
            {
                registration.Status = RegistrationStatus.Waitlisted;
                registration.WaitlistNumber = ++ev.LastWaitlistNumber;
            }

            if (form is not null)
            {
                await form.ApplyAsync(db, registration, cancellationToken);
            }

            await db.SaveChangesAsync(cancellationToken);
            var view = await ViewAsync(db, registration.Id, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new Outcome(Result.Done, view);
        }, cancellationToken);
    }

    /// <summary>
    /// A guest followed the confirmation link: the same admission, seat and waiting-list rules as for accounts, under the
    /// same row lock. The request is read again under the lock, so a link clicked twice at once registers once.
    /// </summary>
    public static Task<Outcome> RegisterGuestAsync(QuartiersnetzDbContext db, TimeProvider clock, Guid guestRequestId, CancellationToken cancellationToken) =>
        WithRetriesAsync(db, null, async () =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var eventId = await db.Set<EventGuestRequest>().Where(g => g.Id == guestRequestId).Select(g => (Guid?)g.EventId).SingleOrDefaultAsync(cancellationToken);
            var ev = eventId is null ? null : await EventRowLock.LockAndLoadAsync(db, eventId.Value, cancellationToken);
            if (ev is null)
            {
                return new Outcome(Result.NotFound);
            }

            var request = await db.Set<EventGuestRequest>().SingleAsync(g => g.Id == guestRequestId, cancellationToken);
            if (request.ConfirmedAtUtc is not null || request.WithdrawnAtUtc is not null || now >= request.ExpiresAtUtc || request.FormJson is null)
            {
                return Outcome.Refuse("", "Dieser Bestätigungslink ist abgelaufen oder wurde bereits verwendet.");
            }

            if (Admission(ev, new RegistrationActor(null, false, false), onBehalf: false, now) is { } refused)
            {
                return refused;
            }

            if (request.Companions > ev.CompanionsAllowed)
            {
                // The office lowered the maximum after the guest asked; nothing is reserved, the guest decides anew.
                return Outcome.Refuse("Companions",
                    "Inzwischen können höchstens {0} Begleitpersonen mitkommen. Bitte ziehen Sie diese Anmeldung über den zweiten Link in unserer E-Mail zurück und melden Sie sich erneut an.",
                    ev.CompanionsAllowed);
            }

            var registration = new EventRegistration
            {
                EventId = ev.Id, PersonId = null, GuestName = request.Name, GuestEmail = request.Email, RegisteredAtUtc = now, Companions = request.Companions,
            };
            db.Add(registration);
            if (ev.RequiresConfirmation)
            {
                registration.Status = RegistrationStatus.Pending;
            }
            else if (ev.HasSeatsFor(registration.Seats) && !await SomeoneWaitsAsync(db, ev, cancellationToken))
            {
                registration.Status = RegistrationStatus.Confirmed;
                ev.ConfirmedCount += registration.Seats;
            }
            else
            {
                registration.Status = RegistrationStatus.Waitlisted;
                registration.WaitlistNumber = ++ev.LastWaitlistNumber;
            }

            var form = System.Text.Json.JsonSerializer.Deserialize<CheckedForm>(request.FormJson) ?? CheckedForm.Empty;
            await form.ApplyAsync(db, registration, cancellationToken);
            request.ConfirmedAtUtc = now;
            request.RegistrationId = registration.Id;
            request.FormJson = null;
            await db.SaveChangesAsync(cancellationToken);
            var view = await ViewAsync(db, registration.Id, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new Outcome(Result.Done, view);
        }, cancellationToken);

    /// <summary>A guest cancels by the link in the mail: the same deadline, move-up and mails as <see cref="CancelAsync"/>.</summary>
    public static Task<Outcome> CancelGuestAsync(QuartiersnetzDbContext db, TimeProvider clock, Guid eventId, Guid registrationId, CancellationToken cancellationToken) =>
        CancelWhereAsync(db, clock, eventId, r => r.Id == registrationId, byOffice: false, "Diese Anmeldung wurde bereits zurückgezogen.", cancellationToken);

    /// <summary>
    /// Cancels the person's registration. Participants may do so until the cancellation deadline (or the start);
    /// the office at any time. A freed seat goes to the first person on the waiting list, in the same transaction.
    /// </summary>
    public static Task<Outcome> CancelAsync(
        QuartiersnetzDbContext db, TimeProvider clock, Guid eventId, Guid personId, bool byOffice, CancellationToken cancellationToken) =>
        CancelWhereAsync(db, clock, eventId, r => r.PersonId == personId, byOffice, "Sie sind für diese Veranstaltung nicht angemeldet.", cancellationToken);

    /// <summary>The office cancels one registration from the participant list, a member's or a guest's alike; audited.</summary>
    public static Task<Outcome> CancelByOfficeAsync(
        QuartiersnetzDbContext db, AuditLog audit, AuditActor actor, TimeProvider clock, Guid eventId, Guid registrationId, CancellationToken cancellationToken) =>
        CancelWhereAsync(db, clock, eventId, r => r.Id == registrationId, byOffice: true, "Diese Anmeldung ist bereits abgemeldet.", cancellationToken,
            async (ev, registration) =>
            {
                var name = registration.PersonId is null
                    ? registration.GuestName + " (Gast)"
                    : await db.Users.Where(u => u.Id == registration.PersonId).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken);
                audit.Record(actor, "event.registration.cancelled", "Event", ev.Id.ToString(), ev.Title,
                    [new AuditChange("Anmeldung: " + (name ?? registration.Id.ToString()), EventLabels.Label(registration.Status), EventLabels.Label(RegistrationStatus.Cancelled))]);
            });

    /// <summary>
    /// The one cancellation, whoever asks: under the event's lock, the registration that <paramref name="which"/> picks is
    /// cancelled (participants only until the deadline), its seats are freed and passed on to the waiting list. The mail
    /// follows from the status change (<see cref="EventMailInterceptor"/>), to a member's or a guest's address alike.
    /// </summary>
    private static Task<Outcome> CancelWhereAsync(
        QuartiersnetzDbContext db, TimeProvider clock, Guid eventId, System.Linq.Expressions.Expression<Func<EventRegistration, bool>> which, bool byOffice,
        string notRegistered, CancellationToken cancellationToken, Func<Event, EventRegistration, Task>? audit = null) =>
        WithRetriesAsync(db, eventId, async () =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var ev = await EventRowLock.LockAndLoadAsync(db, eventId, cancellationToken);
            if (ev is null)
            {
                return new Outcome(Result.NotFound);
            }

            var registration = await db.Set<EventRegistration>()
                .Where(r => r.EventId == eventId && r.Status != RegistrationStatus.Cancelled)
                .Where(which)
                .SingleOrDefaultAsync(cancellationToken);
            if (registration is null)
            {
                return Outcome.Refuse("", notRegistered);
            }

            var deadline = ev.CancellationDeadlineUtc ?? ev.StartUtc;
            if (!byOffice && now > deadline)
            {
                return Outcome.Refuse("", "Eine Abmeldung war nur bis {0} möglich. Bitte wenden Sie sich an die Geschäftsstelle.", BerlinTime.FormatDateTime(deadline));
            }

            if (audit is not null)
            {
                await audit(ev, registration);
            }

            var heldSeat = registration.Status is RegistrationStatus.Confirmed or RegistrationStatus.Offered;
            ReleaseSeats(ev, registration);
            registration.Status = RegistrationStatus.Cancelled;
            registration.CancelledAtUtc = now;
            registration.WaitlistNumber = null;
            if (heldSeat)
            {
                await FillFreeSeatsAsync(db, ev, now, cancellationToken);
            }

            await db.SaveChangesAsync(cancellationToken);
            var view = await ViewAsync(db, registration.Id, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new Outcome(Result.Done, view);
        }, cancellationToken);

    /// <summary>The office confirms a pending registration of a moderated event, if a seat is free.</summary>
    public static Task<Outcome> ConfirmAsync(
        QuartiersnetzDbContext db, AuditLog audit, AuditActor actor, Guid eventId, Guid registrationId, CancellationToken cancellationToken) =>
        WithRetriesAsync(db, eventId, async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var ev = await EventRowLock.LockAndLoadAsync(db, eventId, cancellationToken);
            if (ev is null)
            {
                return new Outcome(Result.NotFound);
            }

            var registration = await db.Set<EventRegistration>().SingleOrDefaultAsync(r => r.Id == registrationId && r.EventId == eventId, cancellationToken);
            if (registration is null)
            {
                return new Outcome(Result.NotFound);
            }

            if (registration.Status != RegistrationStatus.Pending)
            {
                return Outcome.Refuse("", "Diese Anmeldung wartet nicht auf eine Bestätigung (Status: {0}).", EventLabels.Label(registration.Status));
            }

            if (!ev.HasSeatsFor(registration.Seats))
            {
                return Outcome.Refuse("", "Alle {0} Plätze sind vergeben. Erhöhen Sie die Zahl der Plätze oder warten Sie auf eine Abmeldung.", ev.Capacity!.Value);
            }

            registration.Status = RegistrationStatus.Confirmed;
            ev.ConfirmedCount += registration.Seats;
            var name = await db.Users.Where(u => u.Id == registration.PersonId).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken);
            audit.Record(actor, "event.registration.confirmed", "Event", ev.Id.ToString(), ev.Title, [new AuditChange("Anmeldung", name, "Bestätigt")]);
            await db.SaveChangesAsync(cancellationToken);
            var view = await ViewAsync(db, registration.Id, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new Outcome(Result.Done, view);
        }, cancellationToken);

    /// <summary>
    /// The office registers someone who came without (a confirmed) registration, at the door: an account
    /// (<paramref name="personId"/>) or a guest by name and e-mail. The person is in the room, so the registration is
    /// confirmed even when every seat is taken; the outcome says so (<see cref="WalkInOutcome.OverCapacity"/>) and the
    /// office sees the warning. Someone waiting, pending or offered a seat is confirmed on their existing registration.
    /// Same row lock, counter and mails as every other registration; the caller audits.
    /// </summary>
    public static async Task<WalkInOutcome> RegisterWalkInAsync(
        QuartiersnetzDbContext db, TimeProvider clock, Guid eventId, Guid? personId, string? guestName, string? guestEmail, CancellationToken cancellationToken)
    {
        var overCapacity = false;
        var outcome = await WithRetriesAsync(db, eventId, async () =>
        {
            overCapacity = false;
            var now = clock.GetUtcNow().UtcDateTime;
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var ev = await EventRowLock.LockAndLoadAsync(db, eventId, cancellationToken);
            if (ev is null)
            {
                return new Outcome(Result.NotFound);
            }

            if (ev.Status == EventStatus.Cancelled)
            {
                return Outcome.Refuse("", "Die Veranstaltung wurde abgesagt; eine Anmeldung ist nicht möglich.");
            }

            if (now >= ev.EndUtc)
            {
                return Outcome.Refuse("", "Die Veranstaltung ist vorbei; eine Anmeldung ist nicht mehr möglich.");
            }

            var registration = personId is null
                ? null
                : await db.Set<EventRegistration>().SingleOrDefaultAsync(r => r.EventId == eventId && r.PersonId == personId, cancellationToken);
            if (registration is { Status: RegistrationStatus.Confirmed })
            {
                return Outcome.Refuse("", "Diese Person ist bereits angemeldet und bestätigt. Bitte checken Sie sie in der Liste ein.");
            }

            if (registration is null)
            {
                registration = new EventRegistration
                {
                    EventId = eventId, PersonId = personId, GuestName = personId is null ? guestName : null, GuestEmail = personId is null ? guestEmail : null,
                    Status = RegistrationStatus.Cancelled,
                };
                db.Add(registration);
            }

            if (registration.Status == RegistrationStatus.Cancelled)
            {
                // A fresh or reused row: the person alone, companions were not announced at the door.
                registration.Companions = 0;
            }

            if (registration.Status == RegistrationStatus.Offered)
            {
                // The offered seat is already counted as taken; it simply stops being held.
                ev.HeldSeats -= registration.Seats;
            }
            else
            {
                overCapacity = !ev.HasSeatsFor(registration.Seats);
                ev.ConfirmedCount += registration.Seats;
            }

            registration.RegisteredAtUtc = now;
            registration.CancelledAtUtc = null;
            registration.WaitlistNumber = null;
            registration.OfferExpiresUtc = null;
            registration.PendingNotice = null;
            registration.Status = RegistrationStatus.Confirmed;
            ev.UpdatedAtUtc = now;
            await db.SaveChangesAsync(cancellationToken);
            var view = await ViewAsync(db, registration.Id, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new Outcome(Result.Done, view);
        }, cancellationToken);
        return new WalkInOutcome(outcome, overCapacity);
    }

    /// <summary>A walk-in's registration, and whether it took a seat beyond the capacity.</summary>
    internal sealed record WalkInOutcome(Outcome Outcome, bool OverCapacity);

    /// <summary>
    /// Moves people up from the waiting list, strictly in order, while seats are free. The caller holds the event's lock
    /// and saves. A person whose party (1 + companions) needs more seats than are free stops the move-up: nobody behind
    /// them jumps the queue; the seats stay free until enough are, or the office reorders the list. With
    /// <see cref="Event.OfferHours"/> the seat is offered instead (held, counted as taken) and the offer job writes the mail.
    /// </summary>
    public static async Task FillFreeSeatsAsync(QuartiersnetzDbContext db, Event ev, DateTime now, CancellationToken cancellationToken)
    {
        var free = ev.Capacity is { } capacity ? capacity - ev.ConfirmedCount : int.MaxValue;
        if (free <= 0)
        {
            return;
        }

        // Each person needs at least one seat, so no more than "free" people can move up.
        var next = await db.Set<EventRegistration>()
            .Where(r => r.EventId == ev.Id && r.Status == RegistrationStatus.Waitlisted)
            .OrderBy(r => r.WaitlistNumber)
            .Take(free == int.MaxValue ? int.MaxValue : free)
            .ToListAsync(cancellationToken);
        var moved = false;
        foreach (var registration in next)
        {
            if (!ev.HasSeatsFor(registration.Seats))
            {
                break;
            }

            registration.WaitlistNumber = null;
            ev.ConfirmedCount += registration.Seats;
            moved = true;
            if (ev.OfferHours is { } hours)
            {
                registration.Status = RegistrationStatus.Offered;
                registration.OfferExpiresUtc = now.AddHours(hours);
                registration.PendingNotice = RegistrationNotice.Offer;
                ev.HeldSeats += registration.Seats;
            }
            else
            {
                registration.Status = RegistrationStatus.Confirmed;
            }
        }

        if (moved)
        {
            ev.UpdatedAtUtc = now;
        }
    }

    /// <summary>Gives back the seats a confirmed or offered registration took. The caller holds the event's lock.</summary>
    public static void ReleaseSeats(Event ev, EventRegistration registration)
    {
        if (registration.Status == RegistrationStatus.Confirmed)
        {
            ev.ConfirmedCount -= registration.Seats;
        }
        else if (registration.Status == RegistrationStatus.Offered)
        {
            ev.ConfirmedCount -= registration.Seats;
            ev.HeldSeats -= registration.Seats;
            registration.OfferExpiresUtc = null;
            registration.PendingNotice = null;
        }
    }

    /// <summary>Whether anyone is on the waiting list: then a newcomer queues behind them even if seats are free.</summary>
    private static async Task<bool> SomeoneWaitsAsync(QuartiersnetzDbContext db, Event ev, CancellationToken cancellationToken) =>
        ev.LastWaitlistNumber > 0
        && await db.Set<EventRegistration>().AnyAsync(r => r.EventId == ev.Id && r.Status == RegistrationStatus.Waitlisted, cancellationToken);

    /// <summary>The person's current registration for the event, or null (a cancelled one counts as none).</summary>
    /// <summary>The person's registration for the event that is not cancelled, or null; one statement.</summary>
    public static Task<RegistrationView?> ForPersonAsync(QuartiersnetzDbContext db, Guid eventId, Guid personId, CancellationToken cancellationToken) =>
        ViewsAsync(db, r => r.EventId == eventId && r.PersonId == personId && r.Status != RegistrationStatus.Cancelled, cancellationToken);

    public static async Task<RegistrationView> ViewAsync(QuartiersnetzDbContext db, Guid registrationId, CancellationToken cancellationToken) =>
        await ViewsAsync(db, r => r.Id == registrationId, cancellationToken)
            ?? throw new InvalidOperationException($"Registration {registrationId} does not exist.");

    /// <summary>The one registration that <paramref name="which"/> selects, with its place on the waiting list.</summary>
    private static Task<RegistrationView?> ViewsAsync(
        QuartiersnetzDbContext db, System.Linq.Expressions.Expression<Func<EventRegistration, bool>> which, CancellationToken cancellationToken) =>
        db.Set<EventRegistration>().AsNoTracking()
            .Where(which)
            .Select(r => new
            {
                r.Id, r.EventId, r.PersonId, r.Status, r.RegisteredAtUtc, r.Companions, r.OfferExpiresUtc,
                Position = r.Status == RegistrationStatus.Waitlisted
                    ? db.Set<EventRegistration>().Count(o => o.EventId == r.EventId && o.Status == RegistrationStatus.Waitlisted && o.WaitlistNumber <= r.WaitlistNumber)
                    : (int?)null,
            })
            .AsAsyncEnumerable()
            .Select(r => (RegistrationView?)new RegistrationView(r.Id, r.EventId, r.PersonId, EventLabels.ApiName(r.Status), r.RegisteredAtUtc, r.Position, r.Companions, r.OfferExpiresUtc))
            .SingleOrDefaultAsync(cancellationToken)
            .AsTask();

    /// <summary>Why the actor may not register now, or null. The office registering someone skips audience and window.</summary>
    private static Outcome? Admission(Event ev, RegistrationActor actor, bool onBehalf, DateTime now)
    {
        if (ev.Status == EventStatus.Cancelled)
        {
            return Outcome.Refuse("", "Die Veranstaltung wurde abgesagt; eine Anmeldung ist nicht möglich.");
        }

        if (now >= ev.EndUtc)
        {
            return Outcome.Refuse("", "Die Veranstaltung ist vorbei; eine Anmeldung ist nicht mehr möglich.");
        }

        if (onBehalf)
        {
            return null;
        }

        if (ev.Audience == EventAudience.Members && !actor.IsMember)
        {
            return Outcome.Forbid("Diese Veranstaltung ist nur für Mitglieder des Netzwerks. Eine Anmeldung ist nur mit einem Mitgliedskonto möglich.");
        }

        if (ev.Audience == EventAudience.Invited && !actor.IsOffice)
        {
            return Outcome.Forbid("Zu dieser Veranstaltung lädt die Geschäftsstelle ein und meldet die eingeladenen Personen selbst an.");
        }

        if (ev.RegistrationOpensUtc is { } opens && now < opens)
        {
            return Outcome.Refuse("", "Die Anmeldung beginnt am {0}.", BerlinTime.FormatDateTime(opens));
        }

        var closes = ev.RegistrationClosesUtc ?? ev.StartUtc;
        if (now >= closes)
        {
            return Outcome.Refuse("", "Die Anmeldung ist seit {0} geschlossen.", BerlinTime.FormatDateTime(closes));
        }

        return null;
    }

    /// <summary>
    /// Runs a writer of one event (<paramref name="eventId"/>; null when the attempt finds the event itself) once this
    /// node's earlier writers of that event are done (<see cref="EventWriterGate"/>), and repeats it after a collision.
    /// </summary>
    internal static Task<Outcome> WithRetriesAsync(QuartiersnetzDbContext db, Guid? eventId, Func<Task<Outcome>> attempt, CancellationToken cancellationToken) =>
        eventId is { } id
            ? EventWriterGate.RunAsync(id, () => RetryAsync(db, attempt, cancellationToken), cancellationToken)
            : RetryAsync(db, attempt, cancellationToken);

    private static async Task<Outcome> RetryAsync(QuartiersnetzDbContext db, Func<Task<Outcome>> attempt, CancellationToken cancellationToken)
    {
        for (var i = 1; ; i++)
        {
            db.ChangeTracker.Clear();
            try
            {
                return await attempt();
            }
            catch (Exception ex) when (i < MaxAttempts && IsCollision(ex))
            {
                // Rolled back by disposing the transaction; wait a little, longer each time, then start afresh.
                await Task.Delay(TimeSpan.FromMilliseconds(20 * i * i), cancellationToken);
            }
        }
    }

    private static bool IsCollision(Exception ex) => ex switch
    {
        DbUpdateConcurrencyException => true,
        DbUpdateException { InnerException: { } inner } => IsCollision(inner),
        // 19 = constraint (unique), 5/6 = busy/locked beyond the busy timeout.
        SqliteException sqlite => sqlite.SqliteErrorCode is 19 or 5 or 6,
        // Unique violation, serialization failure, deadlock.
        PostgresException postgres => postgres.SqlState is "23505" or "40001" or "40P01",
        InvalidOperationException { InnerException: { } inner } => IsCollision(inner),
        _ => false,
    };
}
