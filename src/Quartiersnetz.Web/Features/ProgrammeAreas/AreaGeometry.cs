using System.Globalization;
using System.Text.Json;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;
using NetTopologySuite.Operation.Valid;
using NetTopologySuite.Precision;
using NetTopologySuite.Simplify;
using Quartiersnetz.Data.Reference;
using Quartiersnetz.Platform.Time;

namespace Quartiersnetz.Features.ProgrammeAreas;

/// <summary>A boundary that passed every check, ready to store: the geometry, its map version and a point inside it.</summary>
internal sealed record CheckedBoundary(string BoundaryGeoJson, string MapGeoJson, double Latitude, double Longitude);

/// <summary>The outcome of a check: the boundary, or a German message (source text for the localizer with its arguments).</summary>
internal sealed record GeometryCheck(CheckedBoundary? Boundary, string? Error, object[] ErrorArguments)
{
    public static GeometryCheck Fail(string error, params object[] arguments) => new(null, error, arguments);
}

/// <summary>
/// Reads and checks area boundaries (GeoJSON, WGS84): a Polygon or MultiPolygon, valid (no self-intersection),
/// inside NRW and touching its municipality. The reference outlines are coarse (VG250 with 4 % of the vertices),
/// so both containment checks allow a margin instead of rejecting areas that lie on a municipal border.
/// </summary>
internal static class AreaGeometry
{
    /// <summary>Longest GeoJSON text accepted for one boundary (characters).</summary>
    public const int MaxGeoJsonLength = 1_000_000;

    /// <summary>Most vertices accepted for one boundary; real quarter boundaries have a few hundred.</summary>
    public const int MaxVertices = 20_000;

    /// <summary>About 2 km: the simplified NRW outline may cut off that much at the border.</summary>
    private const double NrwMargin = 0.03;

    /// <summary>About 1 km: the simplified municipal outline may be off by that much.</summary>
    private const double MunicipalityMargin = 0.015;

    /// <summary>
    /// About 35–55 m: a pixel of the map up to zoom level 11, where all of a city is in view. Closer up, the map loads
    /// the full boundaries of the areas in view (MapDataApi, bbox), so this coarser copy is never seen magnified.
    /// </summary>
    private const double MapTolerance = 0.0005;

    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    private static readonly JsonSerializerOptions Json = new() { Converters = { new GeoJsonConverterFactory(Factory) } };

    private static readonly Lazy<Geometry> NrwOutline = new(() =>
    {
        using var stream = new EmbeddedReferenceDataSource().Open("nrw_land.geojson");
        var land = JsonSerializer.Deserialize<FeatureCollection>(stream, Json)!;
        return land[0].Geometry.Buffer(NrwMargin);
    });

    /// <summary>Checks a boundary given as a GeoJSON geometry, a Feature, or a FeatureCollection with exactly one feature.</summary>
    public static GeometryCheck CheckBoundary(string geoJson, string? municipalityBoundaryGeoJson, string municipalityName)
    {
        if (geoJson.Length > MaxGeoJsonLength)
        {
            return GeometryCheck.Fail("Die Grenze ist zu groß (höchstens {0} Zeichen GeoJSON).", MaxGeoJsonLength.ToString("N0", BerlinTime.Culture));
        }

        Geometry? geometry;
        try
        {
            using var document = JsonDocument.Parse(geoJson);
            if (CrsError(document.RootElement) is { } crsError)
            {
                return crsError;
            }

            var type = document.RootElement.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            geometry = type switch
            {
                "FeatureCollection" => SingleFeature(document.RootElement.Deserialize<FeatureCollection>(Json)),
                "Feature" => document.RootElement.Deserialize<IFeature>(Json)?.Geometry,
                _ => document.RootElement.Deserialize<Geometry>(Json),
            };
        }
        catch (ArgumentException ex) when (ex.Message.Contains("closed", StringComparison.OrdinalIgnoreCase))
        {
            return GeometryCheck.Fail("Die Grenze ist geometrisch ungültig: {0} (bei {1}).", Describe(TopologyValidationErrors.RingNotClosed), "?");
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException or NotSupportedException or FormatException)
        {
            return GeometryCheck.Fail("Die Grenze ist kein lesbares GeoJSON. Erwartet wird ein Polygon oder MultiPolygon in WGS84 (Längen- und Breitengrad).");
        }

        if (geometry is null)
        {
            return GeometryCheck.Fail("Die Datei muss genau ein Gebiet enthalten (ein Polygon oder MultiPolygon).");
        }

        if (geometry is not (Polygon or MultiPolygon))
        {
            return GeometryCheck.Fail("Die Grenze muss ein Polygon oder MultiPolygon sein, nicht {0}.", geometry.GeometryType);
        }

        if (geometry.IsEmpty)
        {
            return GeometryCheck.Fail("Die Grenze enthält keine Koordinaten.");
        }

        if (geometry.NumPoints > MaxVertices)
        {
            return GeometryCheck.Fail("Die Grenze hat zu viele Punkte ({0}); höchstens {1} sind erlaubt. Bitte vereinfachen Sie sie.", geometry.NumPoints, MaxVertices);
        }

        if (geometry.Coordinates.Any(c => double.IsNaN(c.X) || double.IsNaN(c.Y) || Math.Abs(c.X) > 180 || Math.Abs(c.Y) > 90))
        {
            return GeometryCheck.Fail("Die Koordinaten sind keine Längen- und Breitengrade (WGS84). Bitte wandeln Sie die Datei vorher um, z. B. von UTM (EPSG:25832) nach EPSG:4326.");
        }

        var validity = new IsValidOp(geometry).ValidationError;
        if (validity is not null)
        {
            var at = validity.Coordinate;
            return validity.ErrorType is TopologyValidationErrors.SelfIntersection or TopologyValidationErrors.RingSelfIntersection
                ? GeometryCheck.Fail("Die Grenze schneidet sich selbst (bei {0}).", Position(at))
                : GeometryCheck.Fail("Die Grenze ist geometrisch ungültig: {0} (bei {1}).", Describe(validity.ErrorType), Position(at));
        }

        if (!NrwOutline.Value.Contains(geometry))
        {
            return GeometryCheck.Fail("Das Gebiet liegt nicht (vollständig) in Nordrhein-Westfalen.");
        }

        if (MunicipalityError(geometry, municipalityBoundaryGeoJson, municipalityName) is { } outside)
        {
            return outside;
        }

        var stored = Round(geometry, 1_000_000);
        var point = geometry.InteriorPoint;
        return new GeometryCheck(new CheckedBoundary(Write(stored), Write(ForMap(geometry)), Math.Round(point.Y, 6), Math.Round(point.X, 6)), null, []);
    }

