using Quartiersnetz.Data;
using Quartiersnetz.Platform.Privacy;

namespace Quartiersnetz.Features.Newsletter;

/// <summary>
/// The member-mail setting, a public subscription at the account's address and the issues sent there, for "Meine
/// Daten"; deleting the account removes the setting and the delivery records. A public subscription at the same address
/// is a consent of its own (it may predate the account) and ends only by its unsubscribe link; it is shown, not erased.
/// </summary>
internal sealed class NewsletterPersonalData(QuartiersnetzDbContext db) : IPersonalDataContributor
{
    public string Section => "Newsletter";

    public async Task<object?> ExportAsync(Guid userId, CancellationToken cancellationToken)
    {
        var key = await KeyOfAsync(userId, cancellationToken);
        var wants = await MemberNewsletterSetting.WantsAsync(db, userId, cancellationToken);
        var subscription = key is null ? null : await db.Set<NewsletterSubscription>().AsNoTracking().Where(s => s.EmailKey == key)
            .Select(s => new { s.Email, s.Status, s.ConsentTextVersion, s.ConsentGivenAtUtc, s.ConfirmedAtUtc, s.UnsubscribedAtUtc })
            .SingleOrDefaultAsync(cancellationToken);
        var issues = key is null ? [] : await db.Set<NewsletterDelivery>().AsNoTracking().Where(d => d.RecipientKey == key)
            .Join(db.Set<NewsletterIssue>(), d => d.IssueId, i => i.Id, (d, i) => new { i.Subject, d.QueuedAtUtc })
            .OrderBy(x => x.QueuedAtUtc).ToListAsync(cancellationToken);
        var result = new Dictionary<string, object?> { ["Mitglieder-Newsletter per E-Mail"] = wants ? "ja" : "nein" };
        if (subscription is not null)
        {
            result["Öffentliches Abonnement"] = SubscriptionLabels.Label(subscription.Status);
            result["Einwilligung (Fassung)"] = subscription.ConsentTextVersion;
            result["Einwilligung erteilt am"] = subscription.ConsentGivenAtUtc;
            result["Bestätigt am"] = subscription.ConfirmedAtUtc;
            result["Abgemeldet am"] = subscription.UnsubscribedAtUtc;
        }

        result["Erhaltene Ausgaben"] = issues.Select(i => new Dictionary<string, object?> { ["Betreff"] = i.Subject, ["Versendet am"] = i.QueuedAtUtc }).ToList();
        return result;
    }

    public async Task EraseAsync(Guid userId, CancellationToken cancellationToken)
    {
        db.RemoveRange(await db.Set<MemberNewsletterPreference>().Where(p => p.UserId == userId).ToListAsync(cancellationToken));
        if (await KeyOfAsync(userId, cancellationToken) is { } key)
        {
            db.RemoveRange(await db.Set<NewsletterDelivery>().Where(d => d.RecipientKey == key).ToListAsync(cancellationToken));
        }
    }

    private Task<string?> KeyOfAsync(Guid userId, CancellationToken cancellationToken) =>
        db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.NormalizedEmail).SingleOrDefaultAsync(cancellationToken);
}
