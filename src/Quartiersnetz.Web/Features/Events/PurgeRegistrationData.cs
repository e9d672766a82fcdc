using System.Globalization;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Events;
using Quartiersnetz.Platform.Hosting;

namespace Quartiersnetz.Features.Events;

/// <summary>
/// Retention of registration data: once an event ended more than its <see cref="Event.RetentionMonths"/> ago, the answers,
/// the accessibility needs and the names and addresses of guests are removed. The registrations themselves stay (status,
/// dates, the account of members), so the counts of registered and confirmed people remain; an audit entry records them.
/// Idempotent: an event is purged once (<see cref="Event.RegistrationDataPurgedAtUtc"/>), so several app nodes may run it.
/// Other features remove what they keep about the registrations in the same transaction (<see cref="IRegistrationDataPurge"/>).
/// </summary>
internal sealed class PurgeRegistrationData(QuartiersnetzDbContext db, AuditLog audit, TimeProvider clock, IEnumerable<IRegistrationDataPurge> others)
{
    /// <summary>Purges every due event; returns how many were purged.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // Month arithmetic differs by provider, so the candidates (ended, not yet purged, at least a month ago) are
        // narrowed in memory; the list is bounded by the events of the longest retention period.
        var candidates = await db.Set<Event>().AsNoTracking()
            .Where(e => e.RegistrationDataPurgedAtUtc == null && e.EndUtc < now.AddMonths(-1))
            .Select(e => new { e.Id, e.Title, e.EndUtc, e.RetentionMonths })
            .ToListAsync(cancellationToken);
        var purged = 0;
        foreach (var ev in candidates.Where(e => e.EndUtc.AddMonths(e.RetentionMonths) <= now))
        {
            await PurgeAsync(ev.Id, ev.Title, now, cancellationToken);
            purged++;
        }

        return purged;
    }

    private async Task PurgeAsync(Guid eventId, string title, DateTime now, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Claimed first: a second node running at the same time finds nothing to do.
        var claimed = await db.Set<Event>().Where(e => e.Id == eventId && e.RegistrationDataPurgedAtUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.RegistrationDataPurgedAtUtc, now), cancellationToken);
        if (claimed == 0)
        {
            return;
        }

        var registrations = db.Set<EventRegistration>().Where(r => r.EventId == eventId);
        var counts = await registrations.GroupBy(r => 1).Select(g => new
        {
            Registered = g.Count(),
            Confirmed = g.Count(r => r.Status == RegistrationStatus.Confirmed),
            Guests = g.Count(r => r.PersonId == null),
        }).SingleOrDefaultAsync(cancellationToken);
        var answers = await db.Set<EventRegistrationAnswer>().Where(a => registrations.Any(r => r.Id == a.RegistrationId)).ExecuteDeleteAsync(cancellationToken);
        await registrations.ExecuteUpdateAsync(s => s
            .SetProperty(r => r.GuestName, (string?)null)
            .SetProperty(r => r.GuestEmail, (string?)null)
            .SetProperty(r => r.AccessibilityNeedCodes, (string?)null)
            .SetProperty(r => r.AccessibilityNote, (string?)null), cancellationToken);
        await db.Set<EventGuestRequest>().Where(g => g.EventId == eventId).ExecuteDeleteAsync(cancellationToken);
        List<AuditChange> changes =
        [
            new AuditChange("Anmeldungen", null, Number(counts?.Registered ?? 0)),
            new AuditChange("Davon bestätigt", null, Number(counts?.Confirmed ?? 0)),
            new AuditChange("Davon Gäste", null, Number(counts?.Guests ?? 0)),
            new AuditChange("Gelöschte Antworten", Number(answers), null),
        ];
        foreach (var other in others)
        {
            changes.Add(new AuditChange("Gelöscht: " + other.AuditLabel, Number(await other.PurgeAsync(db, eventId, cancellationToken)), null));
        }

        audit.Record(AuditActor.System, "event.registration-data.purged", "Event", eventId.ToString(), title, changes);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Runs the retention purge once a day on every node (the purge itself is idempotent).</summary>
internal sealed partial class RegistrationRetentionService(IServiceScopeFactory scopes, ILogger<RegistrationRetentionService> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromDays(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        BackgroundWork.Enter(nameof(RegistrationRetentionService));
        // A short delay so start-up (migrations, seeding) comes first.
        await Task.Delay(TimeSpan.FromMinutes(1), stoppingToken).ConfigureAwait(false);
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var purged = await scope.ServiceProvider.GetRequiredService<PurgeRegistrationData>().RunAsync(stoppingToken);
                LogPurged(logger, purged);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // The database may be briefly unreachable; tomorrow's pass tries again.
                LogFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Registration data retention: {Count} events purged")]
    private static partial void LogPurged(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Registration data retention pass failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
