using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Caching;
using Quartiersnetz.Features.Shared;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Paging;

namespace Quartiersnetz.Features.Events;

/// <summary>The office's list of events: upcoming ones by default, past ones on request, every audience.</summary>
[Authorize(Policy = Policies.Office)]
internal sealed class OfficeListModel(QuartiersnetzDbContext db, TimeProvider clock, AudienceDataCache cache) : PageModel
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
        var page = PageRequest.Lenient(PageNumber, PageSize, PageSize);
        // The same for everyone in the office: kept until the next saved change (ADR 0004). "Upcoming" is decided to the
        // minute, so an entry serves a whole minute; an event that ended in it still shows until the minute is over.
        var now = clock.GetUtcNow().UtcDateTime;
        var minute = new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerMinute), DateTimeKind.Utc);
        Result = await cache.GetOrCreateAsync(
            string.Join('\u001f', "office-events", filter.Type, Past, minute.Ticks, page.Page),
            AudienceDataCache.SavedChangeTags,
            r => 1 + r.Items.Count / 10,
            () => ListEvents.HandleAsync(db, new EventViewer(null, true, true), filter, minute, page, cancellationToken));
    }
}
