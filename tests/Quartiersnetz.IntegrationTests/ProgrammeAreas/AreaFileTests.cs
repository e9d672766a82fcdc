using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AngleSharp.Html.Dom;
using CsvHelper;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Quartiersnetz.Data;
using Quartiersnetz.Features.ProgrammeAreas;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.IntegrationTests.ApiAccess;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.IntegrationTests.Profile;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.IntegrationTests.ProgrammeAreas;

/// <summary>Import and export of programme areas by the office (CSV, GeoJSON, XLSX).</summary>
public sealed class AreaFileTests(QuartiersnetzFactory factory) : IClassFixture<QuartiersnetzFactory>
{
    private const string Essen = "05113000";
    private const string Gelsenkirchen = "05513000";
    private const string Header = "ags;gemeinde;name;programm;stand;aufnahmejahr;endjahr;groesse_ha;einwohner;beschreibung;breitengrad;laengengrad;themen;grenze_geojson";
    private const string Katernberg = """{"type":"Polygon","coordinates":[[[7.04,51.48],[7.05,51.48],[7.05,51.49],[7.04,51.49],[7.04,51.48]]]}""";
    private const string BowTie = """{"type":"Polygon","coordinates":[[[7.04,51.48],[7.05,51.49],[7.05,51.48],[7.04,51.49],[7.04,51.48]]]}""";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_csv_file_creates_areas_with_boundary_point_and_topics_and_a_second_import_updates_them()
    {
        var marker = Marker();
        var topic = await TopicSlugAsync();
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var csv = Csv(
            $"{Essen};Essen;Katernberg {marker};Soziale Stadt;Laufend;2008;;126,5;14000;Zeche und Siedlung;;;{topic};{Quote(Katernberg)}",
            $"{Gelsenkirchen};Gelsenkirchen;Schalke {marker};Sozialer Zusammenhalt;in Vorbereitung;2024;2032;;;;51,5283;7.0836;;");

        using var response = await office.UploadAsync("/geschaeftsstelle/programmgebiete/import", "Upload", csv, "gebiete.csv", "text/csv");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await office.GetDocumentAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("2 Gebiete neu angelegt, 0 geändert", page.QuerySelector("[role=status]")?.TextContent, StringComparison.Ordinal);
        var areas = await AreasAsync(marker);
        var katernberg = areas.Single(a => a.Name.StartsWith("Katernberg", StringComparison.Ordinal));
        Assert.Equal(UrbanDevelopmentProgramme.SozialerZusammenhalt, katernberg.Programme);
        Assert.Equal(126.5m, katernberg.SizeHectares);
        Assert.NotNull(katernberg.BoundaryGeoJson);
        Assert.NotNull(katernberg.MapGeoJson);
        Assert.InRange(katernberg.Latitude, 51.48, 51.49);
        var schalke = areas.Single(a => a.Name.StartsWith("Schalke", StringComparison.Ordinal));
        Assert.Equal(ProgrammeAreaStatus.InVorbereitung, schalke.Status);
        Assert.Null(schalke.BoundaryGeoJson);
        Assert.Equal((51.5283, 7.0836), (schalke.Latitude, schalke.Longitude));
        Assert.Equal([topic], await TopicsOfAsync(katernberg.Id));
        Assert.Contains(await factory.AuditEntriesAsync(katernberg.Id.ToString()), e => e.Action == "area.imported");

        // The same file with one changed status: one update, nothing created twice.
        var changed = Csv(
            $"{Essen};Essen;KATERNBERG {marker};Soziale Stadt;Verstetigung;2008;;126,5;14000;Zeche und Siedlung;;;{topic};{Quote(Katernberg)}",
            $"{Gelsenkirchen};Gelsenkirchen;Schalke {marker};Sozialer Zusammenhalt;in Vorbereitung;2024;2032;;;;51,5283;7.0836;;");
        using var again = await office.UploadAsync("/geschaeftsstelle/programmgebiete/import", "Upload", changed, "gebiete.csv", "text/csv");
        var second = await office.GetDocumentAsync(again.Headers.Location!.OriginalString);
        Assert.Contains("0 Gebiete neu angelegt, 1 geändert", second.QuerySelector("[role=status]")?.TextContent, StringComparison.Ordinal);
        var after = await AreasAsync(marker);
        Assert.Equal(2, after.Count);
        Assert.Equal(ProgrammeAreaStatus.Verstetigung, after.Single(a => a.Id == katernberg.Id).Status);
    }

