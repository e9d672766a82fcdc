using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Attendance;
using Quartiersnetz.Features.Events;
using Quartiersnetz.Features.Shared;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Paging;
using Quartiersnetz.Platform.Time;

namespace Quartiersnetz.Features.Certificates;

/// <summary>One event's certificates in the office's yearly totals.</summary>
internal sealed record EventPointsTotal(Guid EventId, string Title, DateOnly Day, RecognitionStatus Recognition, int Certificates, decimal Points);

/// <summary>The office's totals of continuing education: per event of a year, valid certificates and points, and the year's sum.</summary>
[Authorize(Policy = Policies.Office)]
internal sealed class OfficePointsModel(QuartiersnetzDbContext db, TimeProvider clock) : PageModel
{
    private const int PageSize = 50;
    public const string Path = "/geschaeftsstelle/fortbildungspunkte";

    [BindProperty(SupportsGet = true, Name = "jahr")]
    public int? YearAsked { get; set; }

    [BindProperty(SupportsGet = true, Name = "seite")]
    public int? PageNumber { get; set; }

    public int Year { get; private set; }

    public int CertificateTotal { get; private set; }

    public decimal PointsTotal { get; private set; }

    public PagedResult<EventPointsTotal> Events { get; private set; } = new([], 1, PageSize, 0);

    public PagerModel Pager => new(Events.Page, Events.TotalPages, Path, new Dictionary<string, string?> { ["jahr"] = Year.ToString(BerlinTime.Culture) });

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Year = YearAsked is >= 2000 and <= 2100 ? YearAsked.Value : BerlinTime.Today(clock).Year;
        var from = new DateOnly(Year, 1, 1);
        var to = new DateOnly(Year, 12, 31);
        // Points are summed in memory: SQLite cannot add decimals in SQL, and a year has a few thousand certificates at most.
        var rows = await db.Set<Certificate>().AsNoTracking().Where(c => c.ReplacedById == null && c.EventDay >= from && c.EventDay <= to)
            .Select(c => new { c.EventId, c.EventDay, c.Points }).ToListAsync(cancellationToken);
        CertificateTotal = rows.Count;
        PointsTotal = rows.Sum(r => r.Points);
        var perEvent = rows.GroupBy(r => r.EventId).Select(g => new { EventId = g.Key, Day = g.Min(r => r.EventDay), Count = g.Count(), Points = g.Sum(r => r.Points) })
            .OrderBy(g => g.Day).ToList();
        var page = PageRequest.Lenient(PageNumber, PageSize, PageSize);
        var shown = perEvent.Skip((page.Page - 1) * page.PageSize).Take(page.PageSize).ToList();
        var ids = shown.Select(s => s.EventId).ToList();
        var titles = await db.Set<Event>().AsNoTracking().Where(e => ids.Contains(e.Id)).Select(e => new { e.Id, e.Title }).ToDictionaryAsync(e => e.Id, e => e.Title, cancellationToken);
        var credits = await db.Set<EventCredit>().AsNoTracking().Where(c => ids.Contains(c.EventId)).ToDictionaryAsync(c => c.EventId, c => c.Recognition, cancellationToken);
        Events = new PagedResult<EventPointsTotal>(
            [.. shown.Select(s => new EventPointsTotal(s.EventId, titles.GetValueOrDefault(s.EventId, ""), s.Day, credits.GetValueOrDefault(s.EventId, RecognitionStatus.NichtBeantragt), s.Count, s.Points))],
            page.Page, page.PageSize, perEvent.Count);
    }
}
