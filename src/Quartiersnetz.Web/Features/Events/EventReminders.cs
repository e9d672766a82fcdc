using System.Globalization;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Email;
using Quartiersnetz.Platform.Events;
using Quartiersnetz.Platform.Errors;
using Quartiersnetz.Platform.Hosting;

namespace Quartiersnetz.Features.Events;

/// <summary>Events:ReminderHoursBefore (default 48, 1–720): how long before the start confirmed participants are reminded.</summary>
internal sealed record EventReminderSettings(int HoursBefore)
{
    public const string Key = "Events:ReminderHoursBefore";
    public const int DefaultHours = 48;
    public const int MaxHours = 720;

    /// <summary>How often each node looks for due reminders.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMinutes(1);

    public static EventReminderSettings FromConfiguration(IConfiguration configuration)
    {
        var text = configuration[Key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return new EventReminderSettings(DefaultHours);
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var hours) || hours < 1 || hours > MaxHours)
        {
            throw new StartupConfigurationException($"Setting {Key} has the value '{text}'; expected a whole number of hours from 1 to {MaxHours}.");
        }

        return new EventReminderSettings(hours);
    }

    /// <summary>Checked at start-up, so a wrong value stops the app with one line naming the key.</summary>
    public static void EnsureConfigured(IServiceProvider services) => services.GetRequiredService<EventReminderSettings>();
}

/// <summary>
/// Sends one reminder per confirmed registration <see cref="EventReminderSettings.HoursBefore"/> hours before the
/// start, never for cancelled events. A registration is claimed with a conditional update of its
/// <see cref="EventRegistration.ReminderSentAtUtc"/> inside the transaction that also stores the mail, so with
/// several app nodes exactly one sends it, and a crash before the commit leaves it for the next pass.
/// </summary>
internal sealed partial class EventReminderService(
    IServiceScopeFactory scopes, EventReminderSettings settings, TimeProvider clock, BackgroundStart start, ILogger<EventReminderService> logger) : PollingJob(logger, start)
{
    private const int BatchSize = 50;

    protected override Task RunPassAsync(CancellationToken stoppingToken) => SendDueAsync(stoppingToken);

    protected override Task WaitAsync(CancellationToken stoppingToken) => Task.Delay(EventReminderSettings.PollInterval, stoppingToken);

    /// <summary>Sends every reminder due now; returns how many were sent (also called by tests after moving the clock).</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var sent = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var until = now.AddHours(settings.HoursBefore);
            List<Guid> due;
            await using (var scope = scopes.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
                // The few events starting in the window first, then their registrations: as one join, SQLite walked every
                // confirmed registration (500,000 in the benchmark data, about 0.2 s of CPU per pass and node).
                var starts = await db.Set<Event>().AsNoTracking()
                    .Where(e => e.Status == EventStatus.Published && e.StartUtc > now && e.StartUtc <= until)
                    .Select(e => new { e.Id, e.StartUtc })
                    .ToDictionaryAsync(e => e.Id, e => e.StartUtc, cancellationToken);
                var eventIds = starts.Keys.ToList();
                var candidates = await db.Set<EventRegistration>().AsNoTracking()
                    .Where(r => eventIds.Contains(r.EventId) && r.Status == RegistrationStatus.Confirmed && r.ReminderSentAtUtc == null)
                    .Select(r => new { r.Id, r.EventId })
                    .ToListAsync(cancellationToken);
                due = [.. candidates.OrderBy(r => starts[r.EventId]).ThenBy(r => r.Id).Select(r => r.Id).Take(BatchSize)];
            }

            if (due.Count == 0)
            {
                return sent;
            }

            foreach (var id in due)
            {
                if (await SendOneAsync(id, now, cancellationToken))
                {
                    sent++;
                }
            }
        }

        return sent;
    }

    private async Task<bool> SendOneAsync(Guid registrationId, DateTime now, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<QuartiersnetzDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claimed = await db.Set<EventRegistration>()
            .Where(r => r.Id == registrationId && r.ReminderSentAtUtc == null && r.Status == RegistrationStatus.Confirmed)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ReminderSentAtUtc, now), cancellationToken);
        if (claimed == 0)
        {
            return false;
        }

        var registration = await db.Set<EventRegistration>().AsNoTracking().SingleAsync(r => r.Id == registrationId, cancellationToken);
        var ev = await db.Set<Event>().AsNoTracking().SingleAsync(e => e.Id == registration.EventId, cancellationToken);
        var recipients = await RegistrationRecipients.ResolveAsync(db, [registration], cancellationToken);
        if (recipients.TryGetValue(registration.Id, out var to))
        {
            var part = await EventMailInterceptor.PartAsync(services.GetServices<IRegistrationMailPart>(), db, registration, to, cancellationToken);
            services.GetRequiredService<EventMailWriter>().Enqueue(services.GetRequiredService<EmailOutbox>(), EventMailKind.Reminder, ev, registration.Status, to, part: part);
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
