using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Newsletter;
using static Quartiersnetz.IntegrationTests.Newsletter.NewsletterTestSupport;

namespace Quartiersnetz.IntegrationTests.Newsletter;

/// <summary>
/// Retention: unconfirmed requests go 30 days after their link expired, ended subscriptions three years after they
/// ended, delivery rows 30 days after their issue was sent; everything younger, and every running subscription, stays.
/// </summary>
public sealed class NewsletterRetentionTests
{
    [Fact]
    public async Task Old_requests_ended_subscriptions_and_delivery_rows_are_deleted_and_nothing_younger()
    {
        // The daily job runs the same retention after the app has started; here it does not start at all, so the
        // outcome counted below is this test's own run and not shared with a pass of the job at the same moment.
        await using var factory = new NewsletterFactory();
        factory.WithSetting("BackgroundJobs:StartDelaySeconds", "3600");
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var keep = new List<string>();
        var gone = new List<string>();
        Guid oldIssue, recentIssue, sendingIssue;
        await using (var scope = factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
            NewsletterSubscription Subscription(SubscriptionStatus status, List<string> expected, Action<NewsletterSubscription> set)
            {
                var email = NewAddress("aufbewahrung");
                var subscription = new NewsletterSubscription
                {
                    Email = email, EmailKey = email.ToUpperInvariant(), Status = status, ConsentTextVersion = NewsletterConsent.Version,
                    ConsentGivenAtUtc = now.AddYears(-5), CreatedAtUtc = now.AddYears(-5), ConfirmationExpiresAtUtc = now.AddYears(-5).AddDays(7),
                };
                set(subscription);
                db.Add(subscription);
                expected.Add(subscription.EmailKey);
                return subscription;
            }

            Subscription(SubscriptionStatus.Pending, gone, s => s.ConfirmationExpiresAtUtc = now.AddDays(-31));
            Subscription(SubscriptionStatus.Pending, keep, s => s.ConfirmationExpiresAtUtc = now.AddDays(-10));
            Subscription(SubscriptionStatus.Confirmed, keep, s => s.ConfirmedAtUtc = now.AddYears(-5));
            Subscription(SubscriptionStatus.Unsubscribed, gone, s => s.UnsubscribedAtUtc = now.AddDays(-(3 * 365) - 1));
            Subscription(SubscriptionStatus.Unsubscribed, keep, s => s.UnsubscribedAtUtc = now.AddYears(-2));
            Subscription(SubscriptionStatus.Bounced, gone, s => s.BouncedAtUtc = now.AddDays(-(3 * 365) - 1));
            Subscription(SubscriptionStatus.Bounced, keep, s => s.BouncedAtUtc = now.AddDays(-100));

            NewsletterIssue Issue(IssueStatus status, DateTime? sentAt)
            {
                var issue = new NewsletterIssue { Subject = "Ausgabe", Intro = "", Audience = IssueAudience.Public, Status = status, CreatedAtUtc = now.AddDays(-40), UpdatedAtUtc = now, SentAtUtc = sentAt };
                db.Add(issue);
                db.Add(new NewsletterDelivery { IssueId = issue.Id, RecipientKey = NewAddress().ToUpperInvariant(), QueuedAtUtc = now.AddDays(-40) });
                db.Add(new NewsletterDelivery { IssueId = issue.Id, RecipientKey = NewAddress().ToUpperInvariant(), QueuedAtUtc = now.AddDays(-40) });
                return issue;
            }

            oldIssue = Issue(IssueStatus.Sent, now.AddDays(-31)).Id;
            recentIssue = Issue(IssueStatus.Sent, now.AddDays(-5)).Id;
            sendingIssue = Issue(IssueStatus.Sending, null).Id;
            await db.SaveChangesAsync(Ct);
        }

        NewsletterRetention.Outcome outcome;
        await using (var scope = factory.CreateScope())
        {
            outcome = await scope.ServiceProvider.GetRequiredService<NewsletterRetention>().RunAsync(Ct);
        }

        await using (var scope = factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
            var left = await db.Set<NewsletterSubscription>().AsNoTracking().Where(s => keep.Contains(s.EmailKey) || gone.Contains(s.EmailKey)).Select(s => s.EmailKey).ToListAsync(Ct);
            Assert.Equal(keep.Order(), left.Order());
            Assert.Equal(0, await db.Set<NewsletterDelivery>().CountAsync(d => d.IssueId == oldIssue, Ct));
            Assert.Equal(2, await db.Set<NewsletterDelivery>().CountAsync(d => d.IssueId == recentIssue, Ct));
            Assert.Equal(2, await db.Set<NewsletterDelivery>().CountAsync(d => d.IssueId == sendingIssue, Ct));
            Assert.True(await db.Set<NewsletterIssue>().AnyAsync(i => i.Id == oldIssue, Ct));
        }

        Assert.Equal(new NewsletterRetention.Outcome(1, 2, 2), outcome);
    }
}
