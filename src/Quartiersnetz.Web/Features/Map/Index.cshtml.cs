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

/// <summary>What the map page shows for one query string; the same for every visitor (all of it is public).</summary>
internal sealed record MapPageData(
    IReadOnlyList<RegionOption> Regions, IReadOnlyList<TopicGroup> Topics, MapFilter Filter, PagedResult<MapAreaRow> Result, string MemberAgs)
{
    /// <summary>Units of about 1 KB for <see cref="AudienceDataCache"/>: a table page, the filter's choices, the members' AGS.</summary>
    public long Size => 8 + Result.Items.Count / 10;
}

/// <summary>
/// The map of NRW's municipalities and programme areas with the same content as a sortable table below it,
/// for everyone who cannot use the map. Filters and sorting are plain GET links, so all works without JavaScript;
/// the map's script loads exactly the areas the table lists.
/// Nothing on it depends on who looks: anonymous visitors get the kept page (output cache); for signed-in visitors,
/// whose pages are built per request (ADR 0004), the page's data is kept per query string until the next saved change.
/// </summary>
[AllowAnonymous]
[OutputCache(PolicyName = PublicPageCache.PolicyName)]
internal sealed class IndexModel(
    QuartiersnetzDbContext db, MunicipalityBoundaries boundaries, IConfiguration configuration, IStringLocalizer<Texts> l, TimeProvider clock,
    AudienceDataCache cache) : PageModel
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
        // Unknown sort columns and page numbers are corrected, not rejected, like every list of the site.
        Sort = SortName is not null && ListMapAreas.SortNames.TryGetValue(SortName, out var sort) ? sort : MapTableSort.Area;
        Descending = Direction == DescendingValue;
        var page = PageRequest.Lenient(PageNumber, ListMapAreas.PageSize, ListMapAreas.PageSize);
        var data = await cache.GetOrCreateAsync(
            string.Join('\u001f', "map-page", Programme, Topic, Region, Sort, Descending, page.Page), AudienceDataCache.SavedChangeTags, d => d.Size,
            () => DataAsync(page, cancellationToken));
        Regions = data.Regions;
        Topics = data.Topics;
        Filter = data.Filter;
        Result = data.Result;
        MemberAgs = data.MemberAgs;

        AreasDataUrl = QueryHelpers.AddQueryString(MapDataApi.AreasPath, Filter.Query.Where(q => q.Value is not null));
        MunicipalitiesDataUrl = QueryHelpers.AddQueryString(MapDataApi.MunicipalitiesPath, "v", (await boundaries.GetAsync()).Version);
        TileUrl = SecurityHeaders.TileUrl(configuration);
    }

    private async Task<MapPageData> DataAsync(PageRequest page, CancellationToken cancellationToken)
    {
        var regions = await ResolveMapFilter.RegionsAsync(db, cancellationToken);
        var topics = await AssignTopics.ActiveTreeAsync(db, cancellationToken);
        var filter = await ResolveMapFilter.HandleAsync(db, new MapFilterInput(Programme, Topic, Region), regions, l, cancellationToken);
        var result = await ListMapAreas.TableAsync(db, filter, Sort, Descending, page, cancellationToken);
        var today = BerlinTime.Today(clock);
        var members = await db.Set<NetworkMembership>().AsNoTracking()
            .Where(n => n.MemberSince <= today && (n.LeftOn == null || n.LeftOn > today))
            .OrderBy(n => n.MunicipalityAgs)
            .Select(n => n.MunicipalityAgs).ToListAsync(cancellationToken);
        return new MapPageData(regions, topics, filter, result, string.Join(' ', members));
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
