using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Caching;
using Quartiersnetz.Data.Reference;
using Quartiersnetz.Features.Municipalities;
using Quartiersnetz.Features.Shared;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Paging;

namespace Quartiersnetz.Features.ProgrammeAreas;

/// <summary>A programme area in the office's list.</summary>
internal sealed record OfficeAreaRow(
    Guid Id, string Name, string MunicipalityName, UrbanDevelopmentProgramme Programme, ProgrammeAreaStatus Status,
    bool HasBoundary, bool HasPlan);

/// <summary>The office's list of programme areas, filtered by name, municipality, programme and status, paged.</summary>
[Authorize(Policy = Policies.Office)]
internal sealed class OfficeListModel(QuartiersnetzDbContext db, AudienceDataCache cache) : PageModel
{
    public const string Path = "/geschaeftsstelle/programmgebiete";
    public const int MaxFilterLength = 100;
    private const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "name")]
    public string? Name { get; set; }

    /// <summary>Name or AGS of a municipality (MunicipalityFilter); older links and bookmarks carry an AGS here.</summary>
    [BindProperty(SupportsGet = true, Name = "gemeinde")]
    public string? Municipality { get; set; }

    [BindProperty(SupportsGet = true, Name = "programm")]
    public string? Programme { get; set; }

    [BindProperty(SupportsGet = true, Name = "stand")]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "seite")]
    public int? PageNumber { get; set; }

    public PagedResult<OfficeAreaRow> Result { get; private set; } = new([], 1, PageSize, 0);

    [TempData]
    public string? StatusMessage { get; set; }

    public PagerModel Pager => new(Result.Page, Result.TotalPages, Path, new Dictionary<string, string?>
    {
        ["name"] = Name, ["gemeinde"] = Municipality, ["programm"] = Programme, ["stand"] = Status,
    });

    /// <summary>The export with this list's municipality and programme filters (the export knows no name or status filter).</summary>
    public string ExportUrl(string format) => Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(
        "/geschaeftsstelle/programmgebiete/export",
        new Dictionary<string, string?> { ["format"] = format, ["gemeinde"] = Municipality, ["programm"] = Programme }.Where(p => p.Value is not null));

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        // Bad filter values from the address line are dropped, not answered with an error.
        Name = Name is { Length: > MaxFilterLength } ? Name[..MaxFilterLength] : Name;
        var programme = Enum.GetValues<UrbanDevelopmentProgramme>().Cast<UrbanDevelopmentProgramme?>().FirstOrDefault(p => p.ToString() == Programme);
        var status = Enum.GetValues<ProgrammeAreaStatus>().Cast<ProgrammeAreaStatus?>().FirstOrDefault(s => s.ToString() == Status);
        Programme = programme?.ToString();
        Status = status?.ToString();
        Municipality = MunicipalityFilter.Clean(Municipality);
        var page = PageRequest.Lenient(PageNumber, PageSize, PageSize);
        // The same for everyone in the office: kept until the next saved change (ADR 0004).
        Result = await cache.GetOrCreateAsync(
            string.Join('\u001f', "office-areas", Name, Municipality, programme, status, page.Page),
            AudienceDataCache.SavedChangeTags,
            r => 1 + r.Items.Count / 10,
            () => ReadAsync(programme, status, page, cancellationToken));
    }

    private async Task<PagedResult<OfficeAreaRow>> ReadAsync(
        UrbanDevelopmentProgramme? programme, ProgrammeAreaStatus? status, PageRequest page, CancellationToken cancellationToken)
    {
        var query = db.Set<ProgrammeArea>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Name))
        {
            var folded = GermanSortKey.For(Name.Trim());
            query = query.Where(a => a.SortKey.Contains(folded));
        }

        if (Municipality is not null)
        {
            var municipalities = MunicipalityFilter.Matching(db, Municipality);
            query = query.Where(a => municipalities.Contains(a.MunicipalityAgs));
        }

        if (programme is { } p)
        {
            query = query.Where(a => a.Programme == p);
        }

        if (status is { } s)
        {
            query = query.Where(a => a.Status == s);
        }

        // The page's ids first, then their rows: SQLite keeps an area's boundary inside the row, and every column
        // stored after it (the plan's file name) is reached only by reading through the boundary. Sorting all 1,200
        // areas by municipality read every boundary on each request (300 requests/s at national scale); now only
        // the page's 50 are read.
        var ids = await query
            .Join(db.Set<Municipality>(), a => a.MunicipalityAgs, m => m.Ags, (a, m) => new { Area = a, Municipality = m })
            .OrderBy(x => x.Municipality.SortKey).ThenBy(x => x.Area.SortKey).ThenBy(x => x.Area.Id)
            .Select(x => x.Area.Id)
            .ToPageAsync(page, cancellationToken);
        var pageIds = ids.Items.ToList();
        var rows = await db.Set<ProgrammeArea>().AsNoTracking().Where(a => pageIds.Contains(a.Id))
            .Join(db.Set<Municipality>(), a => a.MunicipalityAgs, m => m.Ags, (a, m) => new OfficeAreaRow(
                a.Id, a.Name, m.Name, a.Programme, a.Status, a.BoundaryGeoJson != null, a.PlanFileName != null))
            .ToDictionaryAsync(r => r.Id, cancellationToken);
        return new PagedResult<OfficeAreaRow>([.. pageIds.Where(rows.ContainsKey).Select(id => rows[id])], ids.Page, ids.PageSize, ids.TotalCount);
    }
}
