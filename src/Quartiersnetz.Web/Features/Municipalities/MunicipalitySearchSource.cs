using Quartiersnetz.Data;
using Quartiersnetz.Data.Reference;
using Quartiersnetz.Platform.Search;

namespace Quartiersnetz.Features.Municipalities;

/// <summary>The 396 municipalities of NRW in the search (public reference data).</summary>
internal sealed class MunicipalitySearchSource : ISearchSource
{
    public string Kind => "municipality";

    public string Label => "Kommunen";

    public int Order => 20;

    public IReadOnlyCollection<Type> EntityTypes { get; } = [typeof(Municipality)];

    public IEnumerable<string> KeysOf(object entity) => entity is Municipality m ? [m.Ags] : [];

    public async Task<IReadOnlyList<SearchDocumentDraft>> BuildAsync(QuartiersnetzDbContext db, IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        var list = keys.ToList();
        var rows = await db.Set<Municipality>().AsNoTracking()
            .Where(m => list.Contains(m.Ags))
            .Select(m => new { m.Ags, m.Name, m.Type, m.PostalCode, District = m.District!.Name, m.District.RegionName })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(m => new SearchDocumentDraft(m.Ags, m.Name, $"/gemeinden/{m.Ags}",
            $"{m.Type}, {m.District}, Regierungsbezirk {m.RegionName}, {m.PostalCode}")
        {
            Subtype = m.Type,
            MunicipalityAgs = m.Ags,
        })];
    }

    public async Task<IReadOnlyList<string>> KeysAsync(QuartiersnetzDbContext db, int page, int pageSize, CancellationToken cancellationToken) =>
        await db.Set<Municipality>().AsNoTracking().OrderBy(m => m.Ags).Skip(page * pageSize).Take(pageSize).Select(m => m.Ags).ToListAsync(cancellationToken);
}
