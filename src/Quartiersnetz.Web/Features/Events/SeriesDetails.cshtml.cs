using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Localization;
using Quartiersnetz.Platform.Text;

namespace Quartiersnetz.Features.Events;

/// <summary>A series' public page: the rule in words and the dates the viewer may see.</summary>
[AllowAnonymous]
// Anonymous visitors get the kept page (ADR 0004); any saved change drops it, signed-in people always get a fresh one.
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = Quartiersnetz.Platform.Caching.PublicPageCache.PolicyName)]
internal sealed class SeriesDetailsModel(
    QuartiersnetzDbContext db, IAuthorizationService authorization, TimeProvider clock, MarkdownRenderer markdown, IStringLocalizer<Texts> l) : PageModel
{
    public EventSeriesDetails Series { get; private set; } = null!;

    public string Summary { get; private set; } = "";

    public string DescriptionHtml { get; private set; } = "";

    public DateTime NowUtc { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var viewer = EventViewer.From(await RegistrationActor.FromAsync(authorization, User));
        var series = await ListEventSeries.DetailsAsync(db, viewer, id, cancellationToken);
        if (series is null)
        {
            return NotFound();
        }

        Series = series;
        Summary = SeriesRecurrence.Describe(series.Rule, series.StartTime, series.EndTime, l);
        DescriptionHtml = markdown.ToHtml(series.Description);
        NowUtc = clock.GetUtcNow().UtcDateTime;
        return Page();
    }
}
