using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Data;
using Quartiersnetz.Features.ProgrammeAreas;
using Quartiersnetz.IntegrationTests.Infrastructure;
using static Quartiersnetz.IntegrationTests.Map.MapTestData;

namespace Quartiersnetz.IntegrationTests.Map;

/// <summary>The map's GeoJSON: its shape, its answers to bad filters, and the cacheable municipality boundaries.</summary>
public sealed class MapDataTests(QuartiersnetzFactory factory) : IClassFixture<QuartiersnetzFactory>
{
    private const string Polygon = "{\"type\":\"Polygon\",\"coordinates\":[[[7.46512,51.51378],[7.467,51.5141],[7.46633,51.51522],[7.46512,51.51378]]]}";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(ProgrammeArea WithBoundary, ProgrammeArea WithPoint)> SeedAsync()
    {
        var existing = await factory.ReadAsync(db => db.Set<ProgrammeArea>().AsNoTracking().OrderBy(a => a.SortKey).ToListAsync(Ct));
        if (existing.Count == 2)
        {
            return (existing[0], existing[1]);
        }

        return (
            await factory.AddAreaAsync("Nordstadt", Dortmund, UrbanDevelopmentProgramme.SozialerZusammenhalt, ProgrammeAreaStatus.Laufend, 2000, Polygon),
            await factory.AddAreaAsync("Südviertel & Umgebung", Muenster, UrbanDevelopmentProgramme.AktiveStadtUndOrtsteilzentren, ProgrammeAreaStatus.InVorbereitung, null, null));
    }

