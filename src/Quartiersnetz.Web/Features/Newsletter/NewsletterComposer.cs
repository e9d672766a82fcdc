using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Events;
using Quartiersnetz.Features.Library;
using Quartiersnetz.Features.News;
using Quartiersnetz.Platform.Localization;
using Quartiersnetz.Platform.Text;
using Quartiersnetz.Platform.Time;

namespace Quartiersnetz.Features.Newsletter;

/// <summary>A news article, event or publication the office can pick for an issue.</summary>
internal sealed record IssueCandidate(IssueItemKind Kind, Guid Id, string Title, string Detail, string Path);

/// <summary>
/// What an issue may contain: published news, upcoming events and published publications its audience may read —
/// members-only items only in member issues. The same rule applies when picking and again when the issue is rendered,
/// so an item made members-only (or taken back to a draft) later never reaches public subscribers.
/// </summary>
internal static class IssueContent
{
    public const int CandidateCount = 20;

    public static async Task<List<IssueCandidate>> NewsAsync(
        QuartiersnetzDbContext db, IssueAudience audience, DateTime nowUtc, IReadOnlyCollection<Guid>? only, CancellationToken cancellationToken)
    {
        var members = audience == IssueAudience.Members;
        var query = db.Set<NewsArticle>().AsNoTracking()
            .Where(a => a.PublishAtUtc != null && a.PublishAtUtc <= nowUtc && (members || a.Visibility == NewsVisibility.Public));
        query = only is { } ids ? query.Where(a => ids.Contains(a.Id)) : query.OrderByDescending(a => a.PublishAtUtc).Take(CandidateCount);
        var rows = await query.Select(a => new { a.Id, a.Title, a.Teaser, a.Slug, a.Visibility }).ToListAsync(cancellationToken);
        return [.. rows.Select(a => new IssueCandidate(IssueItemKind.News, a.Id, a.Title, a.Teaser, "/aktuelles/" + a.Slug))];
    }

    public static async Task<List<IssueCandidate>> EventsAsync(
        QuartiersnetzDbContext db, IssueAudience audience, DateTime nowUtc, IReadOnlyCollection<Guid>? only, CancellationToken cancellationToken)
    {
        var members = audience == IssueAudience.Members;
        var query = db.Set<Event>().AsNoTracking()
            .Where(e => e.Status == EventStatus.Published && e.EndUtc >= nowUtc
                && (e.Audience == EventAudience.Public || (members && e.Audience == EventAudience.Members)));
        query = only is { } ids ? query.Where(e => ids.Contains(e.Id)) : query.OrderBy(e => e.StartUtc).Take(CandidateCount);
        var rows = await query.Select(e => new { e.Id, e.Title, e.StartUtc, e.PlaceMode, e.VenueName }).ToListAsync(cancellationToken);
        return [.. rows.Select(e => new IssueCandidate(
            IssueItemKind.Event, e.Id, e.Title,
            BerlinTime.FormatDateTime(e.StartUtc) + (e.PlaceMode == PlaceMode.Online ? " · Online" : e.VenueName is null ? "" : " · " + e.VenueName),
            "/veranstaltungen/" + e.Id))];
    }

    public static async Task<List<IssueCandidate>> PublicationsAsync(
        QuartiersnetzDbContext db, IssueAudience audience, DateTime nowUtc, IReadOnlyCollection<Guid>? only, CancellationToken cancellationToken)
    {
        var members = audience == IssueAudience.Members;
        var query = db.Set<Publication>().AsNoTracking()
            .Where(p => p.PublishedAtUtc != null && p.PublishedAtUtc <= nowUtc && (members || p.Visibility == PublicationVisibility.Public));
        query = only is { } ids ? query.Where(p => ids.Contains(p.Id)) : query.OrderByDescending(p => p.PublishedAtUtc).Take(CandidateCount);
        var rows = await query.Select(p => new { p.Id, p.Title, p.Type, p.Year, p.Slug }).ToListAsync(cancellationToken);
        return [.. rows.Select(p => new IssueCandidate(
            IssueItemKind.Publication, p.Id, p.Title, PublicationLabels.Label(p.Type) + ", " + p.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), "/bibliothek/" + p.Slug))];
    }

    /// <summary>The items of one kind the audience may read: the newest candidates, or only those with the given ids.</summary>
    public static Task<List<IssueCandidate>> OfKindAsync(
        QuartiersnetzDbContext db, IssueItemKind kind, IssueAudience audience, DateTime nowUtc, IReadOnlyCollection<Guid>? only, CancellationToken cancellationToken) => kind switch
        {
            IssueItemKind.News => NewsAsync(db, audience, nowUtc, only, cancellationToken),
            IssueItemKind.Event => EventsAsync(db, audience, nowUtc, only, cancellationToken),
            _ => PublicationsAsync(db, audience, nowUtc, only, cancellationToken),
        };

    /// <summary>The picked items the audience may read, in the order the office picked them.</summary>
    public static async Task<List<IssueCandidate>> PickedAsync(QuartiersnetzDbContext db, NewsletterIssue issue, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var items = await db.Set<NewsletterIssueItem>().AsNoTracking().Where(i => i.IssueId == issue.Id).OrderBy(i => i.Position).ToListAsync(cancellationToken);
        var found = new Dictionary<(IssueItemKind, Guid), IssueCandidate>();
        foreach (var kind in Enum.GetValues<IssueItemKind>())
        {
            List<Guid> ids = [.. items.Where(i => i.Kind == kind).Select(i => i.ItemId)];
            if (ids.Count > 0)
            {
                foreach (var candidate in await OfKindAsync(db, kind, issue.Audience, nowUtc, ids, cancellationToken))
                {
                    found[(candidate.Kind, candidate.Id)] = candidate;
                }
            }
        }

        return [.. items.Select(i => found.GetValueOrDefault((i.Kind, i.ItemId))).OfType<IssueCandidate>()];
    }
}

