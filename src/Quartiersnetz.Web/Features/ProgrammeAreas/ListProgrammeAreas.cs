using System.Buffers;
using System.Text.Json;
using Quartiersnetz.Data;
using Quartiersnetz.Data.Reference;
using Quartiersnetz.Features.Municipalities;
using Quartiersnetz.Features.People;
using Quartiersnetz.Features.Profile;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Paging;

namespace Quartiersnetz.Features.ProgrammeAreas;

/// <summary>An area in a list (page and API).</summary>
internal sealed record AreaSummary(
    Guid Id, string Name, string MunicipalityAgs, string MunicipalityName, string DistrictName, string RegionName,
    UrbanDevelopmentProgramme Programme, ProgrammeAreaStatus Status, int? AdmissionYear, int? EndYear);

/// <summary>Everything public about one area, with its municipality's names; the boundary as stored GeoJSON text.</summary>
internal sealed record AreaDetails(
    Guid Id, string Name, string MunicipalityAgs, string MunicipalityName, string DistrictName, string RegionName,
    UrbanDevelopmentProgramme Programme, ProgrammeAreaStatus Status, int? AdmissionYear, int? EndYear, decimal? SizeHectares,
    int? Population, string? Description, double Latitude, double Longitude, string? BoundaryGeoJson, string? PlanTitle, bool HasPlan);

/// <summary>A contact of an area as the viewer may see it: only people whose name the viewer may see.</summary>
internal sealed record AreaContactView(Guid AreaId, Guid PersonId, string Name, string Role);

/// <summary>An area a person is the contact for, as the person page lists it.</summary>
internal sealed record PersonArea(Guid Id, string Name, string MunicipalityName, string Role);

/// <summary>A Regierungsbezirk for filters (3-digit code, e.g. 051 Düsseldorf).</summary>
internal sealed record RegionOption(string Code, string Name);

/// <summary>
/// What lists, the API and the GeoJSON can be filtered by; null means "all". <c>MunicipalityAgs</c> is one exact key
/// (API, municipality page); <c>MunicipalityText</c> is what a person typed, name or AGS, read by <see cref="MunicipalityFilter"/>.
/// </summary>
internal sealed record AreaFilter(
    UrbanDevelopmentProgramme? Programme = null, ProgrammeAreaStatus? Status = null, string? RegionCode = null,
    string? MunicipalityAgs = null, string? MunicipalityText = null, Guid? TopicId = null);

/// <summary>Reads programme areas for the public pages, the API and other features' sections. Areas are public.</summary>
internal static class ListProgrammeAreas
{
    public static Task<PagedResult<AreaSummary>> HandleAsync(QuartiersnetzDbContext db, AreaFilter filter, PageRequest page, CancellationToken cancellationToken) =>
        Filtered(db, filter)
            .OrderBy(x => x.Area.SortKey).ThenBy(x => x.MunicipalitySortKey).ThenBy(x => x.Area.Id)
            .Select(x => new AreaSummary(
                x.Area.Id, x.Area.Name, x.Area.MunicipalityAgs, x.MunicipalityName, x.DistrictName, x.RegionName,
                x.Area.Programme, x.Area.Status, x.Area.AdmissionYear, x.Area.EndYear))
            .ToPageAsync(page, cancellationToken);

    public static Task<AreaDetails?> DetailsAsync(QuartiersnetzDbContext db, Guid id, CancellationToken cancellationToken) =>
        Filtered(db, new AreaFilter())
            .Where(x => x.Area.Id == id)
            .Select(x => new AreaDetails(
                x.Area.Id, x.Area.Name, x.Area.MunicipalityAgs, x.MunicipalityName, x.DistrictName, x.RegionName,
                x.Area.Programme, x.Area.Status, x.Area.AdmissionYear, x.Area.EndYear, x.Area.SizeHectares, x.Area.Population,
                x.Area.Description, x.Area.Latitude, x.Area.Longitude, x.Area.BoundaryGeoJson, x.Area.PlanTitle, x.Area.PlanFileName != null))
            .SingleOrDefaultAsync(cancellationToken);

