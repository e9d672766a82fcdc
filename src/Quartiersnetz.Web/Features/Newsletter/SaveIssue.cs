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

    public List<Guid> Publications { get; set; } = [];

    /// <summary>The picked ids of one kind (each once), in the order of the form.</summary>
    public List<Guid> Picked(IssueItemKind kind) => [.. (kind switch { IssueItemKind.News => News, IssueItemKind.Event => Events, _ => Publications }).Distinct()];

    /// <summary>The form field that holds the picks of one kind.</summary>
    public static string Field(IssueItemKind kind) => kind switch { IssueItemKind.News => nameof(News), IssueItemKind.Event => nameof(Events), _ => nameof(Publications) };
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

        var wanted = new List<(IssueItemKind Kind, Guid Id)>();
        foreach (var kind in Enum.GetValues<IssueItemKind>())
        {
            var picked = input.Picked(kind);
            var allowed = (await IssueContent.OfKindAsync(db, kind, audience.Value, now, picked, cancellationToken)).Select(c => c.Id).ToHashSet();
            if (picked.Any(p => !allowed.Contains(p)))
            {
                errors[IssueInput.Field(kind)] = RefusedPick(kind, audience.Value);
            }

            wanted.AddRange(picked.Select(p => (kind, p)));
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

    private static string RefusedPick(IssueItemKind kind, IssueAudience audience) => (kind, audience) switch
    {
        (IssueItemKind.News, IssueAudience.Public) => "Eine öffentliche Ausgabe kann nur öffentliche, veröffentlichte Meldungen enthalten. Bitte wählen Sie „Nur Mitglieder“ oder entfernen Sie die Meldungen nur für Mitglieder.",
        (IssueItemKind.News, _) => "Bitte wählen Sie nur veröffentlichte Meldungen aus der Liste.",
        (IssueItemKind.Event, IssueAudience.Public) => "Eine öffentliche Ausgabe kann nur öffentliche, kommende Veranstaltungen enthalten. Bitte wählen Sie „Nur Mitglieder“ oder entfernen Sie die Veranstaltungen nur für Mitglieder.",
        (IssueItemKind.Event, _) => "Bitte wählen Sie nur kommende Veranstaltungen aus der Liste.",
        (_, IssueAudience.Public) => "Eine öffentliche Ausgabe kann nur öffentliche, veröffentlichte Veröffentlichungen der Bibliothek enthalten. Bitte wählen Sie „Nur Mitglieder“ oder entfernen Sie die Veröffentlichungen nur für Mitglieder.",
        _ => "Bitte wählen Sie nur veröffentlichte Veröffentlichungen aus der Liste.",
    };

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