    [Fact]
    public async Task The_areas_geojson_is_a_compact_feature_collection_with_stored_geometries_or_points()
    {
        var (withBoundary, withPoint) = await SeedAsync();
        var client = factory.CreateBrowserLikeClient();

        using var response = await client.GetAsync(new Uri("/karte/gebiete.geojson", UriKind.Relative), Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/geo+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain('\n', text);
        Assert.DoesNotContain(": ", text, StringComparison.Ordinal);
        // The stored (already simplified) geometry goes out byte for byte.
        Assert.Contains("\"geometry\":" + Polygon, text, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(text);
        Assert.Equal("FeatureCollection", json.RootElement.GetProperty("type").GetString());
        var features = json.RootElement.GetProperty("features").EnumerateArray().ToList();
        Assert.Equal(2, features.Count);
        var nordstadt = features.Single(f => f.GetProperty("id").GetString() == withBoundary.Id.ToString());
        var properties = nordstadt.GetProperty("properties");
        Assert.Equal("Nordstadt", properties.GetProperty("name").GetString());
        Assert.Equal(Dortmund, properties.GetProperty("ags").GetString());
        // Codes only: the page carries their labels, and the browser builds the link from the id.
        Assert.Equal((int)UrbanDevelopmentProgramme.SozialerZusammenhalt, properties.GetProperty("programme").GetInt32());
        Assert.Equal((int)ProgrammeAreaStatus.Laufend, properties.GetProperty("status").GetInt32());
        Assert.Equal(["name", "ags", "programme", "status"], properties.EnumerateObject().Select(p => p.Name));
        var point = features.Single(f => f.GetProperty("id").GetString() == withPoint.Id.ToString());
        Assert.Equal("Südviertel & Umgebung", point.GetProperty("properties").GetProperty("name").GetString());
        Assert.Equal((int)UrbanDevelopmentProgramme.AktiveStadtUndOrtsteilzentren, point.GetProperty("properties").GetProperty("programme").GetInt32());
        Assert.Equal("Point", point.GetProperty("geometry").GetProperty("type").GetString());
        var coordinates = point.GetProperty("geometry").GetProperty("coordinates").EnumerateArray().Select(c => c.GetDouble()).ToList();
        Assert.Equal([Math.Round(withPoint.Longitude, 6), Math.Round(withPoint.Latitude, 6)], coordinates);
    }

    [Fact]
    public async Task The_areas_geojson_is_compressed_when_accepted_and_answers_304_when_unchanged()
    {
        await SeedAsync();
        var client = factory.CreateBrowserLikeClient();
        using var plain = await client.GetAsync(new Uri("/karte/gebiete.geojson", UriKind.Relative), Ct);
        var body = await plain.Content.ReadAsByteArrayAsync(Ct);

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/karte/gebiete.geojson", UriKind.Relative));
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        using var compressed = await client.SendAsync(request, Ct);
        Assert.Equal("gzip", Assert.Single(compressed.Content.Headers.ContentEncoding));
        await using (var gzip = new GZipStream(await compressed.Content.ReadAsStreamAsync(Ct), CompressionMode.Decompress))
        using (var copy = new MemoryStream())
        {
            await gzip.CopyToAsync(copy, Ct);
            Assert.Equal(body, copy.ToArray());
        }

        var etag = plain.Headers.ETag!;
        using var again = new HttpRequestMessage(HttpMethod.Get, new Uri("/karte/gebiete.geojson", UriKind.Relative));
        again.Headers.IfNoneMatch.Add(etag);
        using var notModified = await client.SendAsync(again, Ct);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }

    [Theory]
    [InlineData("programm=Unbekannt", "programm", "Das Programm „Unbekannt“ gibt es nicht.")]
    [InlineData("thema=gibt-es-nicht", "thema", "Das Thema „gibt-es-nicht“ gibt es nicht.")]
    [InlineData("bezirk=999", "bezirk", "Den Regierungsbezirk „999“ gibt es nicht.")]
    public async Task An_unknown_filter_value_gets_a_German_validation_problem(string query, string field, string message)
    {
        using var response = await factory.CreateBrowserLikeClient().GetAsync(new Uri("/karte/gebiete.geojson?" + query, UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.StartsWith(message, json.RootElement.GetProperty("errors").GetProperty(field)[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("Bitte korrigieren Sie die genannten Parameter.", json.RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_box_gives_only_the_areas_in_it_with_their_full_boundaries()
    {
        var (withBoundary, _) = await SeedAsync();
        const string Full = "{\"type\":\"Polygon\",\"coordinates\":[[[7.465123,51.513781],[7.466001,51.513902],[7.467004,51.514101],[7.466331,51.515222],[7.465123,51.513781]]]}";
        await using (var scope = factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
            await db.Set<ProgrammeArea>().Where(a => a.Id == withBoundary.Id).ExecuteUpdateAsync(u => u.SetProperty(a => a.BoundaryGeoJson, Full), Ct);
        }

        var client = factory.CreateBrowserLikeClient();
        using var response = await client.GetAsync(new Uri("/karte/gebiete.geojson?bbox=7.40,51.48,7.52,51.55", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync(Ct);
        // Dortmund's area with its stored boundary, not the overview's copy; Münster's area lies outside the box.
        Assert.Contains("\"geometry\":" + Full, text, StringComparison.Ordinal);
        using (var json = JsonDocument.Parse(text))
        {
            var feature = Assert.Single(json.RootElement.GetProperty("features").EnumerateArray());
            Assert.Equal(withBoundary.Id.ToString(), feature.GetProperty("id").GetString());
        }

        // The page's filters apply to the box too.
        using var filtered = await client.GetAsync(new Uri("/karte/gebiete.geojson?programm=AktiveStadtUndOrtsteilzentren&bbox=7.40,51.48,7.52,51.55", UriKind.Relative), Ct);
        using var none = JsonDocument.Parse(await filtered.Content.ReadAsStringAsync(Ct));
        Assert.Equal(0, none.RootElement.GetProperty("features").GetArrayLength());
    }

    [Theory]
    [InlineData("7.4,51.4,7.5", "Der Ausschnitt muss aus vier Zahlen bestehen")]
    [InlineData("west,51.4,7.5,51.6", "Der Ausschnitt muss aus vier Zahlen bestehen")]
    [InlineData("7.4,51.4,NaN,51.6", "Der Ausschnitt muss aus vier Zahlen bestehen")]
    [InlineData("7.5,51.4,7.4,51.6", "Der Ausschnitt ist kein gültiges Rechteck")]
    [InlineData("7.4,91,7.5,92", "Der Ausschnitt ist kein gültiges Rechteck")]
    [InlineData("6.0,50.5,8.5,52.0", "Der Ausschnitt ist zu groß")]
    public async Task A_bad_box_gets_a_German_validation_problem(string bbox, string message)
    {
        using var response = await factory.CreateBrowserLikeClient().GetAsync(new Uri("/karte/gebiete.geojson?bbox=" + bbox, UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.StartsWith(message, json.RootElement.GetProperty("errors").GetProperty("bbox")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_municipality_boundaries_are_all_396_and_cacheable()
    {
        var client = factory.CreateBrowserLikeClient();
        var page = await client.GetDocumentAsync("/karte");
        var versioned = page.QuerySelector("#karte")!.GetAttribute("data-municipalities-url")!;
        Assert.StartsWith("/karte/gemeinden.geojson?v=", versioned, StringComparison.Ordinal);

        using var response = await client.GetAsync(new Uri(versioned, UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/geo+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("immutable", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.True(response.Headers.CacheControl!.Public);
        var etag = response.Headers.ETag!;
        Assert.Equal(versioned.Split("v=")[1], etag.Tag.Trim('"'));
        using (var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)))
        {
            var features = json.RootElement.GetProperty("features").EnumerateArray().ToList();
            Assert.Equal(396, features.Count);
            var koeln = features.Single(f => f.GetProperty("properties").GetProperty("ags").GetString() == Koeln);
            Assert.Equal("Köln, Stadt", koeln.GetProperty("properties").GetProperty("name").GetString());
            Assert.True(koeln.GetProperty("geometry").GetProperty("type").GetString() is "Polygon" or "MultiPolygon");
        }

        using var unversioned = await client.GetAsync(new Uri("/karte/gemeinden.geojson", UriKind.Relative), Ct);
        Assert.Equal(TimeSpan.FromDays(1), unversioned.Headers.CacheControl!.MaxAge);
        Assert.Equal(etag, unversioned.Headers.ETag);

        using var conditional = new HttpRequestMessage(HttpMethod.Get, new Uri("/karte/gemeinden.geojson", UriKind.Relative));
        conditional.Headers.IfNoneMatch.Add(etag);
        using var notModified = await client.SendAsync(conditional, Ct);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);

        using var brotliRequest = new HttpRequestMessage(HttpMethod.Get, new Uri(versioned, UriKind.Relative));
        brotliRequest.Headers.AcceptEncoding.ParseAdd("gzip, deflate, br");
        using var brotli = await client.SendAsync(brotliRequest, Ct);
        Assert.Equal("br", Assert.Single(brotli.Content.Headers.ContentEncoding));
        Assert.True((await brotli.Content.ReadAsByteArrayAsync(Ct)).Length < 150_000);
    }

    [Fact]
    public async Task Without_tiles_configured_the_page_names_no_tile_server_and_the_CSP_allows_none()
    {
        using var response = await factory.CreateBrowserLikeClient().GetAsync(new Uri("/karte", UriKind.Relative), Ct);
        var page = await response.ParseAsync();

        Assert.True(string.IsNullOrEmpty(page.QuerySelector("#karte")!.GetAttribute("data-tile-url")));
        Assert.DoesNotContain("openstreetmap", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.DoesNotContain("OpenStreetMap", page.QuerySelector(".attribution")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("GeoBasis-DE / BKG", page.QuerySelector(".attribution")!.TextContent, StringComparison.Ordinal);
    }
}

/// <summary>The app with OpenStreetMap tiles, as in production (the default when Map:TileUrl is not set).</summary>
public sealed class MapTilesFactory : QuartiersnetzFactory
{
    public MapTilesFactory()
    {
        WithSetting("Map:TileUrl", null);
    }
}

public sealed class MapTilesTests(MapTilesFactory factory) : IClassFixture<MapTilesFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task By_default_the_map_uses_OpenStreetMap_tiles_names_them_and_the_CSP_allows_exactly_that_server()
    {
        using var response = await factory.CreateBrowserLikeClient().GetAsync(new Uri("/karte", UriKind.Relative), Ct);
        var page = await response.ParseAsync();

        Assert.Equal("https://tile.openstreetmap.org/{z}/{x}/{y}.png", page.QuerySelector("#karte")!.GetAttribute("data-tile-url"));
        Assert.Equal("© OpenStreetMap-Mitwirkende", page.QuerySelector("#karte")!.GetAttribute("data-tile-attribution"));
        Assert.Contains("© OpenStreetMap-Mitwirkende", page.QuerySelector(".attribution")!.TextContent, StringComparison.Ordinal);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("img-src 'self' data: https://tile.openstreetmap.org;", csp, StringComparison.Ordinal);
    }
}

public sealed class MapTileOriginTests
{
    [Theory]
    [InlineData("https://tile.openstreetmap.org/{z}/{x}/{y}.png", "https://tile.openstreetmap.org")]
    [InlineData("https://{s}.tiles.example.org/{z}/{x}/{y}.png", "https://*.tiles.example.org")]
    [InlineData("http://127.0.0.1:8080/tiles/{z}/{x}/{y}.png", "http://127.0.0.1:8080")]
    [InlineData("", null)]
    [InlineData("tiles/{z}/{x}/{y}.png", null)]
    [InlineData("ftp://example.org/{z}/{x}/{y}.png", null)]
    public void The_CSP_source_follows_the_configured_tile_url(string tileUrl, string? origin)
    {
        Assert.Equal(origin, Quartiersnetz.Platform.Security.SecurityHeaders.TileOrigin(tileUrl));
    }
}
