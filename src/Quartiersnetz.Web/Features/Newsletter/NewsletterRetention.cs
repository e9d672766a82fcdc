using Quartiersnetz.Data;
using Quartiersnetz.Platform.Hosting;

namespace Quartiersnetz.Features.Newsletter;

/// <summary>
/// Retention of newsletter data (Art. 5(1)(e) DSGVO: no longer than needed):
/// <list type="bullet">
/// <item>a request never confirmed is deleted 30 days after its link expired — there is no consent to prove;</item>
/// <item>an ended subscription (unsubscribed, or refused by the mail server) is kept three years as proof of the
/// consent for the issues it received (the regular limitation period, § 195 BGB), then deleted;</item>
/// <item>the delivery rows of an issue (one address each, kept so a send is never repeated) are deleted 30 days after
/// the issue was sent; the issue keeps its counts.</item>
/// </list>
/// Each pass deletes in bulk statements; running it on several nodes at once is harmless.
/// </summary>
internal sealed class NewsletterRetention(QuartiersnetzDbContext db, TimeProvider clock)
{
    public static readonly TimeSpan UnconfirmedKept = TimeSpan.FromDays(30);
    public static readonly TimeSpan EndedKept = TimeSpan.FromDays(3 * 365);
    public static readonly TimeSpan DeliveriesKept = TimeSpan.FromDays(30);

    /// <summary>What one pass deleted.</summary>
    internal sealed record Outcome(int Unconfirmed, int Ended, int Deliveries);

    public async Task<Outcome> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var unconfirmedBefore = now - UnconfirmedKept;
        var endedBefore = now - EndedKept;
        var sentBefore = now - DeliveriesKept;
        var unconfirmed = await db.Set<NewsletterSubscription>()
            .Where(s => s.Status == SubscriptionStatus.Pending && s.ConfirmationExpiresAtUtc < unconfirmedBefore)
            .ExecuteDeleteAsync(cancellationToken);
        var ended = await db.Set<NewsletterSubscription>()
            .Where(s => (s.Status == SubscriptionStatus.Unsubscribed && s.UnsubscribedAtUtc < endedBefore)
                || (s.Status == SubscriptionStatus.Bounced && s.BouncedAtUtc < endedBefore))
            .ExecuteDeleteAsync(cancellationToken);
        var deliveries = await db.Set<NewsletterDelivery>()
            .Where(d => db.Set<NewsletterIssue>().Any(i => i.Id == d.IssueId && i.Status == IssueStatus.Sent && i.SentAtUtc < sentBefore))
            .ExecuteDeleteAsync(cancellationToken);
        return new Outcome(unconfirmed, ended, deliveries);
    }
}

/// <summary>Runs <see cref="NewsletterRetention"/> once a day on every node.</summary>
internal sealed partial class NewsletterRetentionJob(IServiceScopeFactory scopes, BackgroundStart start, ILogger<NewsletterRetentionJob> logger) : PollingJob(logger, start)
{
    protected override async Task RunPassAsync(CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<NewsletterRetention>().RunAsync(stoppingToken);
        LogDeleted(logger, outcome.Unconfirmed, outcome.Ended, outcome.Deliveries);
    }

    protected override Task WaitAsync(CancellationToken stoppingToken) => Task.Delay(TimeSpan.FromDays(1), stoppingToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Newsletter retention: deleted {Unconfirmed} unconfirmed and {Ended} ended subscriptions and {Deliveries} delivery rows")]
    private static partial void LogDeleted(ILogger logger, int unconfirmed, int ended, int deliveries);
}
