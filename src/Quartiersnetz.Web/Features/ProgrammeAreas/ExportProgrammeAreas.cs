using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Data.Reference;
using Quartiersnetz.Features.Municipalities;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.Platform.Exports;
using Quartiersnetz.Platform.Localization;
using Quartiersnetz.Platform.Time;
using F = Quartiersnetz.Features.ProgrammeAreas.ProgrammeAreaFile;

namespace Quartiersnetz.Features.ProgrammeAreas;

/// <summary>
/// Exports all programme areas (optionally of one municipality, of the municipalities a name or AGS text selects as on
/// the office list, or of one programme) as CSV, XLSX or GeoJSON, in the format the import reads, so the office can edit
/// a file and import it again. Three queries whatever the number of areas.
/// </summary>
internal static class ExportProgrammeAreas
{
    internal sealed record Row(
        string Ags, string Municipality, string Name, UrbanDevelopmentProgramme Programme, ProgrammeAreaStatus Status, int? AdmissionYear, int? EndYear,
        decimal? SizeHectares, int? Population, string? Description, double Latitude, double Longitude, string? BoundaryGeoJson, Guid Id)
    {
        public string Topics { get; set; } = "";
    }

    private static readonly IReadOnlyList<ExportColumn<Row>> Columns =
    [
        new(F.Ags, r => r.Ags),
        new(F.Municipality, r => r.Municipality),
        new(F.Name, r => r.Name),
        new(F.Programme, r => ProgrammeAreaLabels.Label(r.Programme)),
        new(F.Status, r => ProgrammeAreaLabels.Label(r.Status)),
        new(F.AdmissionYear, r => r.AdmissionYear),
        new(F.EndYear, r => r.EndYear),
        // Without trailing zeros, which PostgreSQL's numeric(10,2) adds: 126,5 rather than 126,50.
        new(F.SizeHectares, r => r.SizeHectares is { } size ? decimal.Parse(size.ToString("G29", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : null),
        new(F.Population, r => r.Population),
        new(F.Description, r => r.Description),
        new(F.Latitude, r => r.Latitude),
        new(F.Longitude, r => r.Longitude),
        new(F.Topics, r => r.Topics),
        new(F.Boundary, r => r.BoundaryGeoJson),
    ];

    /// <summary>The export file, or null when the format or programme is not one of the known ones.</summary>
    /// <param name="ags">One exact AGS (the export's first filter; older links carry it).</param>
    /// <param name="municipality">Name or AGS as typed on the office list, read by <see cref="MunicipalityFilter"/>.</param>
    public static async Task<(byte[] Content, string ContentType, string FileName)?> HandleAsync(
        QuartiersnetzDbContext db, IStringLocalizer<Texts> l, TimeProvider clock, string? format, string? ags, string? municipality, string? programme,
        CancellationToken cancellationToken)
    {
        var isGeoJson = string.Equals(format, "geojson", StringComparison.OrdinalIgnoreCase);
        var exportFormat = ExportFormat.Csv;
        if (!isGeoJson && !TableExport.TryParse(format, out exportFormat))
        {
            return null;
        }

        UrbanDevelopmentProgramme? programmeFilter = null;
        if (!string.IsNullOrEmpty(programme))
        {
            programmeFilter = F.ParseProgramme(programme);
            if (programmeFilter is null)
            {
                return null;
            }
        }

        var rows = await RowsAsync(db, ags, MunicipalityFilter.Clean(municipality), programmeFilter, cancellationToken);
        var day = BerlinTime.Today(clock);
        if (isGeoJson)
        {
            return (GeoJson(rows), "application/geo+json", $"programmgebiete-{day:yyyy-MM-dd}.geojson");
        }

        // A spreadsheet cell holds at most 32,767 characters, less than a detailed boundary: XLSX leaves it out.
        var columns = exportFormat == ExportFormat.Csv ? Columns : [.. Columns.Where(c => c.Header != F.Boundary)];
        var content = await TableExport.WriteAsync(exportFormat, columns, rows, l, cancellationToken);
        return (content, TableExport.ContentType(exportFormat), TableExport.FileName("programmgebiete", exportFormat, day));
    }

    public static async Task<List<Row>> RowsAsync(
        QuartiersnetzDbContext db, string? ags, string? municipality, UrbanDevelopmentProgramme? programme, CancellationToken cancellationToken)
    {
        var query = db.Set<ProgrammeArea>().AsNoTracking();
        if (!string.IsNullOrEmpty(ags))
        {
            query = query.Where(a => a.MunicipalityAgs == ags);
        }

        if (municipality is not null)
        {
            var municipalities = MunicipalityFilter.Matching(db, municipality);
            query = query.Where(a => municipalities.Contains(a.MunicipalityAgs));
        }

        if (programme is { } p)
        {
            query = query.Where(a => a.Programme == p);
        }

        var rows = await query
            .Join(db.Set<Municipality>(), a => a.MunicipalityAgs, m => m.Ags, (a, m) => new { a, m.Name, MunicipalitySortKey = m.SortKey })
            .OrderBy(x => x.MunicipalitySortKey).ThenBy(x => x.a.SortKey)
            .Select(x => new Row(x.a.MunicipalityAgs, x.Name, x.a.Name, x.a.Programme, x.a.Status, x.a.AdmissionYear, x.a.EndYear, x.a.SizeHectares,
                x.a.Population, x.a.Description, x.a.Latitude, x.a.Longitude, x.a.BoundaryGeoJson, x.a.Id))
            .ToListAsync(cancellationToken);
        var keys = rows.Select(r => r.Id.ToString()).ToList();
        var topics = await db.Set<TopicAssignment>().AsNoTracking()
            .Where(t => t.ItemKind == TopicKinds.ProgrammeArea && keys.Contains(t.ItemKey))
            .Join(db.Set<Topic>(), t => t.TopicId, topic => topic.Id, (t, topic) => new { t.ItemKey, topic.Slug, topic.Status })
            .Where(x => x.Status == TopicStatus.Active)
            .ToListAsync(cancellationToken);
        var byArea = topics.GroupBy(t => t.ItemKey).ToDictionary(g => g.Key, g => string.Join(F.TopicSeparator, g.Select(t => t.Slug).Order(StringComparer.Ordinal)));
        foreach (var row in rows)
        {
            row.Topics = byArea.GetValueOrDefault(row.Id.ToString(), "");
        }

        return rows;
    }

    private static byte[] GeoJson(List<Row> rows)
    {
        var features = new JsonArray();
        foreach (var row in rows)
        {
            features.Add(new JsonObject
            {
                ["type"] = "Feature",
                ["id"] = row.Id.ToString(),
                ["properties"] = new JsonObject
                {
                    [F.Ags] = row.Ags,
                    [F.Municipality] = row.Municipality,
                    [F.Name] = row.Name,
                    [F.Programme] = ProgrammeAreaLabels.Label(row.Programme),
                    [F.Status] = ProgrammeAreaLabels.Label(row.Status),
                    [F.AdmissionYear] = row.AdmissionYear,
                    [F.EndYear] = row.EndYear,
                    [F.SizeHectares] = row.SizeHectares,
                    [F.Population] = row.Population,
                    [F.Description] = row.Description,
                    [F.Topics] = new JsonArray([.. row.Topics.Split(F.TopicSeparator, StringSplitOptions.RemoveEmptyEntries).Select(s => (JsonNode)s)]),
                },
                ["geometry"] = row.BoundaryGeoJson is { } boundary
                    ? JsonNode.Parse(boundary)
                    : new JsonObject { ["type"] = "Point", ["coordinates"] = new JsonArray(row.Longitude, row.Latitude) },
            });
        }

        return JsonSerializer.SerializeToUtf8Bytes(new JsonObject { ["type"] = "FeatureCollection", ["features"] = features });
    }
}