/// <summary>An issue's content as mailed: the HTML fragment and the plain-text part, links absolute and untouched.</summary>
internal sealed record ComposedIssue(string Html, string Text);

/// <summary>
/// Renders issues. Plain, semantic HTML without images, styles or scripts: no tracking pixels, no rewritten links —
/// every link points straight at its page. The intro's Markdown goes through the shared sanitising renderer.
/// </summary>
internal sealed class NewsletterComposer(MarkdownRenderer markdown, IStringLocalizer<Texts> l)
{
    // Umlauts stay readable in the mail source (the parts are UTF-8); only what HTML needs is escaped.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private static string Encode(string value) => Encoder.Encode(value);

    public ComposedIssue Compose(string intro, IReadOnlyList<IssueCandidate> items, string linkBase)
    {
        var html = new StringBuilder();
        var text = new StringBuilder();
        var introHtml = markdown.ToHtml(intro);
        if (introHtml.Length > 0)
        {
            html.Append("<div class=\"newsletter-intro\">").Append(introHtml).Append("</div>\n");
            text.Append(intro.Trim()).Append("\n\n");
        }

        Section(IssueItemKind.News, l["Aktuelles"]);
        Section(IssueItemKind.Event, l["Veranstaltungen"]);
        Section(IssueItemKind.Publication, l["Neu in der Bibliothek"]);
        return new ComposedIssue(html.ToString(), text.ToString().TrimEnd() + "\n");

        void Section(IssueItemKind kind, string heading)
        {
            var picked = items.Where(i => i.Kind == kind).ToList();
            if (picked.Count == 0)
            {
                return;
            }

            html.Append("<h2>").Append(Encode(heading)).Append("</h2>\n<ul>\n");
            text.Append(heading).Append('\n').Append(new string('=', heading.Length)).Append("\n\n");
            foreach (var item in picked)
            {
                var url = linkBase + item.Path;
                html.Append("<li><a href=\"").Append(Encode(url)).Append("\">").Append(Encode(item.Title)).Append("</a>");
                if (item.Detail.Length > 0)
                {
                    html.Append("<br>").Append(Encode(item.Detail));
                }

                html.Append("</li>\n");
                text.Append("- ").Append(item.Title).Append('\n');
                if (item.Detail.Length > 0)
                {
                    text.Append("  ").Append(item.Detail).Append('\n');
                }

                text.Append("  ").Append(url).Append("\n\n");
            }

            html.Append("</ul>\n");
        }
    }

    /// <summary>The inside of the mail's body: heading, content and the unsubscribe footer (also shown as the preview).</summary>
    public string Body(string subject, string fragment, string unsubscribeUrl) =>
        $"<h1>{Encode(subject)}</h1>\n{fragment}<hr>\n<p>{Encode(l["Sie erhalten diesen Newsletter der AG Soziale Stadt NRW, weil Sie ihn bestellt haben oder Mitglied im Netzwerk sind."].Value)} "
        + $"<a href=\"{Encode(unsubscribeUrl)}\">{Encode(l["Newsletter abbestellen"].Value)}</a></p>\n";

    public static string Document(string subject, string body) =>
        $"<!DOCTYPE html>\n<html lang=\"de\">\n<head>\n<meta charset=\"utf-8\">\n<title>{Encode(subject)}</title>\n</head>\n<body>\n{body}</body>\n</html>\n";

    public string Text(string subject, string textFragment, string unsubscribeUrl) =>
        subject + "\n" + new string('=', Math.Min(subject.Length, 70)) + "\n\n" + textFragment + "\n-- \n"
        + l["Sie erhalten diesen Newsletter der AG Soziale Stadt NRW, weil Sie ihn bestellt haben oder Mitglied im Netzwerk sind."].Value + "\n"
        + l["Abbestellen mit einem Klick: {0}", unsubscribeUrl].Value + "\n";
}
