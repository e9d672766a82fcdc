using Quartiersnetz.Data;
using Quartiersnetz.Features.People;
using Quartiersnetz.Platform.Email;
using Quartiersnetz.Platform.Errors;
using Quartiersnetz.Platform.Hosting;

namespace Quartiersnetz.Features.Newsletter;

/// <summary>One recipient of an issue and the unsubscribe link that belongs to them.</summary>
internal sealed record IssueRecipient(string Key, string Address, string? Name, UnsubscribeTarget Target);

internal static class NewsletterRecipients
{
    /// <summary>
    /// Members (anyone with a role and an address, neither an external contact nor deactivated) who did not opt out, and — for public
    /// issues — confirmed subscribers; one entry per address (a member's own link wins), ordered by address.
    /// </summary>
    public static async Task<List<IssueRecipient>> ListAsync(QuartiersnetzDbContext db, IssueAudience audience, CancellationToken cancellationToken)
    {
        var members = await db.Users.AsNoTracking()
            .Where(u => u.Email != null && u.NormalizedEmail != null && !u.IsExternalContact && u.LockoutEnd != AccountActivation.DeactivatedUntil
                && db.UserRoles.Any(ur => ur.UserId == u.Id)
                && !db.Set<MemberNewsletterPreference>().Any(p => p.UserId == u.Id && p.Receive != MemberNewsletterSetting.Default))
            .Select(u => new { u.Id, u.Email, u.NormalizedEmail, u.DisplayName })
            .ToListAsync(cancellationToken);
        var result = new Dictionary<string, IssueRecipient>(StringComparer.Ordinal);
        foreach (var m in members)
        {
            result.TryAdd(m.NormalizedEmail!, new IssueRecipient(m.NormalizedEmail!, m.Email!, m.DisplayName, new UnsubscribeTarget(true, m.Id)));
        }

        if (audience == IssueAudience.Public)
        {
            var subscribers = await db.Set<NewsletterSubscription>().AsNoTracking()
                .Where(s => s.Status == SubscriptionStatus.Confirmed)
                .Select(s => new { s.Id, s.Email, s.EmailKey })
                .ToListAsync(cancellationToken);
            foreach (var s in subscribers)
            {
                result.TryAdd(s.EmailKey, new IssueRecipient(s.EmailKey, s.Email, null, new UnsubscribeTarget(false, s.Id)));
            }
        }

        return [.. result.Values.OrderBy(r => r.Key, StringComparer.Ordinal)];
    }
}

/// <summary>
/// Sends issues the office released: writes one outbox mail per recipient, <see cref="BatchSize"/> per transaction, each
/// together with a <see cref="NewsletterDelivery"/> row whose unique key (issue, address) makes a second mail to the same
/// address impossible — after a crash, a restart or with several nodes working at once. The outbox then sends at its own
/// pace with its retries. Woken by the office page on this node; other nodes find the work by polling.
/// </summary>
internal sealed partial class NewsletterSendJob(IServiceScopeFactory scopes, TimeProvider clock, BackgroundStart start, ILogger<NewsletterSendJob> logger) : PollingJob(logger, start)
{
    public const int BatchSize = 200;
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _wake = new(0, 1);

    public void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            try
            {
                _wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Woken at the same moment by another request.
            }
        }
    }

    protected override Task RunPassAsync(CancellationToken stoppingToken) => RunPendingAsync(stoppingToken);

    protected override Task WaitAsync(CancellationToken stoppingToken) => _wake.WaitAsync(PollInterval, stoppingToken);

    /// <summary>Works through every issue being sent; returns how many there were (tests call this directly).</summary>
    public async Task<int> RunPendingAsync(CancellationToken cancellationToken)
    {
        List<Guid> sending;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
            sending = await db.Set<NewsletterIssue>().AsNoTracking().Where(i => i.Status == IssueStatus.Sending).Select(i => i.Id).ToListAsync(cancellationToken);
        }

        foreach (var id in sending)
        {
            await SendIssueAsync(id, int.MaxValue, cancellationToken);
        }

        return sending.Count;
    }

    /// <summary>Writes at most <paramref name="maxBatches"/> batches of one issue (fewer in tests, to stop half-way like a crash).</summary>
    public async Task SendIssueAsync(Guid issueId, int maxBatches, CancellationToken cancellationToken)
    {
        var conflicts = 0;
        for (var batch = 0; batch < maxBatches && !cancellationToken.IsCancellationRequested; batch++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var services = scope.ServiceProvider;
            var db = services.GetRequiredService<QuartiersnetzDbContext>();
            var issue = await db.Set<NewsletterIssue>().SingleOrDefaultAsync(i => i.Id == issueId && i.Status == IssueStatus.Sending, cancellationToken);
            if (issue is null)
            {
                return;
            }

            var recipients = await NewsletterRecipients.ListAsync(db, issue.Audience, cancellationToken);
            var delivered = (await db.Set<NewsletterDelivery>().AsNoTracking().Where(d => d.IssueId == issueId).Select(d => d.RecipientKey).ToListAsync(cancellationToken))
                .ToHashSet(StringComparer.Ordinal);
            var open = recipients.Where(r => !delivered.Contains(r.Key)).ToList();
            var now = clock.GetUtcNow().UtcDateTime;
            if (open.Count == 0)
            {
                issue.Status = IssueStatus.Sent;
                issue.SentAtUtc = now;
                issue.DeliveredCount = delivered.Count;
                issue.RecipientCount = delivered.Count;
                await db.SaveChangesAsync(cancellationToken);
                LogSent(logger, issueId, delivered.Count);
                return;
            }

            var outbox = services.GetRequiredService<EmailOutbox>();
            var tokens = services.GetRequiredService<NewsletterTokens>();
            var composer = services.GetRequiredService<NewsletterComposer>();
            foreach (var recipient in open.Take(BatchSize))
            {
                db.Add(new NewsletterDelivery { IssueId = issueId, RecipientKey = recipient.Key, QueuedAtUtc = now });
                outbox.Enqueue(IssueMail(issue, recipient, tokens, composer));
            }

            issue.DeliveredCount = delivered.Count + Math.Min(open.Count, BatchSize);
            issue.RecipientCount = delivered.Count + open.Count;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException ex) when (!Overload.IsOverload(ex) && ++conflicts <= 3)
            {
                // Another node wrote some of these recipients first; the next batch reads what is left.
                LogBatchConflict(logger, issueId, ex.GetType().Name);
            }
        }
    }

    public static EmailMessage IssueMail(NewsletterIssue issue, IssueRecipient recipient, NewsletterTokens tokens, NewsletterComposer composer)
    {
        var unsubscribe = (issue.LinkBase ?? "") + NewsletterSubscriptions.UnsubscribePath + tokens.Unsubscribe(recipient.Target);
        return new EmailMessage(
            recipient.Address,
            recipient.Name,
            issue.Subject,
            composer.Text(issue.Subject, issue.SentText ?? "", unsubscribe),
            NewsletterComposer.Document(issue.Subject, composer.Body(issue.Subject, issue.SentHtml ?? "", unsubscribe)),
            Headers:
            [
                // RFC 2369 and RFC 8058: mail programs offer an "unsubscribe" button that POSTs here without opening a page.
                new("List-Unsubscribe", "<" + unsubscribe + ">"),
                new("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
            ]);
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Newsletter issue {IssueId} queued for {Count} recipients")]
    private static partial void LogSent(ILogger logger, Guid issueId, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Newsletter issue {IssueId}: a batch overlapped with another node ({Error}); continuing")]
    private static partial void LogBatchConflict(ILogger logger, Guid issueId, string error);
}
