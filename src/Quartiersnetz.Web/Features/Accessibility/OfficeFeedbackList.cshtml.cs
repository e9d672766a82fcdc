using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Shared;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Paging;

namespace Quartiersnetz.Features.Accessibility;

internal sealed record FeedbackRow(Guid Id, string Message, string? PageUrl, string? Name, string? Email, DateTime ReceivedAtUtc, DateTime? HandledAtUtc);

[Authorize(Policy = Policies.Office)]
internal sealed class OfficeFeedbackListModel(QuartiersnetzDbContext db, TimeProvider clock) : PageModel
{
    private const int PageSize = 20;

    [BindProperty(SupportsGet = true, Name = "seite")]
    public int? PageNumber { get; set; }

    public PagedResult<FeedbackRow> Result { get; private set; } = new([], 1, PageSize, 0);

    public PagerModel Pager => new(Result.Page, Result.TotalPages, "/geschaeftsstelle/barrierefreiheit", new Dictionary<string, string?>());

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Result = await db.Set<AccessibilityFeedback>().AsNoTracking()
            .OrderBy(f => f.HandledAtUtc != null).ThenByDescending(f => f.ReceivedAtUtc)
            .Select(f => new FeedbackRow(f.Id, f.Message, f.PageUrl, f.Name, f.Email, f.ReceivedAtUtc, f.HandledAtUtc))
            .ToPageAsync(PageRequest.Lenient(PageNumber, PageSize, PageSize), cancellationToken);
    }

    public async Task<IActionResult> OnPostHandledAsync(Guid id, CancellationToken cancellationToken)
    {
        var feedback = await db.Set<AccessibilityFeedback>().SingleOrDefaultAsync(f => f.Id == id, cancellationToken);
        if (feedback is null)
        {
            return NotFound();
        }

        feedback.MarkHandled(clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        return Redirect("/geschaeftsstelle/barrierefreiheit");
    }
}
