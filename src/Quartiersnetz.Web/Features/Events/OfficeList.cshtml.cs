using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Shared;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Paging;

namespace Quartiersnetz.Features.Events;

/// <summary>The office's list of events: upcoming ones by default, past ones on request, every audience.</summary>
[Authorize(Policy = Policies.Office)]
internal sealed class OfficeListModel(QuartiersnetzDbContext db, TimeProvider clock) : PageModel
{
    public const string Path = "/geschaeftsstelle/veranstaltungen";
    private const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "art")]
    public string? Type { get; set; }

    [BindProperty(SupportsGet = true, Name = "vergangene")]
    public bool Past { get; set; }

    [BindProperty(SupportsGet = true, Name = "seite")]
    public int? PageNumber { get; set; }

    public PagedResult<EventSummary> Result { get; private set; } = new([], 1, PageSize, 0);

    [TempData]
    public string? StatusMessage { get; set; }

    public PagerModel Pager => new(Result.Page, Result.TotalPages, Path, new Dictionary<string, string?> { ["art"] = Type, ["vergangene"] = Past ? "true" : null });

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var type = EventLabels.ParseType(Type);
        Type = type?.ToString();
        var filter = new EventFilter(type, Past ? new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc) : null);
        Result = await ListEvents.HandleAsync(
            db, new EventViewer(null, true, true), filter, clock.GetUtcNow().UtcDateTime, PageRequest.Lenient(PageNumber, PageSize, PageSize), cancellationToken);
    }
}