    /// <summary>Checks a point given instead of a boundary.</summary>
    public static string? CheckPoint(double latitude, double longitude, string? municipalityBoundaryGeoJson, string municipalityName, out object[] arguments)
    {
        arguments = [];
        if (double.IsNaN(latitude) || double.IsNaN(longitude) || Math.Abs(latitude) > 90 || Math.Abs(longitude) > 180)
        {
            return "Bitte geben Sie Breiten- und Längengrad in WGS84 an (z. B. 51,4556 und 7,0116).";
        }

        var point = Factory.CreatePoint(new Coordinate(longitude, latitude));
        if (!NrwOutline.Value.Contains(point))
        {
            return "Der Punkt liegt nicht in Nordrhein-Westfalen.";
        }

        if (MunicipalityError(point, municipalityBoundaryGeoJson, municipalityName) is { } outside)
        {
            arguments = outside.ErrorArguments;
            return outside.Error;
        }

        return null;
    }

    /// <summary>The stored boundary as a geometry, e.g. for an export; null when none is stored.</summary>
    public static Geometry? Read(string? geoJson) => string.IsNullOrEmpty(geoJson) ? null : JsonSerializer.Deserialize<Geometry>(geoJson, Json);

    /// <summary>Whether two stored boundaries cover the same ground, however their rings start or turn.</summary>
    public static bool SameShape(string? a, string? b) =>
        a == b || (a is not null && b is not null && Read(a)!.EqualsTopologically(Read(b)));

    public static string Write(Geometry geometry) => JsonSerializer.Serialize(geometry, Json);

    /// <summary>
    /// The overview map's version: simplified so that adjacent parts stay apart, to 4 decimals (≈ 7–11 m, below the
    /// tolerance). A quarter keeps about 8–20 vertices, so 1,200 areas stay well below 500 KB.
    /// </summary>
    public static Geometry ForMap(Geometry geometry) => Round(TopologyPreservingSimplifier.Simplify(geometry, MapTolerance), 10_000);

    private static Geometry Round(Geometry geometry, double scale) =>
        GeometryPrecisionReducer.Reduce(geometry, new PrecisionModel(scale));

    private static GeometryCheck? MunicipalityError(Geometry geometry, string? municipalityBoundaryGeoJson, string municipalityName)
    {
        if (Read(municipalityBoundaryGeoJson) is not { } municipality)
        {
            return null;
        }

        return municipality.Buffer(MunicipalityMargin).Intersects(geometry)
            ? null
            : GeometryCheck.Fail("Das Gebiet liegt nicht in der Gemeinde {0}.", municipalityName);
    }

    private static GeometryCheck? CrsError(JsonElement root)
    {
        // RFC 7946 removed "crs": coordinates are WGS84. Older files name it; anything but WGS84 is refused.
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("crs", out var crs))
        {
            return null;
        }

        var name = crs.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object
            && properties.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() ?? "" : "";
        return name.EndsWith("CRS84", StringComparison.OrdinalIgnoreCase) || name.EndsWith("4326", StringComparison.Ordinal)
            ? null
            : GeometryCheck.Fail("Das Koordinatensystem {0} wird nicht unterstützt. Bitte speichern Sie die Datei in WGS84 (EPSG:4326).", name.Length == 0 ? "?" : name);
    }

    private static Geometry? SingleFeature(FeatureCollection? collection) =>
        collection is { Count: 1 } ? collection[0].Geometry : null;

    private static string Position(Coordinate? at) => at is null
        ? "?"
        : string.Create(BerlinTime.Culture, $"{at.Y:0.#####} N, {at.X:0.#####} O");

    /// <summary>German source text for the localizer.</summary>
    private static string Describe(TopologyValidationErrors error) => error switch
    {
        TopologyValidationErrors.HoleOutsideShell => "ein Loch liegt außerhalb der Fläche",
        TopologyValidationErrors.NestedHoles => "Löcher liegen ineinander",
        TopologyValidationErrors.DisconnectedInteriors => "die Fläche zerfällt in getrennte Teile",
        TopologyValidationErrors.NestedShells => "Teilflächen liegen ineinander",
        TopologyValidationErrors.DuplicateRings => "ein Ring ist doppelt",
        TopologyValidationErrors.TooFewPoints => "ein Ring hat zu wenige Punkte",
        TopologyValidationErrors.RingNotClosed => "ein Ring ist nicht geschlossen",
        _ => "die Fläche ist nicht gültig",
    };
}
