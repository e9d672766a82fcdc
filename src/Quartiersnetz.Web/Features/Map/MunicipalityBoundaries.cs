using System.IO.Compression;
using Quartiersnetz.Data;
using Quartiersnetz.Data.Reference;

namespace Quartiersnetz.Features.Map;

/// <summary>
/// The boundaries of all NRW municipalities as one GeoJSON document, built once per process: the reference data
/// change only with a deploy (they are imported at start), so every request can share the same bytes, and the
/// page can link them with a version that browsers may keep for a year.
/// </summary>
internal sealed class MunicipalityBoundaries(IServiceScopeFactory scopes)
{
    private Task<Snapshot>? _loading;

    internal sealed record Snapshot(byte[] Body, byte[] Brotli, byte[] Gzip, string ETag)
    {
        /// <summary>The ETag without quotes, for the page's link (?v=…).</summary>
        public string Version => ETag.Trim('"');
    }

    public Task<Snapshot> GetAsync()
    {
        var current = Volatile.Read(ref _loading);
        if (current is null || current.IsFaulted || current.IsCanceled)
        {
            // Two first requests at once may both load; both get the same bytes, so that is harmless.
            var fresh = LoadAsync();
            Interlocked.CompareExchange(ref _loading, fresh, current);
            current = Volatile.Read(ref _loading)!;
        }

        return current;
    }

    /// <summary>
    /// Brotli at quality 9: within a few per cent of the smallest size (quality 11), but about ten times faster, so the
    /// first visitor of the map after a start does not wait seconds for it.
    /// </summary>
    private static byte[] Brotli(byte[] body)
    {
        var buffer = new byte[BrotliEncoder.GetMaxCompressedLength(body.Length)];
        return BrotliEncoder.TryCompress(body, buffer, out var written, quality: 9, window: 22)
            ? buffer[..written]
            : MapGeoJson.Compress(body, s => new BrotliStream(s, CompressionLevel.Optimal));
    }

    private async Task<Snapshot> LoadAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        // Not tied to one request's cancellation: the result serves every later request.
        var rows = await db.Set<Municipality>().AsNoTracking()
            .OrderBy(m => m.Ags)
            .Select(m => new { m.Ags, m.Name, m.BoundaryGeoJson })
            .ToListAsync(CancellationToken.None);
        var body = MapGeoJson.Municipalities(rows.Select(r => (r.Ags, r.Name, r.BoundaryGeoJson)));
        return new Snapshot(
            body,
            Brotli(body),
            MapGeoJson.Compress(body, s => new GZipStream(s, CompressionLevel.SmallestSize)),
            MapGeoJson.ETagOf(body));
    }
}