    [Fact]
    public async Task A_file_with_bad_lines_lists_every_error_with_its_line_and_imports_nothing()
    {
        var marker = Marker();
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var csv = Csv(
            $"{Essen};Essen;Gut {marker};Sozialer Zusammenhalt;Laufend;;;;;;51,485;7,045;;",
            $"05999999;?;Unbekannt {marker};Sozialer Zusammenhalt;Laufend;;;;;;51,485;7,045;;",
            $"{Essen};Essen;Schleife {marker};Sozialer Zusammenhalt;Laufend;;;;;;;;;{Quote(BowTie)}",
            $"{Essen};Essen;gut {marker};Sozialer Zusammenhalt;Laufend;;;;;;51,485;7,045;;",
            $"{Essen};Essen;Programm {marker};Stadtumbau Ost-West;Laufend;;;;;;51,485;7,045;;",
            $"{Essen};Essen;Jahr {marker};Sozialer Zusammenhalt;Laufend;zwanzig;;;;;51,485;7,045;;",
            $"{Essen};Essen;Düsseldorf {marker};Sozialer Zusammenhalt;Laufend;;;;;;51,2277;6,7735;;",
            $"{Essen};Essen;Ohne Ort {marker};Sozialer Zusammenhalt;Laufend;;;;;;;;;",
            $"{Essen};Essen;Thema {marker};Sozialer Zusammenhalt;Laufend;;;;;;51,485;7,045;gibt-es-nicht;");

        using var response = await office.UploadAsync("/geschaeftsstelle/programmgebiete/import", "Upload", csv, "gebiete.csv", "text/csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var errors = (await response.ParseAsync()).QuerySelectorAll(".import-errors li").ToDictionary(li => li.GetAttribute("data-line")!, li => li.TextContent);
        Assert.Contains("keine NRW-Gemeinde mit dem Schlüssel 05999999", errors["3"], StringComparison.Ordinal);
        Assert.Contains("schneidet sich selbst", errors["4"], StringComparison.Ordinal);
        Assert.Contains("mehrfach in der Datei (auch in Zeile 2)", errors["5"], StringComparison.Ordinal);
        Assert.Contains("Unbekanntes Programm „Stadtumbau Ost-West“", errors["6"], StringComparison.Ordinal);
        Assert.Contains("keine Jahreszahl", errors["7"], StringComparison.Ordinal);
        Assert.Contains("nicht in der Gemeinde Essen", errors["8"], StringComparison.Ordinal);
        Assert.Contains("mindestens einen Punkt", errors["9"], StringComparison.Ordinal);
        Assert.Contains("Unbekanntes Thema „gibt-es-nicht“", errors["10"], StringComparison.Ordinal);
        Assert.StartsWith("Zeile 3:", errors["3"], StringComparison.Ordinal);
        Assert.Empty(await AreasAsync(marker));
    }

    [Theory]
    [InlineData("", "Bitte wählen Sie eine CSV- oder GeoJSON-Datei")]
    [InlineData("name;programm\r\nA;B\r\n", "fehlen die Spalten ags, stand")]
    [InlineData("{\"type\":\"Feature\"}", "FeatureCollection")]
    [InlineData("{\"type\":\"FeatureCollection\",\"features\":[]}", "keine Gebiete")]
    [InlineData("{kaputt", "kein lesbares GeoJSON")]
    public async Task A_file_that_is_not_an_area_list_is_refused_as_a_whole(string content, string expected)
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);

