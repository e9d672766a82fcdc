using System.Buffers;
using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Features.ProgrammeAreas;

namespace Quartiersnetz.Features.Map;

/// <summary>
/// Writes the map's GeoJSON by hand: compact, geometries copied as stored (already simplified), so 1,200 areas
/// stay small and nothing is parsed and re-serialised per request.
/// </summary>
internal static class MapGeoJson
{
    public const string ContentType = "application/geo+json; charset=utf-8";

    private static readonly JsonWriterOptions Options = new()
    {
        // Umlauts as they are (shorter and readable); characters that matter in HTML are still escaped.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        Indented = false,
    };

    private static readonly JsonSerializerOptions LabelOptions = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    /// <summary>
    /// The areas as the map needs them and no more: name and municipality key for the marker and the popup, programme
    /// and status as numeric codes the page translates (<see cref="Labels"/>). The link and the municipality's name are built in
    /// the browser from the id and the municipalities' layer, which keeps 1,200 areas well under 500 KB.
    /// </summary>
    public static byte[] Areas(IReadOnlyList<MapAreaFeature> areas)
    {
        var buffer = new ArrayBufferWriter<byte>(areas.Count * 400 + 64);
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteString("type", "FeatureCollection");
            json.WriteStartArray("features");
            foreach (var area in areas)
            {
                json.WriteStartObject();
                json.WriteString("type", "Feature");
                json.WriteString("id", area.Id);
                json.WriteStartObject("properties");
                json.WriteString("name", area.Name);
                json.WriteString("ags", area.MunicipalityAgs);
                json.WriteNumber("programme", (int)area.Programme);
                json.WriteNumber("status", (int)area.Status);
                json.WriteEndObject();
                json.WritePropertyName("geometry");
                if (!TryWriteRaw(json, area.MapGeoJson))
                {
                    WritePoint(json, area.Longitude, area.Latitude);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The German labels of the codes in <see cref="Areas"/>, as JSON for the map's data attribute.</summary>
    public static string Labels(IStringLocalizer l) => JsonSerializer.Serialize(
        new
        {
            programme = Enum.GetValues<UrbanDevelopmentProgramme>().ToDictionary(v => ((int)v).ToString(CultureInfo.InvariantCulture), v => l[ProgrammeAreaLabels.Label(v)].Value),
            status = Enum.GetValues<ProgrammeAreaStatus>().ToDictionary(v => ((int)v).ToString(CultureInfo.InvariantCulture), v => l[ProgrammeAreaLabels.Label(v)].Value),
        },
        LabelOptions);

    public static byte[] Municipalities(IEnumerable<(string Ags, string Name, string? Boundary)> municipalities)
    {
        var buffer = new ArrayBufferWriter<byte>(400_000);
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteString("type", "FeatureCollection");
            json.WriteStartArray("features");
            foreach (var (ags, name, boundary) in municipalities)
            {
                json.WriteStartObject();
                json.WriteString("type", "Feature");
                json.WriteString("id", ags);
                json.WriteStartObject("properties");
                json.WriteString("ags", ags);
                json.WriteString("name", name);
                json.WriteEndObject();
                json.WritePropertyName("geometry");
                if (!TryWriteRaw(json, boundary))
                {
                    json.WriteNullValue();
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>A quoted, content-derived entity tag.</summary>
    public static string ETagOf(byte[] body) => "\"" + Convert.ToHexStringLower(SHA256.HashData(body))[..32] + "\"";

    /// <summary>
    /// Sends a JSON body, compressed when the browser accepts it: the coordinates are most of it and shrink to about a
    /// third. The data are public, so compressing them reveals nothing (no secret shares a response with them).
    /// </summary>
    public static async Task WriteAsync(HttpContext context, byte[] body, string etag, string cacheControl, byte[]? brotli = null, byte[]? gzip = null)
    {
        var response = context.Response;
        response.Headers.ETag = etag;
        response.Headers.CacheControl = cacheControl;
        response.Headers.Vary = "Accept-Encoding";
        if (context.Request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Any(t => t.Trim() == etag || t.Trim() == "*")))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        response.ContentType = ContentType;
        var accepted = context.Request.Headers.AcceptEncoding.ToString();
        byte[] payload = body;
        if (Accepts(accepted, "br"))
        {
            payload = brotli ?? Compress(body, s => new BrotliStream(s, CompressionLevel.Fastest));
            response.Headers.ContentEncoding = "br";
        }
        else if (Accepts(accepted, "gzip"))
        {
            payload = gzip ?? Compress(body, s => new GZipStream(s, CompressionLevel.Fastest));
            response.Headers.ContentEncoding = "gzip";
        }

        response.ContentLength = payload.Length;
        await response.Body.WriteAsync(payload, context.RequestAborted);
    }

    public static byte[] Compress(byte[] body, Func<Stream, Stream> compressor)
    {
        using var output = new MemoryStream();
        using (var stream = compressor(output))
        {
            stream.Write(body);
        }

        return output.ToArray();
    }

    private static bool Accepts(string acceptEncoding, string coding) =>
        acceptEncoding.Split(',').Select(p => p.Split(';')).Any(p =>
            p[0].Trim().Equals(coding, StringComparison.OrdinalIgnoreCase)
            && !p.Skip(1).Any(q => q.Trim().Replace(" ", "", StringComparison.Ordinal) is "q=0" or "q=0.0" or "q=0.00" or "q=0.000"));

    /// <summary>Copies a stored geometry; a value that is not JSON (it should never be) is left out rather than breaking the response.</summary>
    private static bool TryWriteRaw(Utf8JsonWriter json, string? geometry)
    {
        if (string.IsNullOrWhiteSpace(geometry))
        {
            return false;
        }

        try
        {
            json.WriteRawValue(geometry, skipInputValidation: false);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static void WritePoint(Utf8JsonWriter json, double longitude, double latitude)
    {
        json.WriteStartObject();
        json.WriteString("type", "Point");
        json.WriteStartArray("coordinates");
        json.WriteNumberValue(Math.Round(longitude, 6));
        json.WriteNumberValue(Math.Round(latitude, 6));
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
