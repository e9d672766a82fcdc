using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Bench.Generation;
using Quartiersnetz.Data;
using Quartiersnetz.Data.Reference;
using Quartiersnetz.Features.ProgrammeAreas;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.IntegrationTests.Infrastructure;

namespace Quartiersnetz.IntegrationTests.Map;

/// <summary>
/// The map with as many areas as the scale (1,200, with boundaries as a simplifier leaves them): its data
/// stay small and the number of database queries does not grow with the areas.
/// </summary>
public sealed class MapScaleTests(QuartiersnetzFactory factory) : IClassFixture<QuartiersnetzFactory>
{
    private const int Areas = 1200;
    private const string Topic = "oekologisch-nachhaltige-quartiersgestaltung";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Areas_geojson_for_1200_areas_stays_under_500_KB_and_queries_do_not_grow_with_the_areas()
    {
        await AddAreasAsync(12);
        var few = await CountQueriesAsync();

        await AddAreasAsync(Areas);
        var many = await CountQueriesAsync();

        Assert.Equal(few.Count, many.Count);
        Assert.All(many, count => Assert.True(count <= 6, $"{count} queries for one map request."));

        var client = factory.CreateBrowserLikeClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/karte/gebiete.geojson", UriKind.Relative));
        request.Headers.AcceptEncoding.ParseAdd("gzip, deflate, br");
        using var response = await client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var transferred = (await response.Content.ReadAsByteArrayAsync(Ct)).Length;
        using var plain = await client.GetAsync(new Uri("/karte/gebiete.geojson", UriKind.Relative), Ct);
        var body = await plain.Content.ReadAsByteArrayAsync(Ct);
        using var json = JsonDocument.Parse(body);
        Assert.Equal(Areas, json.RootElement.GetProperty("features").GetArrayLength());
        TestContext.Current.SendDiagnosticMessage($"Areas GeoJSON for {Areas} areas: {body.Length / 1024} KB, {transferred / 1024} KB as sent to a browser (Brotli).");
        Assert.True(transferred < 500 * 1024, $"The areas GeoJSON is {transferred / 1024} KB as sent ({body.Length / 1024} KB uncompressed).");

        // Gzip alone, for browsers or proxies without Brotli, also stays under the limit.
        using var gzipRequest = new HttpRequestMessage(HttpMethod.Get, new Uri("/karte/gebiete.geojson", UriKind.Relative));
        gzipRequest.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        using var gzipped = await client.SendAsync(gzipRequest, Ct);
        Assert.Equal("gzip", Assert.Single(gzipped.Content.Headers.ContentEncoding));
        Assert.True((await gzipped.Content.ReadAsByteArrayAsync(Ct)).Length < 500 * 1024);
    }

    [Fact]
    public async Task Areas_geojson_for_1200_generated_areas_with_full_boundaries_stays_under_500_KB_uncompressed()
    {
        // The benchmark generator's areas: 40–200 vertices each, stored through the app's own checks and simplification.
        await using var app = new QuartiersnetzFactory();
        await using (var scope = app.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
            await DataGenerator.GenerateAsync(
                db, new GeneratorScale("map", SyntheticMunicipalities: 0, ProgrammeAreas: Areas, People: 50, Topics: 50, Organisations: 0), seed: 7, progress: null, Ct);
        }

        using var response = await app.CreateBrowserLikeClient().GetAsync(new Uri("/karte/gebiete.geojson", UriKind.Relative), Ct);
        var body = await response.Content.ReadAsByteArrayAsync(Ct);

        using var json = JsonDocument.Parse(body);
        Assert.Equal(Areas, json.RootElement.GetProperty("features").EnumerateArray().Count(f => f.GetProperty("geometry").GetProperty("type").GetString() == "Polygon"));
        TestContext.Current.SendDiagnosticMessage($"Areas GeoJSON for {Areas} generated areas: {body.Length / 1024} KB uncompressed.");
        Assert.True(body.Length < 500 * 1024, $"The areas GeoJSON for {Areas} generated areas is {body.Length / 1024} KB uncompressed.");
    }