        using var response = await office.UploadAsync("/geschaeftsstelle/programmgebiete/import", "Upload", Encoding.UTF8.GetBytes(content), "gebiete.csv", "text/csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(expected, (await response.ParseAsync()).QuerySelector("main")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_csv_file_that_is_not_utf8_is_refused_with_a_hint()
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var latin1 = Encoding.Latin1.GetBytes(Header + "\r\n05113000;Essen;Rüttenscheid;Sozialer Zusammenhalt;Laufend;;;;;;51,44;7,0;;\r\n");

        using var response = await office.UploadAsync("/geschaeftsstelle/programmgebiete/import", "Upload", latin1, "gebiete.csv", "text/csv");

        Assert.Contains("nicht UTF-8-kodiert", (await response.ParseAsync()).QuerySelector(".import-errors")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_geojson_file_creates_areas_and_one_in_a_projected_crs_fails_the_whole_file()
    {
        var marker = Marker();
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var good = Encoding.UTF8.GetBytes($$$"""
            {"type":"FeatureCollection","features":[
              {"type":"Feature","properties":{"ags":"{{{Essen}}}","name":"Katernberg {{{marker}}}","programm":"SozialerZusammenhalt","stand":"Laufend","aufnahmejahr":2008,"groesse_ha":126.5,"themen":[]},"geometry":{{{Katernberg}}}},
              {"type":"Feature","properties":{"ags":"{{{Gelsenkirchen}}}","name":"Schalke {{{marker}}}","programm":"Lebendige Zentren","stand":"Abgeschlossen"},"geometry":{"type":"Point","coordinates":[7.0836,51.5283]}}
            ]}
            """);
        var projected = Encoding.UTF8.GetBytes($$$"""
            {"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::25832"}},"features":[
              {"type":"Feature","properties":{"ags":"{{{Essen}}}","name":"Projiziert {{{marker}}}","programm":"SozialerZusammenhalt","stand":"Laufend"},"geometry":{{{Katernberg}}}}
            ]}
            """);

        using var bad = await office.UploadAsync("/geschaeftsstelle/programmgebiete/import", "Upload", projected, "gebiete.geojson", "application/geo+json");
        Assert.Contains("Gebiet 1:", (await bad.ParseAsync()).QuerySelector(".import-errors")?.TextContent, StringComparison.Ordinal);
        Assert.Contains("EPSG::25832 wird nicht unterstützt", (await bad.ParseAsync()).QuerySelector(".import-errors")?.TextContent, StringComparison.Ordinal);
        using var ok = await office.UploadAsync("/geschaeftsstelle/programmgebiete/import", "Upload", good, "gebiete.geojson", "application/geo+json");

        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var areas = await AreasAsync(marker);
        Assert.Equal(2, areas.Count);
        Assert.Equal(UrbanDevelopmentProgramme.LebendigeZentren, areas.Single(a => a.Name.StartsWith("Schalke", StringComparison.Ordinal)).Programme);
        Assert.Equal(126.5m, areas.Single(a => a.Name.StartsWith("Katernberg", StringComparison.Ordinal)).SizeHectares);
    }

    [Fact]
    public async Task The_export_in_every_format_holds_the_areas_and_its_csv_imports_again_without_changes()
    {
        var marker = Marker();
        var topic = await TopicSlugAsync();
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        using (var imported = await office.UploadAsync("/geschaeftsstelle/programmgebiete/import", "Upload", Csv(
            $"{Essen};Essen;Katernberg {marker};Sozialer Zusammenhalt;Laufend;2008;2030;126,5;14000;=HYPERLINK(\"x\");;;{topic};{Quote(Katernberg)}",
            $"{Gelsenkirchen};Gelsenkirchen;Schalke {marker};Lebendige Zentren;Laufend;;;;;;51,5283;7,0836;;"), "gebiete.csv", "text/csv"))
        {
            Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);
        }

        var csv = await office.GetByteArrayAsync(new Uri("/geschaeftsstelle/programmgebiete/export?format=csv", UriKind.Relative), Ct);
        var xlsx = await office.GetByteArrayAsync(new Uri("/geschaeftsstelle/programmgebiete/export?format=xlsx", UriKind.Relative), Ct);
        var geojson = await office.GetByteArrayAsync(new Uri($"/geschaeftsstelle/programmgebiete/export?format=geojson&ags={Essen}", UriKind.Relative), Ct);

        var csvRows = ReadCsv(csv).Where(r => r["name"].EndsWith(marker, StringComparison.Ordinal)).ToList();
        Assert.Equal(2, csvRows.Count);
        var katernberg = csvRows.Single(r => r["name"].StartsWith("Katernberg", StringComparison.Ordinal));
        Assert.Equal("126,5", katernberg["groesse_ha"]);
        Assert.Equal(topic, katernberg["themen"]);
        Assert.Equal("'=HYPERLINK(\"x\")", katernberg["beschreibung"]);
        Assert.Contains("Polygon", katernberg["grenze_geojson"], StringComparison.Ordinal);
        using var stream = new MemoryStream(xlsx);
        var sheet = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Contains(sheet, r => Equals(r["name"], $"Schalke {marker}") && Equals(r["programm"], "Lebendige Zentren"));
        Assert.DoesNotContain("grenze_geojson", sheet[0].Keys);
        using var features = JsonDocument.Parse(geojson);
        var names = features.RootElement.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("properties").GetProperty("name").GetString()).ToList();
        Assert.Contains($"Katernberg {marker}", names);
        Assert.DoesNotContain($"Schalke {marker}", names);

        // The description was escaped for spreadsheets; restore it so the round trip compares like with like.
        var reimport = Encoding.UTF8.GetString(csv).Replace("'=HYPERLINK", "=HYPERLINK", StringComparison.Ordinal);
        using var again = await office.UploadAsync("/geschaeftsstelle/programmgebiete/import", "Upload", Encoding.UTF8.GetBytes(reimport), "export.csv", "text/csv");
        var result = await office.GetDocumentAsync(again.Headers.Location!.OriginalString);
        Assert.Equal("Import abgeschlossen: 0 Gebiete neu angelegt, 0 geändert.", result.QuerySelector("[role=status] h2")?.TextContent);
    }

