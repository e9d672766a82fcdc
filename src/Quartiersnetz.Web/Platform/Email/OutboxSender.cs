using MailKit.Net.Smtp;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Hosting;

namespace Quartiersnetz.Platform.Email;

/// <summary>
/// Sends the outbox. Every app node runs one; they coordinate only through the database: a node claims a
/// due message with a conditional UPDATE that succeeds only while no other node holds it, so on PostgreSQL
/// (row locks, re-checked condition) and on SQLite (one writer at a time) exactly one node wins each claim.
/// A claim expires after Email:LockDuration, so a message held by a node that died is taken over later.
/// </summary>
internal sealed partial class OutboxSender(
    IServiceScopeFactory scopes,
    EmailSettings settings,
    OutboxSignal signal,
    TimeProvider clock,
    BackgroundStart start,
    ILogger<OutboxSender> logger) : BackgroundService
{
    private const int BatchSize = 10;
    private const int MaxErrorLength = 500;

    private DateTime _lastRetentionPass = DateTime.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        BackgroundWork.Enter(nameof(OutboxSender));
        if (!await start.WaitAsync(stoppingToken))
        {
            return;
        }

        LogStarted(logger, settings.UsesSmtp ? $"SMTP {settings.SmtpHost}:{settings.SmtpPort}" : $"pickup folder {settings.PickupFolder}");
        await using var delivery = new MailDelivery(settings, clock);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SendDueMessagesAsync(delivery, stoppingToken);
                await DeleteOldSentMessagesAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // The database may be briefly unreachable; the next pass tries again. The host stays up.
                LogPassFailed(logger, ex);
            }

            await delivery.CloseAsync();
            try
            {
                // Machine time, not the injected clock: a test clock that stands still must not stop the sender.
                await signal.WaitAsync(settings.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>Sends due messages until none is left, so a backlog goes out without waiting for the next poll.</summary>
    private async Task SendDueMessagesAsync(MailDelivery delivery, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            List<Guid> candidates;
            await using (var scope = scopes.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
                candidates = await Due(db.Set<OutboxMessage>(), now)
                    .OrderBy(m => m.NextAttemptAtUtc)
                    .Select(m => m.Id)
                    .Take(BatchSize)
                    .ToListAsync(stoppingToken);
            }

            if (candidates.Count == 0)
            {
                return;
            }

            foreach (var id in candidates)
            {
                if (stoppingToken.IsCancellationRequested)
                {
                    return;
                }

                // Claim, send and record run to the end even during shutdown (bounded by the SMTP timeout):
                // cancelling between "handed to the server" and "marked as sent" would send the mail twice.
                await SendOneAsync(id, delivery);
            }
        }
    }

    /// <summary>
    /// Sent mails are kept for the office (and "Meine Daten") for Email:KeepSentDays, then deleted: data
    /// minimisation, and the table stays small. Checked about once a minute per node; deleting is idempotent.
    /// </summary>
    private async Task DeleteOldSentMessagesAsync(CancellationToken stoppingToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (now - _lastRetentionPass < RetentionInterval)
        {
            return;
        }

        _lastRetentionPass = now;
        var cutoff = now.AddDays(-settings.KeepSentDays);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        await db.Set<OutboxMessage>()
            .Where(m => m.Status == OutboxStatus.Sent && m.SentAtUtc < cutoff)
            .ExecuteDeleteAsync(stoppingToken);
    }

    private TimeSpan RetentionInterval => settings.PollInterval * 12;

    private static IQueryable<OutboxMessage> Due(IQueryable<OutboxMessage> messages, DateTime now) =>
        messages.Where(m => m.Status == OutboxStatus.Pending
            && m.NextAttemptAtUtc <= now
            && (m.LockedUntilUtc == null || m.LockedUntilUtc < now));

    private async Task SendOneAsync(Guid id, MailDelivery delivery)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        var messages = db.Set<OutboxMessage>();
        var now = clock.GetUtcNow().UtcDateTime;
        var token = Guid.NewGuid();
        var lockedUntil = now + settings.LockDuration;

        // The affected-row count says whether this node won the message or another node was faster.
        var claimed = await Due(messages, now).Where(m => m.Id == id)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.LockToken, token)
                .SetProperty(m => m.LockedUntilUtc, lockedUntil), CancellationToken.None);
        if (claimed == 0)
        {
            return;
        }

        var message = await messages.AsNoTracking().SingleAsync(m => m.Id == id && m.LockToken == token, CancellationToken.None);
        var attachments = await db.Set<OutboxAttachment>().AsNoTracking().Where(a => a.MessageId == id).OrderBy(a => a.Position).ToListAsync(CancellationToken.None);
        try
        {
            var mime = delivery.Compose(message, attachments);
            await delivery.DeliverAsync(message.Id, mime, CancellationToken.None);
        }
        catch (Exception ex)
        {
            await RecordFailureAsync(messages, message, token, ex);
            return;
        }

        var sentAt = clock.GetUtcNow().UtcDateTime;
        // The bodies carry links with tokens (invitations, password resets): they must not stay readable in
        // the database once delivered. Recipient, subject and times remain for the office.
        var finished = await messages.Where(m => m.Id == id && m.LockToken == token)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutboxStatus.Sent)
                .SetProperty(m => m.SentAtUtc, sentAt)
                .SetProperty(m => m.Attempts, m => m.Attempts + 1)
                .SetProperty(m => m.LockToken, (Guid?)null)
                .SetProperty(m => m.LockedUntilUtc, (DateTime?)null)
                .SetProperty(m => m.LastError, (string?)null)
                .SetProperty(m => m.TextBody, string.Empty)
                .SetProperty(m => m.HtmlBody, (string?)null)
                .SetProperty(m => m.Headers, (string?)null), CancellationToken.None);
        if (finished == 0)
        {
            // Only possible when sending outlasted the lock and another node took the message over.
            LogLostClaim(logger, id);
        }
        else
        {
            await db.Set<OutboxAttachment>().Where(a => a.MessageId == id).ExecuteDeleteAsync(CancellationToken.None);
        }
    }

    private async Task RecordFailureAsync(DbSet<OutboxMessage> messages, OutboxMessage message, Guid token, Exception ex)
    {
        var attempts = message.Attempts + 1;
        var now = clock.GetUtcNow().UtcDateTime;
        // A recipient the server refuses for good (5xx: no such mailbox) will not appear by waiting.
        var refused = IsPermanentRecipientFailure(ex);
        var giveUp = attempts >= settings.MaxAttempts || refused;
        var next = giveUp ? now : now + settings.RetryDelay(attempts);
        var error = Shorten($"{ex.GetType().Name}: {ex.Message}");
        if (giveUp)
        {
            LogDeadLetter(logger, message.Id, attempts, ex);
        }
        else
        {
            LogAttemptFailed(logger, message.Id, attempts, next, ex.GetType().Name, ex.Message);
        }

        await messages.Where(m => m.Id == message.Id && m.LockToken == token)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Attempts, attempts)
                .SetProperty(m => m.Status, giveUp ? OutboxStatus.DeadLetter : OutboxStatus.Pending)
                .SetProperty(m => m.NextAttemptAtUtc, next)
                .SetProperty(m => m.LastError, error)
                .SetProperty(m => m.LockToken, (Guid?)null)
                .SetProperty(m => m.LockedUntilUtc, (DateTime?)null), CancellationToken.None);

        if (refused)
        {
            await ReportRefusedRecipientAsync(message, error);
        }
    }

    /// <summary>
    /// Tells whoever cares (e.g. the newsletter, which stops mailing the address) that the server refused a recipient for
    /// good. A failing observer must not keep the mail from being recorded, so its errors are only logged.
    /// </summary>
    private async Task ReportRefusedRecipientAsync(OutboxMessage message, string error)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            foreach (var observer in scope.ServiceProvider.GetServices<IRefusedRecipientObserver>())
            {
                await observer.RecipientRefusedAsync(message.ToAddress, error, CancellationToken.None);
            }
        }
        catch (Exception ex)
        {
            LogObserverFailed(logger, message.Id, ex);
        }
    }

    private static bool IsPermanentRecipientFailure(Exception ex) =>
        ex is SmtpCommandException { ErrorCode: SmtpErrorCode.RecipientNotAccepted } refused && (int)refused.StatusCode >= 500;

    /// <summary>One line for the office page; MailKit's messages carry no credentials.</summary>
    private static string Shorten(string error)
    {
        var line = error.ReplaceLineEndings(" ");
        return line.Length <= MaxErrorLength ? line : line[..(MaxErrorLength - 1)] + "…";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "E-mail outbox sender started ({Transport})")]
    private static partial void LogStarted(ILogger logger, string transport);

    [LoggerMessage(Level = LogLevel.Error, Message = "E-mail outbox pass failed; trying again after the poll interval")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "E-mail {MessageId} attempt {Attempt} failed, next attempt at {NextAttemptUtc:o}: {ErrorType}: {Error}")]
    private static partial void LogAttemptFailed(ILogger logger, Guid messageId, int attempt, DateTime nextAttemptUtc, string errorType, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "E-mail {MessageId} given up after {Attempts} attempts; the office sees it in the outbox")]
    private static partial void LogDeadLetter(ILogger logger, Guid messageId, int attempts, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reporting the refused recipient of e-mail {MessageId} failed")]
    private static partial void LogObserverFailed(ILogger logger, Guid messageId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "E-mail {MessageId} was sent, but its claim had expired and another node took it over")]
    private static partial void LogLostClaim(ILogger logger, Guid messageId);
}
