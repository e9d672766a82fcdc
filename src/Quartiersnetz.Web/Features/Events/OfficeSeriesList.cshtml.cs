using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Shared;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Localization;
using Quartiersnetz.Platform.Paging;

namespace Quartiersnetz.Features.Events;

/// <summary>The office's list of series.</summary>
[Authorize(Policy = Policies.Office)]
internal sealed class OfficeSeriesListModel(QuartiersnetzDbContext db, TimeProvider clock, IStringLocalizer<Texts> l) : PageModel
{
    private const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "seite")]
    public int? PageNumber { get; set; }

    public PagedResult<EventSeriesSummary> Result { get; private set; } = new([], 1, PageSize, 0);

    public PagerModel Pager => new(Result.Page, Result.TotalPages, "/geschaeftsstelle/veranstaltungen/reihen", new Dictionary<string, string?>());

    public string Describe(EventSeriesSummary s) => SeriesRecurrence.Describe(s.Rule, s.StartTime, s.EndTime, l);

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Result = await ListEventSeries.HandleAsync(
            db, new EventViewer(null, true, true), clock.GetUtcNow().UtcDateTime, PageRequest.Lenient(PageNumber, PageSize, PageSize), cancellationToken);
}
