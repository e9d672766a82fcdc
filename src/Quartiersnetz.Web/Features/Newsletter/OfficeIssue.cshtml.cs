using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Email;
using Quartiersnetz.Platform.Http;
using Quartiersnetz.Platform.Localization;

namespace Quartiersnetz.Features.Newsletter;

/// <summary>
/// The office composes an issue (subject, Markdown text, audience, picked news and events), sees the preview exactly as
/// mailed (HTML and text part), sends a test to itself, and releases it to the send job; afterwards the page shows the
/// progress.
/// </summary>
[Authorize(Policy = Policies.Office)]
internal sealed class OfficeIssueModel(
    QuartiersnetzDbContext db, TimeProvider clock, NewsletterComposer composer, NewsletterTokens tokens, EmailOutbox outbox,
    NewsletterSendJob job, AuditLog audit, PublicUrls urls, IStringLocalizer<Texts> l) : PageModel
{
    public const string BasePath = "/geschaeftsstelle/newsletter/ausgabe";

    [BindProperty]
    public IssueInput Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public Guid? IssueId { get; private set; }

    public IssueStatus Status { get; private set; } = IssueStatus.Draft;

    public int RecipientCount { get; private set; }

    public int DeliveredCount { get; private set; }

    public DateTime? SentAtUtc { get; private set; }

    public IReadOnlyList<IssueCandidate> NewsChoices { get; private set; } = [];

    public IReadOnlyList<IssueCandidate> EventChoices { get; private set; } = [];

    public IReadOnlyList<IssueCandidate> PublicationChoices { get; private set; } = [];

    /// <summary>Ids of the choices only members may read.</summary>
    public IReadOnlySet<Guid> MembersOnly { get; private set; } = new HashSet<Guid>();

    public string? PreviewHtml { get; private set; }

    public string? PreviewText { get; private set; }

    public string FormAction => IssueId is { } id ? $"{BasePath}/{id}" : BasePath;

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken cancellationToken)
    {
        if (id is { } existing)
        {
            if (!await LoadIssueAsync(existing, cancellationToken))
            {
                return NotFound();
            }
        }

        await LoadChoicesAsync(cancellationToken);
        return Page();
    }

    /// <summary>Saves the draft and shows it again with its preview.</summary>
    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var outcome = await SaveIssue.HandleAsync(db, clock, id, Input, cancellationToken);
            if (outcome.Id is { } saved)
            {
                StatusMessage = l["Die Ausgabe wurde gespeichert. Unten sehen Sie die Vorschau."];
                return Redirect($"{BasePath}/{saved}#vorschau");
            }

            foreach (var (field, message) in outcome.Errors)
            {
                ModelState.AddModelError(field.Length == 0 ? "" : $"{nameof(Input)}.{field}", l[message]);
            }
        }

        IssueId = id;
        await LoadChoicesAsync(cancellationToken);
        return Page();
    }

    /// <summary>Sends the saved draft, as mailed, to the signed-in office account's own address.</summary>
    public async Task<IActionResult> OnPostTestAsync(Guid id, CancellationToken cancellationToken)
    {
        var issue = await db.Set<NewsletterIssue>().AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
        var me = await db.Users.AsNoTracking().Where(u => u.Id == User.AccountId()).Select(u => new { u.Id, u.Email, u.DisplayName }).SingleOrDefaultAsync(cancellationToken);
        if (issue is null)
        {
            return NotFound();
        }

        if (me?.Email is null)
        {
            StatusMessage = l["Ihr Zugang hat keine E-Mail-Adresse; die Testausgabe konnte nicht verschickt werden."];
            return Redirect($"{BasePath}/{id}");
        }

        var linkBase = LinkBase();
        var preview = await ComposeAsync(issue, linkBase, cancellationToken);
        var recipient = new IssueRecipient(EmailAddress.Key(me.Email), me.Email, me.DisplayName, new UnsubscribeTarget(true, me.Id));
        var test = new NewsletterIssue { Subject = l["[Test] {0}", issue.Subject], SentHtml = preview.Html, SentText = preview.Text, LinkBase = linkBase, Audience = issue.Audience };
        outbox.Enqueue(NewsletterSendJob.IssueMail(test, recipient, tokens, composer));
        await db.SaveChangesAsync(cancellationToken);
        StatusMessage = l["Die Testausgabe wurde an {0} geschickt.", me.Email];
        return Redirect($"{BasePath}/{id}#vorschau");
    }

    /// <summary>Releases the saved draft: the send job writes the mails in batches.</summary>
    public async Task<IActionResult> OnPostSendAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await db.Set<NewsletterIssue>().AnyAsync(i => i.Id == id, cancellationToken))
        {
            return NotFound();
        }

        if (await SaveIssue.ReleaseAsync(db, clock, composer, audit, AuditActor.From(User), id, LinkBase(), cancellationToken))
        {
            job.Wake();
            StatusMessage = l["Die Ausgabe wird jetzt versendet."];
        }
        else
        {
            StatusMessage = l[SaveIssue.NotDraftMessage];
        }

        return Redirect($"{BasePath}/{id}");
    }

    private string LinkBase() => urls.Absolute("/").TrimEnd('/');

    private async Task<ComposedIssue> ComposeAsync(NewsletterIssue issue, string linkBase, CancellationToken cancellationToken) =>
        composer.Compose(issue.Intro, await IssueContent.PickedAsync(db, issue, clock.GetUtcNow().UtcDateTime, cancellationToken), linkBase);

    private async Task<bool> LoadIssueAsync(Guid id, CancellationToken cancellationToken)
    {
        var issue = await db.Set<NewsletterIssue>().AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (issue is null)
        {
            return false;
        }

        IssueId = id;
        Status = issue.Status;
        RecipientCount = issue.RecipientCount;
        DeliveredCount = issue.DeliveredCount;
        SentAtUtc = issue.SentAtUtc;
        var items = await db.Set<NewsletterIssueItem>().AsNoTracking().Where(i => i.IssueId == id).OrderBy(i => i.Position).ToListAsync(cancellationToken);
        Input = new IssueInput
        {
            Subject = issue.Subject,
            Intro = issue.Intro,
            Audience = issue.Audience.ToString(),
            News = [.. items.Where(i => i.Kind == IssueItemKind.News).Select(i => i.ItemId)],
            Events = [.. items.Where(i => i.Kind == IssueItemKind.Event).Select(i => i.ItemId)],
            Publications = [.. items.Where(i => i.Kind == IssueItemKind.Publication).Select(i => i.ItemId)],
        };

        // The preview is the mail as the recipients get it; after release, what was frozen for sending.
        var linkBase = issue.LinkBase ?? LinkBase();
        var composed = issue.Status == IssueStatus.Draft ? await ComposeAsync(issue, linkBase, cancellationToken) : new ComposedIssue(issue.SentHtml ?? "", issue.SentText ?? "");
        var sampleUnsubscribe = linkBase + NewsletterSubscriptions.UnsubscribePath + "persoenlicher-link";
        PreviewHtml = composer.Body(issue.Subject, composed.Html, sampleUnsubscribe);
        PreviewText = composer.Text(issue.Subject, composed.Text, sampleUnsubscribe);
        if (issue.Status == IssueStatus.Draft)
        {
            RecipientCount = (await NewsletterRecipients.ListAsync(db, issue.Audience, cancellationToken)).Count;
        }

        return true;
    }

    private async Task LoadChoicesAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        NewsChoices = await IssueContent.NewsAsync(db, IssueAudience.Members, now, null, cancellationToken);
        EventChoices = await IssueContent.EventsAsync(db, IssueAudience.Members, now, null, cancellationToken);
        PublicationChoices = await IssueContent.PublicationsAsync(db, IssueAudience.Members, now, null, cancellationToken);
        var publicIds = new HashSet<Guid>();
        foreach (var (kind, choices) in new[] { (IssueItemKind.News, NewsChoices), (IssueItemKind.Event, EventChoices), (IssueItemKind.Publication, PublicationChoices) })
        {
            publicIds.UnionWith((await IssueContent.OfKindAsync(db, kind, IssueAudience.Public, now, [.. choices.Select(c => c.Id)], cancellationToken)).Select(c => c.Id));
        }

        MembersOnly = NewsChoices.Concat(EventChoices).Concat(PublicationChoices).Select(c => c.Id).Where(i => !publicIds.Contains(i)).ToHashSet();
    }
}

/// <summary>One group of checkboxes (news, events or publications) on the compose form.</summary>
internal sealed record IssueChoicesModel(
    string Field, string Legend, string Empty, IReadOnlyList<IssueCandidate> Choices, IReadOnlyCollection<Guid> Selected, IReadOnlySet<Guid> MembersOnly, string? Error);
