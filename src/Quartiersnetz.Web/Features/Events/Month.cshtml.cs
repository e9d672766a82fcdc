using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Shared;
using Quartiersnetz.Platform.Paging;
using Quartiersnetz.Platform.Time;

namespace Quartiersnetz.Features.Events;

/// <summary>
/// The public calendar as a month: a grid for orientation and, for screen readers and small screens, a list per day.
/// An event spanning several days is listed on each of its days in the month. Paged (100 events) like every list.
/// </summary>
[AllowAnonymous]
// Anonymous visitors get the kept page (ADR 0004); any saved change drops it, signed-in people always get a fresh one.
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = Quartiersnetz.Platform.Caching.PublicPageCache.PolicyName)]
internal sealed class MonthModel(QuartiersnetzDbContext db, IAuthorizationService authorization, TimeProvider clock) : PageModel
{
    private const int PageSize = PageRequest.MaxPageSize;

    [BindProperty(SupportsGet = true, Name = "jahr")]
    public int? RequestedYear { get; set; }

    [BindProperty(SupportsGet = true, Name = "monat")]
    public int? RequestedMonth { get; set; }

    [BindProperty(SupportsGet = true, Name = "art")]
    public string? Type { get; set; }

    [BindProperty(SupportsGet = true, Name = "thema")]
    public string? Topic { get; set; }

    [BindProperty(SupportsGet = true, Name = "bezirk")]
    public string? Region { get; set; }

    [BindProperty(SupportsGet = true, Name = "ort")]
    public string? Place { get; set; }

    [BindProperty(SupportsGet = true, Name = "seite")]
    public int? PageNumber { get; set; }

    public int Year { get; private set; }

    public int Month { get; private set; }

    public DateOnly Today { get; private set; }

    public CalendarFilters Filters { get; private set; } = null!;

    public PagedResult<EventSummary> Result { get; private set; } = new([], 1, PageSize, 0);

    public string MonthName => NameOf(0);

    public PagerModel Pager => new(Result.Page, Result.TotalPages, "/veranstaltungen/monat", Query(0));

    /// <summary>Weeks Monday to Sunday; null for the days outside the month.</summary>
    public IReadOnlyList<DateOnly?[]> Weeks { get; private set; } = [];

    /// <summary>Days with events, in order.</summary>
    public IReadOnlyList<(DateOnly Date, List<EventSummary> Events)> Days { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Today = BerlinTime.Today(clock);
        (Year, Month) = RequestedYear is >= 2000 and <= 2100 && RequestedMonth is >= 1 and <= 12 ? (RequestedYear.Value, RequestedMonth.Value) : (Today.Year, Today.Month);
        var type = EventLabels.ParseType(Type);
        Type = type?.ToString();
        Filters = await CalendarFilters.ResolveAsync(db, Topic, Region, Place, cancellationToken);
        var first = new DateOnly(Year, Month, 1);
        var next = first.AddMonths(1);
        var fromUtc = SeriesRecurrence.Utc(first, TimeOnly.MinValue);
        var toUtc = SeriesRecurrence.Utc(next, TimeOnly.MinValue);
        var viewer = EventViewer.From(await RegistrationActor.FromAsync(authorization, User));
        Result = await ListEvents.HandleAsync(
            db, viewer, new EventFilter(type, fromUtc, toUtc, Filters.Topic, Filters.Region, Filters.Online), clock.GetUtcNow().UtcDateTime,
            PageRequest.Lenient(PageNumber, PageSize, PageSize), cancellationToken);

        var days = new List<(DateOnly, List<EventSummary>)>();
        for (var d = first; d < next; d = d.AddDays(1))
        {
            var dayStart = SeriesRecurrence.Utc(d, TimeOnly.MinValue);
            var dayEnd = SeriesRecurrence.Utc(d.AddDays(1), TimeOnly.MinValue);
            var events = Result.Items.Where(e => e.StartUtc < dayEnd && e.EndUtc > dayStart).ToList();
            if (events.Count > 0)
            {
                days.Add((d, events));
            }
        }

        Days = days;
        var weeks = new List<DateOnly?[]>();
        var offset = ((int)first.DayOfWeek + 6) % 7;
        var cursor = first.AddDays(-offset);
        while (cursor < next)
        {
            var week = new DateOnly?[7];
            for (var i = 0; i < 7; i++, cursor = cursor.AddDays(1))
            {
                week[i] = cursor.Month == Month && cursor.Year == Year ? cursor : null;
            }

            weeks.Add(week);
        }

        Weeks = weeks;
    }

    public List<EventSummary> On(DateOnly date) => Days.FirstOrDefault(d => d.Date == date).Events ?? [];

    public string NameOf(int monthOffset) => new DateOnly(Year, Month, 1).AddMonths(monthOffset).ToString("MMMM yyyy", BerlinTime.Culture);

    public string MonthUrl(int monthOffset) => QueryHelpers.AddQueryString("/veranstaltungen/monat",
        Query(monthOffset).Where(q => !string.IsNullOrEmpty(q.Value)).ToDictionary(q => q.Key, q => q.Value));

    private Dictionary<string, string?> Query(int monthOffset)
    {
        var month = new DateOnly(Year, Month, 1).AddMonths(monthOffset);
        var query = Filters.Query(Type);
        query["jahr"] = month.Year.ToString(CultureInfo.InvariantCulture);
        query["monat"] = month.Month.ToString(CultureInfo.InvariantCulture);
        return query;
    }
}
