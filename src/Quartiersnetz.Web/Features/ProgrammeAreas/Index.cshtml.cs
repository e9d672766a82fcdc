using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Municipalities;
using Quartiersnetz.Features.Shared;
using Quartiersnetz.Platform.Caching;
using Quartiersnetz.Platform.Paging;

namespace Quartiersnetz.Features.ProgrammeAreas;

/// <summary>
/// The public list of programme areas, alphabetical, filtered by programme, status, Regierungsbezirk and municipality.
/// Nothing on it depends on who looks: anonymous visitors get the kept page (output cache); for signed-in visitors,
/// whose pages are built per request (ADR 0004), the list is kept per filter until the next saved change.
/// </summary>
[AllowAnonymous]
[OutputCache(PolicyName = PublicPageCache.PolicyName)]
internal sealed class IndexModel(QuartiersnetzDbContext db, AudienceDataCache cache) : PageModel
{
    private const int PageSize = 50;
    [BindProperty(SupportsGet = true, Name = "programm")]
    public string? Programme { get; set; }

    [BindProperty(SupportsGet = true, Name = "status")]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "regierungsbezirk")]
    public string? Region { get; set; }

    [BindProperty(SupportsGet = true, Name = "gemeinde")]
    public string? Municipality { get; set; }

    [BindProperty(SupportsGet = true, Name = "seite")]
    public int? PageNumber { get; set; }

    public PagedResult<AreaSummary> Result { get; private set; } = new([], 1, PageSize, 0);

    public IReadOnlyList<RegionOption> Regions { get; private set; } = [];

    public PagerModel Pager => new(Result.Page, Result.TotalPages, "/programmgebiete", new Dictionary<string, string?>
    {
        ["programm"] = Programme, ["status"] = Status, ["regierungsbezirk"] = Region, ["gemeinde"] = Municipality,
    });

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        // Bad values in a page's query string are dropped (the filter shows "Alle"), not refused.
        Municipality = MunicipalityFilter.Clean(Municipality);
        var programme = ListProgrammeAreas.ParseProgramme(Programme);
        Programme = programme?.ToString();
        var status = ListProgrammeAreas.ParseStatus(Status);
        Status = status?.ToString();
        Regions = await cache.GetOrCreateAsync<IReadOnlyList<RegionOption>>(
            "area-list-regions", AudienceDataCache.SavedChangeTags, _ => 1, async () => await ListProgrammeAreas.RegionsAsync(db, cancellationToken));
        Region = Regions.Any(r => r.Code == Region) ? Region : null;
        // Name or AGS, as on the office lists; the municipality page links here with an AGS, which selects it exactly.
        var filter = new AreaFilter(programme, status, Region, MunicipalityText: Municipality);
        var page = PageRequest.Lenient(PageNumber, PageSize, PageSize);
        // The filter is a record of plain values: its text names every field, so equal filters share one entry.
        Result = await cache.GetOrCreateAsync(
            string.Join('\u001f', "area-list", filter, page.Page), AudienceDataCache.SavedChangeTags, r => 1 + r.Items.Count / 10,
            () => ListProgrammeAreas.HandleAsync(db, filter, page, cancellationToken));
    }
}
