using System.Text.Json;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;
using Quartiersnetz.Data.Reference;

namespace Quartiersnetz.Bench.Generation;

/// <summary>Generated outlines (WGS84): smooth star-shaped polygons that cannot intersect themselves.</summary>
internal static class Shapes
{
    private const double MetresPerDegreeLatitude = 111_320;

    public static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    private static readonly JsonSerializerOptions Json = new() { Converters = { new GeoJsonConverterFactory(Factory) } };

    /// <summary>The NRW outline without the app's margin, so generated municipalities lie truly inside the state.</summary>
    public static Lazy<Geometry> Nrw { get; } = new(() =>
    {
        using var stream = new EmbeddedReferenceDataSource().Open("nrw_land.geojson");
        return JsonSerializer.Deserialize<FeatureCollection>(stream, Json)![0].Geometry;
    });

    /// <summary>
    /// A polygon around (lon, lat) whose radius varies smoothly with the angle: r(θ) = r₀·(1 + Σ aₖ·sin(kθ + φₖ)) with
    /// Σ aₖ &lt; 0.6, so the radius stays positive and, the angle growing monotonically, the ring is simple.
    /// Counter-clockwise as RFC 7946 asks for exterior rings; rounded to 6 decimals (≈ 0.1 m).
    /// </summary>
    public static Polygon Star(Random random, double longitude, double latitude, double areaSquareMetres, int vertices)
    {
        var harmonics = Enumerable.Range(1, 4)
            .Select(k => (K: k, Amplitude: random.NextDouble() * 0.3 / k, Phase: random.NextDouble() * 2 * Math.PI))
            .ToList();
        // A star with noise covers about r₀²·π·(1 + Σaₖ²/2); close enough to the target for a stated size.
        var radius = Math.Sqrt(areaSquareMetres / Math.PI);
        var metresPerDegreeLongitude = MetresPerDegreeLatitude * Math.Cos(latitude * Math.PI / 180);
        var ring = new Coordinate[vertices + 1];
        for (var i = 0; i < vertices; i++)
        {
            var angle = 2 * Math.PI * i / vertices;
            var r = radius * (1 + harmonics.Sum(h => h.Amplitude * Math.Sin(h.K * angle + h.Phase)));
            ring[i] = new Coordinate(
                Math.Round(longitude + r * Math.Cos(angle) / metresPerDegreeLongitude, 6),
                Math.Round(latitude + r * Math.Sin(angle) / MetresPerDegreeLatitude, 6));
        }

        ring[vertices] = ring[0].Copy();
        return Factory.CreatePolygon(ring);
    }

    /// <summary>A random point inside the outline, or its interior point when sampling misses (thin shapes).</summary>
    public static Point PointInside(Random random, Geometry outline)
    {
        var envelope = outline.EnvelopeInternal;
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var point = Factory.CreatePoint(new Coordinate(
                envelope.MinX + random.NextDouble() * envelope.Width,
                envelope.MinY + random.NextDouble() * envelope.Height));
            if (outline.Contains(point))
            {
                return point;
            }
        }

        return outline.InteriorPoint;
    }

    public static Geometry? Read(string? geoJson) =>
        string.IsNullOrEmpty(geoJson) ? null : JsonSerializer.Deserialize<Geometry>(geoJson, Json);

    public static string Write(Geometry geometry) => JsonSerializer.Serialize(geometry, Json);
}
