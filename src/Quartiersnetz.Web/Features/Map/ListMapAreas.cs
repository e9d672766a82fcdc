using System.Linq.Expressions;
using Quartiersnetz.Data;
using Quartiersnetz.Data.Reference;
using Quartiersnetz.Features.ProgrammeAreas;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.Platform.Paging;

namespace Quartiersnetz.Features.Map;

/// <summary>
/// One programme area as the map and its table show it. A class with settable properties rather than a
/// positional record, so the table can be sorted by its members inside the database query.
/// </summary>
internal sealed class MapAreaRow
{
    public Guid Id { get; init; }

    public string Name { get; init; } = "";

    public string SortKey { get; init; } = "";

    public string MunicipalityAgs { get; init; } = "";

    public string MunicipalityName { get; init; } = "";

    public string MunicipalitySortKey { get; init; } = "";

    public string DistrictName { get; init; } = "";

    public string DistrictSortKey { get; init; } = "";

    public string RegionCode { get; init; } = "";

    public string RegionName { get; init; } = "";

    public UrbanDevelopmentProgramme Programme { get; init; }

    public ProgrammeAreaStatus Status { get; init; }

    public int? AdmissionYear { get; init; }
}

/// <summary>An area on the map: what the popup needs, and its simplified boundary or its point.</summary>
internal sealed record MapAreaFeature(
    Guid Id, string Name, string MunicipalityAgs, UrbanDevelopmentProgramme Programme,
    ProgrammeAreaStatus Status, string? MapGeoJson, double Latitude, double Longitude);

/// <summary>Columns of the table, by their query-string name.</summary>
internal enum MapTableSort
{
    Area,
    Municipality,
    District,
    Region,
    Programme,
    Status,
    AdmissionYear,
}

/// <summary>
/// The programme areas the filter selects, for the map (all, with geometry) and for the table (a sorted page).
/// Both read the same filtered query, so map and table always show the same areas; each needs a fixed number
/// of queries however many areas there are.
/// </summary>
internal static class ListMapAreas
{
    public const int PageSize = 50;

    public static readonly IReadOnlyDictionary<string, MapTableSort> SortNames = new Dictionary<string, MapTableSort>(StringComparer.Ordinal)
    {
        ["gebiet"] = MapTableSort.Area,
        ["gemeinde"] = MapTableSort.Municipality,
        ["kreis"] = MapTableSort.District,
        ["bezirk"] = MapTableSort.Region,
        ["programm"] = MapTableSort.Programme,
        ["status"] = MapTableSort.Status,
        ["jahr"] = MapTableSort.AdmissionYear,
    };

    public static async Task<PagedResult<MapAreaRow>> TableAsync(
        QuartiersnetzDbContext db, MapFilter filter, MapTableSort sort, bool descending, PageRequest page, CancellationToken cancellationToken)
    {
        var rows = await RowsAsync(db, filter, cancellationToken);
        return await Sorted(rows, sort, descending).ToPageAsync(page, cancellationToken);
    }

    /// <summary>
    /// All areas the filter selects with their overview geometry; or, with a <paramref name="detail"/> box, only those in
    /// the box with their full boundary, for a map zoomed in so far that the overview's simplification would show.
    /// </summary>
    public static async Task<List<MapAreaFeature>> FeaturesAsync(QuartiersnetzDbContext db, MapFilter filter, MapBox? detail, CancellationToken cancellationToken)
    {
        var areas = await FilteredAsync(db, filter, cancellationToken);
        if (detail is { } box)
        {
            // An area's point lies inside it, and no quarter reaches further than a few km from it: the box widened by
            // that much finds every area that shows in it.
            var (west, south, east, north) = (box.West - MapBox.Reach, box.South - MapBox.Reach, box.East + MapBox.Reach, box.North + MapBox.Reach);
            return await areas
                .Where(a => a.Latitude >= south && a.Latitude <= north && a.Longitude >= west && a.Longitude <= east)
                .OrderBy(a => a.SortKey).ThenBy(a => a.Id)
                .Select(a => new MapAreaFeature(a.Id, a.Name, a.MunicipalityAgs, a.Programme, a.Status, a.BoundaryGeoJson, a.Latitude, a.Longitude))
                .ToListAsync(cancellationToken);
        }

        return await areas
            .OrderBy(a => a.SortKey).ThenBy(a => a.Id)
            .Select(a => new MapAreaFeature(a.Id, a.Name, a.MunicipalityAgs, a.Programme, a.Status, a.MapGeoJson, a.Latitude, a.Longitude))
            .ToListAsync(cancellationToken);
    }