    [Theory]
    [InlineData("pdf")]
    [InlineData("")]
    public async Task An_unknown_export_format_is_a_bad_request(string format)
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);

        using var response = await office.GetAsync(new Uri($"/geschaeftsstelle/programmgebiete/export?format={format}", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private static byte[] Csv(params string[] lines) =>
        [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Header + "\r\n" + string.Join("\r\n", lines) + "\r\n")];

    private static string Quote(string value) => "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static List<Dictionary<string, string>> ReadCsv(byte[] content)
    {
        using var csv = CsvReader.Create(content, new CsvReaderOptions { HasHeader = true });
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read())
        {
            var headers = csv.Headers.ToArray();
            rows.Add(headers.Select((h, i) => (h, v: csv.GetString(i))).ToDictionary(p => p.h, p => p.v));
        }

        return rows;
    }

    private async Task<List<ProgrammeArea>> AreasAsync(string marker)
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        var all = await db.Set<ProgrammeArea>().AsNoTracking().ToListAsync(Ct);
        return all.Where(a => a.Name.EndsWith(marker, StringComparison.Ordinal)).ToList();
    }

    private async Task<List<string>> TopicsOfAsync(Guid areaId)
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        var key = areaId.ToString();
        return await db.Set<TopicAssignment>().Where(a => a.ItemKind == TopicKinds.ProgrammeArea && a.ItemKey == key)
            .Join(db.Set<Topic>(), a => a.TopicId, t => t.Id, (_, t) => t.Slug).ToListAsync(Ct);
    }

    private async Task<string> TopicSlugAsync()
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        return await db.Set<Topic>().Where(t => t.Status == TopicStatus.Active).OrderBy(t => t.SortKey).Select(t => t.Slug).FirstAsync(Ct);
    }

    private static string Marker() => Guid.NewGuid().ToString("N")[..8];
}
