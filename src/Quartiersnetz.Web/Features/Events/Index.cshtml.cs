using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Shared;
using Quartiersnetz.Platform.Paging;

namespace Quartiersnetz.Features.Events;

/// <summary>The public calendar as a list: upcoming events the viewer may see (members-only ones only for members).</summary>
[AllowAnonymous]
// Anonymous visitors get the kept page (ADR 0004); any saved change drops it, signed-in people always get a fresh one.
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = Quartiersnetz.Platform.Caching.PublicPageCache.PolicyName)]
internal sealed class IndexModel(QuartiersnetzDbContext db, IAuthorizationService authorization, TimeProvider clock) : PageModel
{
    private const int PageSize = 20;

    [BindProperty(SupportsGet = true, Name = "art")]
    public string? Type { get; set; }

    [BindProperty(SupportsGet = true, Name = "thema")]
    public string? Topic { get; set; }

    [BindProperty(SupportsGet = true, Name = "bezirk")]
    public string? Region { get; set; }

    [BindProperty(SupportsGet = true, Name = "ort")]
    public string? Place { get; set; }

    public CalendarFilters Filters { get; private set; } = null!;

    [BindProperty(SupportsGet = true, Name = "seite")]
    public int? PageNumber { get; set; }

    public PagedResult<EventSummary> Result { get; private set; } = new([], 1, PageSize, 0);

    public PagerModel Pager => new(Result.Page, Result.TotalPages, "/veranstaltungen", Filters.Query(Type));

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var type = EventLabels.ParseType(Type);
        Type = type?.ToString();
        var viewer = EventViewer.From(await RegistrationActor.FromAsync(authorization, User));
        Filters = await CalendarFilters.ResolveAsync(db, Topic, Region, Place, cancellationToken);
        Result = await ListEvents.HandleAsync(
            db, viewer, new EventFilter(type, TopicSlug: Filters.Topic, RegionCode: Filters.Region, Online: Filters.Online), clock.GetUtcNow().UtcDateTime, PageRequest.Lenient(PageNumber, PageSize, PageSize), cancellationToken);
    }
}