    private static async Task<IQueryable<MapAreaRow>> RowsAsync(QuartiersnetzDbContext db, MapFilter filter, CancellationToken cancellationToken)
    {
        var areas = await FilteredAsync(db, filter, cancellationToken);
        return areas.Join(db.Set<Municipality>(), a => a.MunicipalityAgs, m => m.Ags, (a, m) => new MapAreaRow
        {
            Id = a.Id,
            Name = a.Name,
            SortKey = a.SortKey,
            MunicipalityAgs = a.MunicipalityAgs,
            MunicipalityName = m.Name,
            MunicipalitySortKey = m.SortKey,
            DistrictName = m.District!.Name,
            DistrictSortKey = m.District.SortKey,
            RegionCode = m.District.RegionCode,
            RegionName = m.District.RegionName,
            Programme = a.Programme,
            Status = a.Status,
            AdmissionYear = a.AdmissionYear,
        });
    }

    /// <summary>The areas the filter selects. A topic costs one query for its tagged areas, whatever their number.</summary>
    private static async Task<IQueryable<ProgrammeArea>> FilteredAsync(QuartiersnetzDbContext db, MapFilter filter, CancellationToken cancellationToken)
    {
        var query = db.Set<ProgrammeArea>().AsNoTracking();
        if (filter.Programme is { } programme)
        {
            query = query.Where(a => a.Programme == programme);
        }

        if (filter.Region is { } region)
        {
            var code = region.Code;
            query = query.Where(a => db.Set<Municipality>().Any(m => m.Ags == a.MunicipalityAgs && m.District!.RegionCode == code));
        }

        if (filter.Topic is { } topic)
        {
            // Item keys are the areas' ids as text; they are compared as Guids here rather than as text in SQL,
            // where SQLite and PostgreSQL would write a Guid differently.
            var topicIds = topic.TopicIds.ToList();
            var keys = await db.Set<TopicAssignment>().AsNoTracking()
                .Where(t => t.ItemKind == TopicKinds.ProgrammeArea && topicIds.Contains(t.TopicId))
                .Select(t => t.ItemKey).Distinct().ToListAsync(cancellationToken);
            var ids = keys.Select(k => Guid.TryParse(k, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).Distinct().ToList();
            query = query.Where(a => ids.Contains(a.Id));
        }

        return query;
    }

    private static IQueryable<MapAreaRow> Sorted(IQueryable<MapAreaRow> rows, MapTableSort sort, bool descending)
    {
        IOrderedQueryable<MapAreaRow> ordered = sort switch
        {
            MapTableSort.Municipality => By(rows, r => r.MunicipalitySortKey, descending),
            MapTableSort.District => By(rows, r => r.DistrictSortKey, descending),
            MapTableSort.Region => By(rows, r => r.RegionName, descending),
            MapTableSort.Programme => By(rows, RankByLabel<UrbanDevelopmentProgramme>(r => r.Programme, ProgrammeAreaLabels.Label), descending),
            MapTableSort.Status => By(rows, RankByLabel<ProgrammeAreaStatus>(r => r.Status, ProgrammeAreaLabels.Label), descending),
            // Areas without a year come last in both directions; SQLite and PostgreSQL would put nulls at opposite ends.
            MapTableSort.AdmissionYear => descending
                ? rows.OrderBy(r => r.AdmissionYear == null).ThenByDescending(r => r.AdmissionYear)
                : rows.OrderBy(r => r.AdmissionYear == null).ThenBy(r => r.AdmissionYear),
            _ => By(rows, r => r.SortKey, descending),
        };
        return ordered.ThenBy(r => r.SortKey).ThenBy(r => r.MunicipalitySortKey).ThenBy(r => r.Id);
    }

    private static IOrderedQueryable<MapAreaRow> By<TKey>(IQueryable<MapAreaRow> rows, Expression<Func<MapAreaRow, TKey>> key, bool descending) =>
        descending ? rows.OrderByDescending(key) : rows.OrderBy(key);

    /// <summary>
    /// Orders an enum column by its German label (a CASE expression in SQL), so the table sorts as a person reads
    /// it rather than by the stored names.
    /// </summary>
    private static Expression<Func<MapAreaRow, int>> RankByLabel<TEnum>(Expression<Func<MapAreaRow, TEnum>> column, Func<TEnum, string> label)
        where TEnum : struct, Enum
    {
        var inOrder = Enum.GetValues<TEnum>().OrderBy(v => GermanSortKey.For(label(v)), StringComparer.Ordinal).ToList();
        Expression body = Expression.Constant(inOrder.Count);
        for (var i = inOrder.Count - 1; i >= 0; i--)
        {
            body = Expression.Condition(Expression.Equal(column.Body, Expression.Constant(inOrder[i])), Expression.Constant(i), body);
        }

        return Expression.Lambda<Func<MapAreaRow, int>>(body, column.Parameters);
    }
}