    [Fact]
    public async Task The_table_pages_through_many_areas_and_keeps_filter_and_sort_in_the_pager()
    {
        await AddAreasAsync(Areas);

        var page = await factory.CreateBrowserLikeClient().GetDocumentAsync("/karte?thema=" + Topic + "&sortierung=gemeinde&seite=2");

        Assert.Equal(50, page.QuerySelectorAll("#tabelle tbody tr").Length);
        Assert.Contains("Seite 2 von 12", page.QuerySelector("#tabelle caption")!.TextContent, StringComparison.Ordinal);
        var next = page.QuerySelector("#tabelle a[rel=next]")!.GetAttribute("href")!;
        Assert.Contains("seite=3", next, StringComparison.Ordinal);
        Assert.Contains("thema=" + Topic, next, StringComparison.Ordinal);
        Assert.Contains("sortierung=gemeinde", next, StringComparison.Ordinal);
    }

    /// <summary>Queries per map data request, unfiltered and with each filter (the topic one tags every second area).</summary>
    private async Task<List<int>> CountQueriesAsync()
    {
        var client = factory.CreateBrowserLikeClient();
        var counts = new List<int>();
        foreach (var query in new[] { "", "?programm=SozialerZusammenhalt", "?thema=" + Topic, "?bezirk=059", "?programm=SozialerZusammenhalt&thema=energetische-sanierung&bezirk=051" })
        {
            using var counter = await CommandCounter.StartAsync(factory);
            using var response = await client.GetAsync(new Uri("/karte/gebiete.geojson" + query, UriKind.Relative), Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            counts.Add(counter.Commands.Count);
        }

        return counts;
    }

    /// <summary>Adds areas until there are <paramref name="to"/>, spread over all municipalities, every second one tagged.</summary>
    private async Task AddAreasAsync(int to)
    {
        var from = await factory.ReadAsync(db => db.Set<ProgrammeArea>().CountAsync(Ct));
        if (from >= to)
        {
            return;
        }

        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        var municipalities = await db.Set<Municipality>().AsNoTracking().OrderBy(m => m.Ags)
            .Select(m => new { m.Ags, m.Latitude, m.Longitude }).ToListAsync(Ct);
        var topics = await db.Set<Topic>().AsNoTracking().Where(t => t.Slug == "energetische-sanierung" || t.Slug == Topic)
            .ToDictionaryAsync(t => t.Slug, t => t.Id, Ct);
        var random = new Random(4711 + from);
        var programmes = Enum.GetValues<UrbanDevelopmentProgramme>();
        var statuses = Enum.GetValues<ProgrammeAreaStatus>();
        for (var i = from; i < to; i++)
        {
            var municipality = municipalities[i % municipalities.Count];
            var name = $"Quartier {i:0000} an der Emscher";
            var area = new ProgrammeArea
            {
                Name = name,
                SortKey = GermanSortKey.For(name),
                MunicipalityAgs = municipality.Ags,
                Programme = programmes[i % programmes.Length],
                Status = statuses[i % statuses.Length],
                AdmissionYear = i % 7 == 0 ? null : 1999 + i % 25,
                Latitude = municipality.Latitude,
                Longitude = municipality.Longitude,
                MapGeoJson = MapTestData.Polygon(random, municipality.Latitude, municipality.Longitude),
                CreatedAtUtc = DateTime.UtcNow,
                UpdatedAtUtc = DateTime.UtcNow,
            };
            db.Add(area);
            if (i % 2 == 0)
            {
                db.Add(new TopicAssignment { TopicId = topics[i % 4 == 0 ? "energetische-sanierung" : Topic], ItemKind = TopicKinds.ProgrammeArea, ItemKey = area.Id.ToString() });
            }
        }

        await db.SaveChangesAsync(Ct);
    }
}
