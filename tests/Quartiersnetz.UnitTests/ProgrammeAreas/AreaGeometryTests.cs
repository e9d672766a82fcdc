using System.Globalization;
using System.Text;
using Quartiersnetz.Features.ProgrammeAreas;

namespace Quartiersnetz.UnitTests.ProgrammeAreas;

public sealed class AreaGeometryTests
{
    // A square of about 700 m × 1,100 m in Essen-Katernberg, and Essen's coarse outline around it.
    private const string Katernberg = """{"type":"Polygon","coordinates":[[[7.04,51.48],[7.05,51.48],[7.05,51.49],[7.04,51.49],[7.04,51.48]]]}""";
    private const string EssenOutline = """{"type":"Polygon","coordinates":[[[6.89,51.34],[7.14,51.34],[7.14,51.54],[6.89,51.54],[6.89,51.34]]]}""";

    [Fact]
    public void Accepts_a_polygon_inside_its_municipality_and_places_the_point_inside()
    {
        var check = AreaGeometry.CheckBoundary(Katernberg, EssenOutline, "Essen");

        Assert.Null(check.Error);
        var boundary = Assert.IsType<CheckedBoundary>(check.Boundary);
        Assert.InRange(boundary.Latitude, 51.48, 51.49);
        Assert.InRange(boundary.Longitude, 7.04, 7.05);
        Assert.Contains("\"Polygon\"", boundary.BoundaryGeoJson, StringComparison.Ordinal);
    }

    [Fact]
    public void Accepts_a_feature_collection_with_one_feature_and_a_crs84_name()
    {
        var json = $$$"""{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:OGC:1.3:CRS84"}},"features":[{"type":"Feature","properties":{"name":"Katernberg"},"geometry":{{{Katernberg}}}}]}""";

        Assert.Null(AreaGeometry.CheckBoundary(json, EssenOutline, "Essen").Error);
    }

    [Theory]
    [InlineData("""{"type":"Polygon","coordinates":[[[7.04,51.48],[7.05,51.49],[7.05,51.48],[7.04,51.49],[7.04,51.48]]]}""", "schneidet sich selbst")]
    [InlineData("""{"type":"Point","coordinates":[7.04,51.48]}""", "Polygon oder MultiPolygon sein")]
    [InlineData("""{"type":"LineString","coordinates":[[7.04,51.48],[7.05,51.49]]}""", "Polygon oder MultiPolygon sein")]
    [InlineData("""{"type":"Polygon","coordinates":[[[364000,5706000],[365000,5706000],[365000,5707000],[364000,5706000]]]}""", "keine Längen- und Breitengrade")]
    [InlineData("""{"type":"Polygon","crs":{"type":"name","properties":{"name":"EPSG:25832"}},"coordinates":[[[7.04,51.48],[7.05,51.48],[7.05,51.49],[7.04,51.48]]]}""", "EPSG:25832 wird nicht unterstützt")]
    [InlineData("""{"type":"Polygon","coordinates":[[[13.40,52.51],[13.41,52.51],[13.41,52.52],[13.40,52.51]]]}""", "nicht (vollständig) in Nordrhein-Westfalen")]
    [InlineData("""{"type":"Polygon","coordinates":[[[6.77,51.22],[6.78,51.22],[6.78,51.23],[6.77,51.22]]]}""", "nicht in der Gemeinde Essen")]
    [InlineData("""{"type":"FeatureCollection","features":[]}""", "genau ein Gebiet")]
    [InlineData("""{"type":"Polygon","coordinates":[[[7.04,51.48],[7.05,51.48],[7.05,51.49]]]}""", "ungültig")]
    [InlineData("""{"type":"Polygon","coordinates":"oops"}""", "kein lesbares GeoJSON")]
    [InlineData("not json", "kein lesbares GeoJSON")]
    public void Refuses_what_is_not_a_valid_area_in_nrw_with_a_german_reason(string geoJson, string reason)
    {
        var check = AreaGeometry.CheckBoundary(geoJson, EssenOutline, "Essen");

        Assert.Null(check.Boundary);
        Assert.Contains(reason, string.Format(CultureInfo.InvariantCulture, check.Error!, check.ErrorArguments), StringComparison.Ordinal);
    }

    [Fact]
    public void Checks_a_point_against_nrw_and_the_municipality()
    {
        Assert.Null(AreaGeometry.CheckPoint(51.485, 7.045, EssenOutline, "Essen", out _));
        Assert.Contains("nicht in Nordrhein-Westfalen", AreaGeometry.CheckPoint(52.52, 13.40, EssenOutline, "Essen", out _), StringComparison.Ordinal);
        Assert.NotNull(AreaGeometry.CheckPoint(51.22, 6.77, EssenOutline, "Essen", out var arguments));
        Assert.Equal("Essen", Assert.Single(arguments));
    }

    [Fact]
    public void The_map_version_of_a_detailed_boundary_is_small()
    {
        // A circle-like quarter with 2,000 vertices, as a surveyed boundary might have.
        var points = Enumerable.Range(0, 2000)
            .Select(i => (Lon: 7.045 + 0.005 * Math.Cos(i * Math.PI / 1000), Lat: 51.485 + 0.003 * Math.Sin(i * Math.PI / 1000)))
            .Select(p => string.Create(CultureInfo.InvariantCulture, $"[{p.Lon:0.0000000},{p.Lat:0.0000000}]"))
            .ToList();
        points.Add(points[0]);
        var json = new StringBuilder("""{"type":"Polygon","coordinates":[[""").AppendJoin(',', points).Append("]]}").ToString();

        var boundary = AreaGeometry.CheckBoundary(json, EssenOutline, "Essen").Boundary!;

        Assert.True(boundary.MapGeoJson.Length < 1000, $"map version has {boundary.MapGeoJson.Length} characters");
        Assert.True(boundary.BoundaryGeoJson.Length > 20_000);
    }
}
