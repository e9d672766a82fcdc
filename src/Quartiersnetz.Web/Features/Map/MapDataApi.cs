using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Caching;
using Quartiersnetz.Platform.Localization;

namespace Quartiersnetz.Features.Map;

/// <summary>
/// The data behind the map: the programme areas the filter selects, and the municipalities' boundaries. Public
/// data only (areas and reference data have nothing member-only); not part of /api/v1, which has its own
/// programme-area endpoints.
/// </summary>
internal static class MapDataApi
{
    public const string AreasPath = "/karte/gebiete.geojson";
    public const string MunicipalitiesPath = "/karte/gemeinden.geojson";

    public static IEndpointRouteBuilder MapMapData(this IEndpointRouteBuilder app)
    {
        app.MapGet(AreasPath, AreasAsync).AllowAnonymous().CacheOutput(PublicPageCache.PolicyName).ExcludeFromDescription();
        app.MapGet(MunicipalitiesPath, MunicipalitiesAsync).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> AreasAsync(
        [FromQuery(Name = MapFilterInput.ProgrammeParameter)] string? programme,
        [FromQuery(Name = MapFilterInput.TopicParameter)] string? topic,
        [FromQuery(Name = MapFilterInput.RegionParameter)] string? region,
        [FromQuery(Name = MapBox.Parameter)] string? bbox,
        QuartiersnetzDbContext db,
        IStringLocalizer<Texts> l,
        CancellationToken cancellationToken)
    {
        var regions = await ResolveMapFilter.RegionsAsync(db, cancellationToken);
        var filter = await ResolveMapFilter.HandleAsync(db, new MapFilterInput(programme, topic, region), regions, l, cancellationToken);
        var errors = filter.Errors.ToDictionary(e => e.Key, e => new[] { e.Value }, StringComparer.Ordinal);
        var (box, boxError) = bbox is null ? (null, null) : MapBox.Parse(bbox);
        if (boxError is not null)
        {
            errors[MapBox.Parameter] = [l[boxError]];
        }

        if (errors.Count > 0)
        {
            // A script asks here; unlike the page, it gets no silently wider answer but the reason.
            return TypedResults.ValidationProblem(errors, detail: l["Bitte korrigieren Sie die genannten Parameter."]);
        }

        var body = MapGeoJson.Areas(await ListMapAreas.FeaturesAsync(db, filter, box, cancellationToken));
        // Areas change whenever the office edits one: browsers ask again each time, and get 304 when nothing changed.
        return new GeoJsonResult(body, MapGeoJson.ETagOf(body), "public, no-cache", null, null);
    }

    private static async Task<IResult> MunicipalitiesAsync([FromQuery(Name = "v")] string? version, MunicipalityBoundaries boundaries)
    {
        var snapshot = await boundaries.GetAsync();
        // The page links the current version; such a link may be kept for good. Without it, for a day.
        var cacheControl = version == snapshot.Version ? "public, max-age=31536000, immutable" : "public, max-age=86400";
        return new GeoJsonResult(snapshot.Body, snapshot.ETag, cacheControl, snapshot.Brotli, snapshot.Gzip);
    }

    private sealed class GeoJsonResult(byte[] body, string etag, string cacheControl, byte[]? brotli, byte[]? gzip) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext) => MapGeoJson.WriteAsync(httpContext, body, etag, cacheControl, brotli, gzip);
    }
}
