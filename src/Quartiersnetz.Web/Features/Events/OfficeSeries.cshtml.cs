using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Localization;

namespace Quartiersnetz.Features.Events;

/// <summary>The office's view of a series: the rule in words and every date with its state and actions.</summary>
[Authorize(Policy = Policies.Office)]
internal sealed class OfficeSeriesModel(QuartiersnetzDbContext db, IStringLocalizer<Texts> l) : PageModel
{
    public EventSeriesDetails Series { get; private set; } = null!;

    public string Summary { get; private set; } = "";

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var series = await ListEventSeries.DetailsAsync(db, new EventViewer(null, true, true), id, cancellationToken);
        if (series is null)
        {
            return NotFound();
        }

        Series = series;
        Summary = SeriesRecurrence.Describe(series.Rule, series.StartTime, series.EndTime, l);
        return Page();
    }
}
