using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Shared;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Paging;

namespace Quartiersnetz.Features.Newsletter;

internal sealed record OfficeIssueRow(Guid Id, string Subject, IssueAudience Audience, IssueStatus Status, int DeliveredCount, int RecipientCount, DateTime UpdatedAtUtc, DateTime? SentAtUtc);

internal sealed record SubscriberCounts(int Confirmed, int Pending, int Unsubscribed, int Bounced);

/// <summary>The office's newsletter overview: issues (drafts first, then newest) and the number of subscribers.</summary>
[Authorize(Policy = Policies.Office)]
internal sealed class OfficeIndexModel(QuartiersnetzDbContext db) : PageModel
{
    private const int PageSize = 25;

    [BindProperty(SupportsGet = true, Name = "seite")]
    public int? PageNumber { get; set; }

    public PagedResult<OfficeIssueRow> Result { get; private set; } = new([], 1, PageSize, 0);

    public SubscriberCounts Counts { get; private set; } = new(0, 0, 0, 0);

    public PagerModel Pager => new(Result.Page, Result.TotalPages, "/geschaeftsstelle/newsletter", new Dictionary<string, string?>());

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Result = await db.Set<NewsletterIssue>().AsNoTracking()
            .OrderBy(i => i.Status == IssueStatus.Sent ? 1 : 0).ThenByDescending(i => i.UpdatedAtUtc).ThenBy(i => i.Id)
            .Select(i => new OfficeIssueRow(i.Id, i.Subject, i.Audience, i.Status, i.DeliveredCount, i.RecipientCount, i.UpdatedAtUtc, i.SentAtUtc))
            .ToPageAsync(PageRequest.Lenient(PageNumber, PageSize, PageSize), cancellationToken);
        Counts = await OfficeSubscribersModel.CountAsync(db, cancellationToken);
    }
}
