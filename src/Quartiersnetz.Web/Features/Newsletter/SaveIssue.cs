using System.ComponentModel.DataAnnotations;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Audit;

namespace Quartiersnetz.Features.Newsletter;

/// <summary>The compose form of an issue.</summary>
internal sealed class IssueInput
{
    [Required(ErrorMessage = "Bitte geben Sie einen Betreff ein.")]
    [StringLength(NewsletterIssue.SubjectMaxLength, ErrorMessage = "Der Betreff darf höchstens {1} Zeichen haben.")]
    public string Subject { get; set; } = "";

    [StringLength(NewsletterIssue.IntroMaxLength, ErrorMessage = "Der Text darf höchstens {1} Zeichen haben.")]
    public string? Intro { get; set; }

    public string Audience { get; set; } = nameof(IssueAudience.Public);

    public List<Guid> News { get; set; } = [];

    public List<Guid> Events { get; set; } = [];
}

/// <summary>The office saves a draft issue, and releases it for sending. Sent issues never change.</summary>
internal static class SaveIssue
{
    public const string NotDraftMessage = "Diese Ausgabe wird schon versendet oder ist versendet und kann nicht mehr geändert werden.";

    /// <summary>The saved issue's id, or field errors (keyed by input name) and nothing stored.</summary>
    internal sealed record Outcome(Guid? Id, IReadOnlyDictionary<string, string> Errors);

    public static async Task<Outcome> HandleAsync(QuartiersnetzDbContext db, TimeProvider clock, Guid? id, IssueInput input, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        var now = clock.GetUtcNow().UtcDateTime;
        var audience = IssueLabels.ParseAudience(input.Audience);
        if (audience is null)
        {
            errors[nameof(IssueInput.Audience)] = "Bitte wählen Sie, wer die Ausgabe erhält.";
            return new Outcome(null, errors);
        }

        NewsletterIssue? issue = null;
        if (id is { } existing)
        {
            issue = await db.Set<NewsletterIssue>().SingleOrDefaultAsync(i => i.Id == existing, cancellationToken);
            if (issue is null || issue.Status != IssueStatus.Draft)
            {
                errors[""] = NotDraftMessage;
                return new Outcome(null, errors);
            }
        }

        var news = input.News.Distinct().ToList();
        var events = input.Events.Distinct().ToList();
        var allowedNews = (await IssueContent.NewsAsync(db, audience.Value, now, news, cancellationToken)).Select(c => c.Id).ToHashSet();
        if (news.Any(n => !allowedNews.Contains(n)))
        {
            errors[nameof(IssueInput.News)] = audience == IssueAudience.Public
                ? "Eine öffentliche Ausgabe kann nur öffentliche, veröffentlichte Meldungen enthalten. Bitte wählen Sie „Nur Mitglieder“ oder entfernen Sie die Meldungen nur für Mitglieder."
                : "Bitte wählen Sie nur veröffentlichte Meldungen aus der Liste.";
        }

        var allowedEvents = (await IssueContent.EventsAsync(db, audience.Value, now, events, cancellationToken)).Select(c => c.Id).ToHashSet();
        if (events.Any(e => !allowedEvents.Contains(e)))
        {
            errors[nameof(IssueInput.Events)] = audience == IssueAudience.Public
                ? "Eine öffentliche Ausgabe kann nur öffentliche, kommende Veranstaltungen enthalten. Bitte wählen Sie „Nur Mitglieder“ oder entfernen Sie die Veranstaltungen nur für Mitglieder."
                : "Bitte wählen Sie nur kommende Veranstaltungen aus der Liste.";
        }

        if (errors.Count > 0)
        {
            return new Outcome(null, errors);
        }

        if (issue is null)
        {
            issue = new NewsletterIssue { CreatedAtUtc = now, Status = IssueStatus.Draft };
            db.Add(issue);
        }

        issue.Subject = input.Subject.Trim();
        issue.Intro = (input.Intro ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        issue.Audience = audience.Value;
        issue.UpdatedAtUtc = now;

        var wanted = news.Select(n => (Kind: IssueItemKind.News, Id: n)).Concat(events.Select(e => (Kind: IssueItemKind.Event, Id: e))).ToList();
        var current = await db.Set<NewsletterIssueItem>().Where(i => i.IssueId == issue.Id).ToListAsync(cancellationToken);
        db.RemoveRange(current.Where(c => !wanted.Contains((c.Kind, c.ItemId))));
        for (var position = 0; position < wanted.Count; position++)
        {
            var (kind, itemId) = wanted[position];
            if (current.FirstOrDefault(c => c.Kind == kind && c.ItemId == itemId) is { } kept)
            {
                kept.Position = position;
            }
            else
            {
                db.Add(new NewsletterIssueItem { IssueId = issue.Id, Kind = kind, ItemId = itemId, Position = position });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return new Outcome(issue.Id, errors);
    }

    /// <summary>
    /// Freezes the issue as it will be mailed and hands it to the send job; false when it is no longer a draft (sent twice
    /// from two tabs: the second press changes nothing).
    /// </summary>
    public static async Task<bool> ReleaseAsync(
        QuartiersnetzDbContext db, TimeProvider clock, NewsletterComposer composer, AuditLog audit, AuditActor actor, Guid id, string linkBase, CancellationToken cancellationToken)
    {
        var issue = await db.Set<NewsletterIssue>().SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (issue is not { Status: IssueStatus.Draft })
        {
            return false;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var composed = composer.Compose(issue.Intro, await IssueContent.PickedAsync(db, issue, now, cancellationToken), linkBase);
        issue.SentHtml = composed.Html;
        issue.SentText = composed.Text;
        issue.LinkBase = linkBase;
        issue.Status = IssueStatus.Sending;
        issue.SendStartedAtUtc = now;
        issue.UpdatedAtUtc = now;
        issue.RecipientCount = (await NewsletterRecipients.ListAsync(db, issue.Audience, cancellationToken)).Count;
        audit.Record(actor, "newsletter.sent", "NewsletterIssue", issue.Id.ToString(), issue.Subject);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
