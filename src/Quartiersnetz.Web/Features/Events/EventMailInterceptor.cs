using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Email;
using Quartiersnetz.Platform.Events;

namespace Quartiersnetz.Features.Events;

/// <summary>
/// Queues the event mails inside the very SaveChanges that stores the change they report, whichever use case made
/// it: a registration's status change (registered, waiting, pending, moved up — also by <see cref="RegisterForEvent.FillFreeSeatsAsync"/>
/// when the office frees seats —, confirmed by the office, cancelled), an event's new time, place or online link, or
/// the event being cancelled. Deriving the mails from the tracked changes means no writer can forget one, and the
/// mail commits or rolls back with the change (the writers' retries clear the context, mails included).
/// Changes made with ExecuteUpdate or raw SQL bypass this on purpose (bulk data such as benchmark generation).
/// </summary>
internal sealed class EventMailInterceptor(EventMailWriter writer, TimeProvider clock, OutboxSignal signal, IEnumerable<IRegistrationMailPart> parts) : SaveChangesInterceptor
{
    private static readonly string[] PlaceProperties = [nameof(Event.PlaceMode), nameof(Event.VenueName), nameof(Event.VenueAddress)];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is QuartiersnetzDbContext db)
        {
            // Sync saves are rare (start-up seeds); the same work, waited for.
            QueueAsync(db, CancellationToken.None).GetAwaiter().GetResult();
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is QuartiersnetzDbContext db)
        {
            await QueueAsync(db, cancellationToken);
        }

        return result;
    }

    private async Task QueueAsync(QuartiersnetzDbContext db, CancellationToken cancellationToken)
    {
        db.ChangeTracker.DetectChanges();
        var registrationChanges = db.ChangeTracker.Entries<EventRegistration>()
            .Select(e => (Entry: e, Kind: KindOf(e)))
            .Where(c => c.Kind is not null)
            .ToList();
        var eventChanges = db.ChangeTracker.Entries<Event>()
            .Where(e => e.State == EntityState.Modified)
            .Select(e => (Entry: e, Changes: EventChanges(e)))
            .Where(c => c.Changes is not null)
            .ToList();
        if (registrationChanges.Count == 0 && eventChanges.Count == 0)
        {
            return;
        }

        var outbox = new EmailOutbox(db, clock, signal);
        var now = clock.GetUtcNow().UtcDateTime;
        var events = db.ChangeTracker.Entries<Event>().ToDictionary(e => e.Entity.Id, e => e.Entity);
        var missing = registrationChanges.Select(c => c.Entry.Entity.EventId).Where(id => !events.ContainsKey(id)).Distinct().ToList();
        if (missing.Count > 0)
        {
            foreach (var loaded in await db.Set<Event>().AsNoTracking().Where(e => missing.Contains(e.Id)).ToListAsync(cancellationToken))
            {
                events[loaded.Id] = loaded;
            }
        }

        var notified = new HashSet<Guid>();
        if (registrationChanges.Count > 0)
        {
            var recipients = await RegistrationRecipients.ResolveAsync(db, [.. registrationChanges.Select(c => c.Entry.Entity)], cancellationToken);
            foreach (var (entry, kind) in registrationChanges)
            {
                var registration = entry.Entity;
                if (!recipients.TryGetValue(registration.Id, out var to) || !events.TryGetValue(registration.EventId, out var ev))
                {
                    continue;
                }

                int? position = null;
                if (kind == EventMailKind.Waitlisted)
                {
                    var number = registration.WaitlistNumber;
                    position = 1 + await db.Set<EventRegistration>().AsNoTracking()
                        .CountAsync(r => r.EventId == registration.EventId && r.Id != registration.Id && r.Status == RegistrationStatus.Waitlisted && r.WaitlistNumber < number, cancellationToken);
                }

                var part = registration.Status == RegistrationStatus.Confirmed && kind is EventMailKind.Confirmed or EventMailKind.MovedUp
                    ? await PartAsync(parts, db, registration, to, cancellationToken)
                    : null;
                writer.Enqueue(outbox, kind!.Value, ev, registration.Status, to, position, part: part);
                notified.Add(registration.Id);
            }
        }

        foreach (var (entry, changes) in eventChanges)
        {
            var ev = entry.Entity;
            if (ev.EndUtc < now)
            {
                continue;
            }

            var cancelled = ev.Status == EventStatus.Cancelled;
            var linkOnly = !cancelled && changes!.Count == 1 && changes[0] == LinkChanged;
            // Everyone still registered; people whose own registration changed in this save already got their mail.
            var registrations = await db.Set<EventRegistration>().AsNoTracking()
                .Where(r => r.EventId == ev.Id && (r.Status == RegistrationStatus.Confirmed || (!linkOnly && (r.Status == RegistrationStatus.Waitlisted || r.Status == RegistrationStatus.Pending))))
                .ToListAsync(cancellationToken);
            registrations = [.. registrations.Where(r => !notified.Contains(r.Id) && db.ChangeTracker.Entries<EventRegistration>().All(t => t.Entity.Id != r.Id || t.Entity.Status == r.Status))];
            var recipients = await RegistrationRecipients.ResolveAsync(db, registrations, cancellationToken);
            foreach (var registration in registrations)
            {
                if (recipients.TryGetValue(registration.Id, out var to))
                {
                    var shown = registration.Status == RegistrationStatus.Confirmed ? changes! : [.. changes!.Where(c => c != LinkChanged)];
                    writer.Enqueue(outbox, cancelled ? EventMailKind.EventCancelled : EventMailKind.EventChanged, ev, registration.Status, to, changes: cancelled ? null : shown);
                }
            }
        }
    }

    private const string LinkChanged = "Der Online-Zugang hat sich geändert (neuer Link siehe unten).";

    /// <summary>Which mail a registration's change calls for, or null for none.</summary>
    private static EventMailKind? KindOf(EntityEntry<EventRegistration> entry)
    {
        RegistrationStatus? before;
        if (entry.State == EntityState.Added)
        {
            before = null;
        }
        else if (entry.State == EntityState.Modified && entry.Property(r => r.Status).IsModified)
        {
            before = entry.Property(r => r.Status).OriginalValue;
        }
        else
        {
            return null;
        }

        var after = entry.Entity.Status;
        if (before == after)
        {
            return null;
        }

        var fresh = before is null or RegistrationStatus.Cancelled;
        return after switch
        {
            // An accepted seat offer is a confirmation like any other: the participant gets the mail with the .ics.
            RegistrationStatus.Confirmed when fresh || before is RegistrationStatus.Pending or RegistrationStatus.Offered => EventMailKind.Confirmed,
            RegistrationStatus.Confirmed when before == RegistrationStatus.Waitlisted => EventMailKind.MovedUp,
            RegistrationStatus.Pending when fresh => EventMailKind.Pending,
            RegistrationStatus.Waitlisted when fresh => EventMailKind.Waitlisted,
            RegistrationStatus.Cancelled when !fresh => EventMailKind.RegistrationCancelled,
            _ => null,
        };
    }

    /// <summary>What participants need to hear about (German lines), the cancellation, or null when nothing of that changed.</summary>
    private static List<string>? EventChanges(EntityEntry<Event> entry)
    {
        var status = entry.Property(e => e.Status);
        if (status.IsModified && status.OriginalValue != EventStatus.Cancelled && entry.Entity.Status == EventStatus.Cancelled)
        {
            return [];
        }

        if (entry.Entity.Status == EventStatus.Cancelled)
        {
            return null;
        }

        var changes = new List<string>();
        if (Changed(entry, nameof(Event.StartUtc)) || Changed(entry, nameof(Event.EndUtc)))
        {
            changes.Add("Der Termin hat sich geändert.");
        }

        if (PlaceProperties.Any(p => Changed(entry, p)))
        {
            changes.Add("Der Ort hat sich geändert.");
        }

        if (Changed(entry, nameof(Event.OnlineLink)) && entry.Entity.OnlineLink is not null)
        {
            changes.Add(LinkChanged);
        }

        return changes.Count == 0 ? null : changes;
    }

    private static bool Changed(EntityEntry<Event> entry, string property)
    {
        var p = entry.Property(property);
        if (p.OriginalValue is DateTime before && p.CurrentValue is DateTime after)
        {
            // PostgreSQL keeps microseconds, .NET ticks: the same time sent again may differ below a second.
            return p.IsModified && Math.Abs((after - before).TotalSeconds) >= 1;
        }

        return p.IsModified && !Equals(p.OriginalValue, p.CurrentValue);
    }

    /// <summary>The other features' part of a confirmed person's mail (the admission pass); the first that has one.</summary>
    public static async Task<RegistrationMailPart?> PartAsync(
        IEnumerable<IRegistrationMailPart> parts, QuartiersnetzDbContext db, EventRegistration registration, MailRecipient to, CancellationToken cancellationToken)
    {
        foreach (var contributor in parts)
        {
            if (await contributor.ForConfirmedAsync(db, registration.Id, registration.EventId, to.HasAccount, cancellationToken) is { } part)
            {
                return part;
            }
        }

        return null;
    }
}