    /// <summary>
    /// All areas matching the filter as a GeoJSON FeatureCollection (properties id, name, ags, programme, status;
    /// geometry the boundary, or the point when there is none). One query; the stored geometry is copied, not parsed.
    /// </summary>
    public static async Task<byte[]> FeatureCollectionAsync(QuartiersnetzDbContext db, AreaFilter filter, CancellationToken cancellationToken)
    {
        var rows = await Filtered(db, filter)
            .OrderBy(x => x.Area.SortKey).ThenBy(x => x.Area.Id)
            .Select(x => new { x.Area.Id, x.Area.Name, x.Area.MunicipalityAgs, x.Area.Programme, x.Area.Status, x.Area.BoundaryGeoJson, x.Area.Latitude, x.Area.Longitude })
            .ToListAsync(cancellationToken);
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", "FeatureCollection");
            json.WriteStartArray("features");
            foreach (var row in rows)
            {
                json.WriteStartObject();
                json.WriteString("type", "Feature");
                json.WriteString("id", row.Id);
                json.WriteStartObject("properties");
                json.WriteString("id", row.Id);
                json.WriteString("name", row.Name);
                json.WriteString("ags", row.MunicipalityAgs);
                json.WriteString("programme", row.Programme.ToString());
                json.WriteString("status", row.Status.ToString());
                json.WriteEndObject();
                json.WritePropertyName("geometry");
                WriteGeometry(json, row.BoundaryGeoJson, row.Latitude, row.Longitude);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The boundary as a JSON value, or a GeoJSON Point [lon, lat] when the area has none.</summary>
    public static JsonElement Geometry(string? boundaryGeoJson, double latitude, double longitude)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            WriteGeometry(json, boundaryGeoJson, latitude, longitude);
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    private static void WriteGeometry(Utf8JsonWriter json, string? boundaryGeoJson, double latitude, double longitude)
    {
        if (!string.IsNullOrWhiteSpace(boundaryGeoJson))
        {
            // Validated when saved or imported (AreaGeometry), so it is copied as it is.
            json.WriteRawValue(boundaryGeoJson);
            return;
        }

        json.WriteStartObject();
        json.WriteString("type", "Point");
        json.WriteStartArray("coordinates");
        json.WriteNumberValue(longitude);
        json.WriteNumberValue(latitude);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>
    /// The contacts of the given areas whose name the viewer may see (NameVisibility through ProfileVisibilityRules;
    /// a person always sees themselves). Deactivated accounts are left out for everyone. One query.
    /// </summary>
    public static async Task<IReadOnlyList<AreaContactView>> ContactsAsync(
        QuartiersnetzDbContext db, IReadOnlyCollection<Guid> areaIds, ProfileViewer audience, Guid? self, CancellationToken cancellationToken)
    {
        if (areaIds.Count == 0)
        {
            return [];
        }

        var widest = audience >= ProfileViewer.Office ? ProfileVisibility.Office
            : audience >= ProfileViewer.Member ? ProfileVisibility.Members
            : ProfileVisibility.Public;
        var rows = await db.Set<ProgrammeAreaContact>().AsNoTracking()
            .Where(c => areaIds.Contains(c.AreaId))
            .Join(db.Users, c => c.PersonId, u => u.Id, (c, u) => new { c.AreaId, c.Role, u.Id, u.DisplayName, u.NameVisibility, u.LockoutEnd })
            .Where(r => r.NameVisibility <= widest || r.Id == self)
            .OrderBy(r => r.DisplayName).ThenBy(r => r.Id)
            .ToListAsync(cancellationToken);
        return [.. rows
            .Where(r => ProfileVisibilityRules.CanSee(r.NameVisibility, r.Id == self ? ProfileViewer.Self : audience))
            // SQLite cannot compare DateTimeOffset, so deactivated accounts are left out here.
            .Where(r => !AccountActivation.IsDeactivated(r.LockoutEnd))
            .Select(r => new AreaContactView(r.AreaId, r.Id, r.DisplayName, r.Role))];
    }

    /// <summary>The areas a person is the contact for, alphabetical. One query; the caller decides whether the person may be seen.</summary>
    public static Task<List<PersonArea>> ForContactAsync(QuartiersnetzDbContext db, Guid personId, CancellationToken cancellationToken) =>
        db.Set<ProgrammeAreaContact>().AsNoTracking()
            .Where(c => c.PersonId == personId)
            .Join(db.Set<ProgrammeArea>(), c => c.AreaId, a => a.Id, (c, a) => new { a, c.Role })
            .Join(db.Set<Municipality>(), x => x.a.MunicipalityAgs, m => m.Ags, (x, m) => new { x.a.Id, x.a.Name, x.a.SortKey, Municipality = m.Name, x.Role })
            .OrderBy(x => x.SortKey).ThenBy(x => x.Id)
            .Select(x => new PersonArea(x.Id, x.Name, x.Municipality, x.Role))
            .ToListAsync(cancellationToken);

    /// <summary>The Regierungsbezirke for the filter, in code order (Düsseldorf, Köln, Münster, Detmold, Arnsberg).</summary>
    public static Task<List<RegionOption>> RegionsAsync(QuartiersnetzDbContext db, CancellationToken cancellationToken) =>
        db.Set<District>().AsNoTracking()
            .Select(d => new { d.RegionCode, d.RegionName }).Distinct()
            .OrderBy(r => r.RegionCode)
            .Select(r => new RegionOption(r.RegionCode, r.RegionName))
            .ToListAsync(cancellationToken);

    /// <summary>Parses a programme from a query string; null for unknown values (and for numbers, which are not names).</summary>
    public static UrbanDevelopmentProgramme? ParseProgramme(string? value) =>
        Enum.TryParse<UrbanDevelopmentProgramme>(value, ignoreCase: true, out var programme) && Enum.IsDefined(programme) && !int.TryParse(value, out _) ? programme : null;

    public static ProgrammeAreaStatus? ParseStatus(string? value) =>
        Enum.TryParse<ProgrammeAreaStatus>(value, ignoreCase: true, out var status) && Enum.IsDefined(status) && !int.TryParse(value, out _) ? status : null;

    /// <summary>The item key of an area in the topic assignment table (the id as lower-case text, as AssignTopics stores it).</summary>
    public static string TopicKey(Guid areaId) => areaId.ToString();

    /// <summary>
    /// Areas with an assignment to one of the topics, as a condition inside one SQL query. Guid text differs by provider
    /// (SQLite stores upper case, PostgreSQL prints lower case), so the key is compared in lower case, the form
    /// AssignTopics writes (Guid.ToString()).
    /// </summary>
    public static System.Linq.Expressions.Expression<Func<ProgrammeArea, bool>> TaggedWith(QuartiersnetzDbContext db, IEnumerable<Guid> topicIds) =>
#pragma warning disable CA1304, CA1311, CA1862 // translated to SQL lower(); culture and comparison overloads are not translatable
        a => db.Set<TopicAssignment>().Any(t => t.ItemKind == TopicKinds.ProgrammeArea && t.ItemKey == a.Id.ToString().ToLower() && topicIds.Contains(t.TopicId));
#pragma warning restore CA1304, CA1311, CA1862

    /// <summary>An area with its municipality's names; a class with setters so EF can keep composing queries on it.</summary>
    private sealed class Row
    {
        public required ProgrammeArea Area { get; init; }

        public required string MunicipalityName { get; init; }

        public required string MunicipalitySortKey { get; init; }

        public required string DistrictName { get; init; }

        public required string RegionCode { get; init; }

        public required string RegionName { get; init; }
    }

    private static IQueryable<Row> Filtered(QuartiersnetzDbContext db, AreaFilter filter)
    {
        var areas = db.Set<ProgrammeArea>().AsNoTracking();
        if (filter.Programme is { } programme)
        {
            areas = areas.Where(a => a.Programme == programme);
        }

        if (filter.Status is { } status)
        {
            areas = areas.Where(a => a.Status == status);
        }

        if (!string.IsNullOrWhiteSpace(filter.MunicipalityAgs))
        {
            areas = areas.Where(a => a.MunicipalityAgs == filter.MunicipalityAgs);
        }

        if (!string.IsNullOrWhiteSpace(filter.MunicipalityText))
        {
            var municipalities = MunicipalityFilter.Matching(db, filter.MunicipalityText);
            areas = areas.Where(a => municipalities.Contains(a.MunicipalityAgs));
        }

        if (filter.TopicId is { } topicId)
        {
            // The topic or one of its sub-topics.
            var topicIds = db.Set<Topic>().Where(t => t.Id == topicId || t.ParentId == topicId).Select(t => t.Id);
            areas = areas.Where(TaggedWith(db, topicIds));
        }

        var rows = areas.Join(db.Set<Municipality>(), a => a.MunicipalityAgs, m => m.Ags,
            (a, m) => new Row
            {
                Area = a, MunicipalityName = m.Name, MunicipalitySortKey = m.SortKey, DistrictName = m.District!.Name,
                RegionCode = m.District.RegionCode, RegionName = m.District.RegionName,
            });
        if (!string.IsNullOrWhiteSpace(filter.RegionCode))
        {
            rows = rows.Where(r => r.RegionCode == filter.RegionCode);
        }

        return rows;
    }
}
