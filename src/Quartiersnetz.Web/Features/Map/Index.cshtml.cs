using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Municipalities;
using Quartiersnetz.Features.Shared;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.Platform.Caching;
using Quartiersnetz.Platform.Localization;
using Quartiersnetz.Platform.Paging;
using Quartiersnetz.Platform.Security;
using Quartiersnetz.Platform.Time;

namespace Quartiersnetz.Features.Map;

/// <summary>
/// The map of NRW's municipalities and programme areas with the same content as a sortable table below it,
/// for everyone who cannot use the map. Filters and sorting are plain GET links, so all works without JavaScript;
/// the map's script loads exactly the areas the table lists.
/// </summary>
[AllowAnonymous]
[OutputCache(PolicyName = PublicPageCache.PolicyName)]
internal sealed class IndexModel(
    QuartiersnetzDbContext db, MunicipalityBoundaries boundaries, IConfiguration configuration, IStringLocalizer<Texts> l, TimeProvider clock) : PageModel
{
    public const string Path = "/karte";
    private const string DescendingValue = "ab";

    [BindProperty(SupportsGet = true, Name = MapFilterInput.ProgrammeParameter)]
    public string? Programme { get; set; }

    [BindProperty(SupportsGet = true, Name = MapFilterInput.TopicParameter)]
    public string? Topic { get; set; }

    [BindProperty(SupportsGet = true, Name = MapFilterInput.RegionParameter)]
    public string? Region { get; set; }

    [BindProperty(SupportsGet = true, Name = "sortierung")]
    public string? SortName { get; set; }

    [BindProperty(SupportsGet = true, Name = "richtung")]
    public string? Direction { get; set; }

    [BindProperty(SupportsGet = true, Name = "seite")]
    public int? PageNumber { get; set; }

    public MapFilter Filter { get; private set; } = new(null, null, null, new Dictionary<string, string>());

    public IReadOnlyList<RegionOption> Regions { get; private set; } = [];

    public IReadOnlyList<TopicGroup> Topics { get; private set; } = [];

    public PagedResult<MapAreaRow> Result { get; private set; } = new([], 1, ListMapAreas.PageSize, 0);

    public MapTableSort Sort { get; private set; }

    public bool Descending { get; private set; }

    public string AreasDataUrl { get; private set; } = MapDataApi.AreasPath;

    public string MunicipalitiesDataUrl { get; private set; } = MapDataApi.MunicipalitiesPath;

    /// <summary>AGS of the current member municipalities, space-separated, for the map's highlighting.</summary>
    public string MemberAgs { get; private set; } = "";

    /// <summary>German labels of the programme and status codes in the areas' GeoJSON.</summary>
    public string Labels => MapGeoJson.Labels(l);

    /// <summary>The background tiles' URL template; null when the map runs without tiles.</summary>
    public string? TileUrl { get; private set; }

    public PagerModel Pager => new(Result.Page, Result.TotalPages, Path, TableQuery(Sort, Descending));

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Regions = await ResolveMapFilter.RegionsAsync(db, cancellationToken);
        Topics = await AssignTopics.ActiveTreeAsync(db, cancellationToken);
        Filter = await ResolveMapFilter.HandleAsync(db, new MapFilterInput(Programme, Topic, Region), Regions, l, cancellationToken);

        // Unknown sort columns and page numbers are corrected, not rejected, like every list of the site.
        Sort = SortName is not null && ListMapAreas.SortNames.TryGetValue(SortName, out var sort) ? sort : MapTableSort.Area;
        Descending = Direction == DescendingValue;
        Result = await ListMapAreas.TableAsync(db, Filter, Sort, Descending, PageRequest.Lenient(PageNumber, ListMapAreas.PageSize, ListMapAreas.PageSize), cancellationToken);

        AreasDataUrl = QueryHelpers.AddQueryString(MapDataApi.AreasPath, Filter.Query.Where(q => q.Value is not null));
        MunicipalitiesDataUrl = QueryHelpers.AddQueryString(MapDataApi.MunicipalitiesPath, "v", (await boundaries.GetAsync()).Version);
        var today = BerlinTime.Today(clock);
        var members = await db.Set<NetworkMembership>().AsNoTracking()
            .Where(n => n.MemberSince <= today && (n.LeftOn == null || n.LeftOn > today))
            .OrderBy(n => n.MunicipalityAgs)
            .Select(n => n.MunicipalityAgs).ToListAsync(cancellationToken);
        MemberAgs = string.Join(' ', members);
        TileUrl = SecurityHeaders.TileUrl(configuration);
    }

    /// <summary>The link of a column header: sorts by it ascending, or flips the direction when it is the current column.</summary>
    public string SortUrl(MapTableSort column) =>
        QueryHelpers.AddQueryString(Path, TableQuery(column, column == Sort && !Descending).Where(q => !string.IsNullOrEmpty(q.Value))) + "#tabelle";

    /// <summary>aria-sort of a column header: only the sorted column has one.</summary>
    public string? AriaSort(MapTableSort column) => column == Sort ? (Descending ? "descending" : "ascending") : null;

    public static string YearText(int? year) => year?.ToString(CultureInfo.InvariantCulture) ?? "–";

    private Dictionary<string, string?> TableQuery(MapTableSort sort, bool descending)
    {
        var query = new Dictionary<string, string?>(Filter.Query, StringComparer.Ordinal)
        {
            ["sortierung"] = sort == MapTableSort.Area ? null : ListMapAreas.SortNames.First(s => s.Value == sort).Key,
            ["richtung"] = descending ? DescendingValue : null,
        };
        return query;
    }
}
