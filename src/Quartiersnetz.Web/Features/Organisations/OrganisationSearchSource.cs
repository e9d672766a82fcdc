using Quartiersnetz.Data;
using Quartiersnetz.Platform.Search;

namespace Quartiersnetz.Features.Organisations;

/// <summary>Organisations in the search (public, as on /organisationen).</summary>
internal sealed class OrganisationSearchSource : ISearchSource
{
    public string Kind => "organisation";

    public string Label => "Organisationen";

    public int Order => 30;

    public IReadOnlyCollection<Type> EntityTypes { get; } = [typeof(Organisation)];

    public IEnumerable<string> KeysOf(object entity) => entity is Organisation o ? [o.Id.ToString()] : [];

    public async Task<IReadOnlyList<SearchDocumentDraft>> BuildAsync(QuartiersnetzDbContext db, IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        var ids = keys.Select(k => Guid.TryParse(k, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).ToList();
        var rows = await db.Set<Organisation>().AsNoTracking()
            .Where(o => ids.Contains(o.Id))
            .Select(o => new { o.Id, o.Name, o.Type, o.AddressLine1, o.AddressLine2, o.PostalCode, o.City, o.MunicipalityAgs })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(o => new SearchDocumentDraft(o.Id.ToString(), o.Name, $"/organisationen/{o.Id}",
            string.Join("\n", new[] { OrganisationTypes.Label(o.Type), o.AddressLine1, o.AddressLine2, $"{o.PostalCode} {o.City}".Trim() }.Where(x => !string.IsNullOrWhiteSpace(x))))
        {
            Subtype = OrganisationTypes.Label(o.Type),
            MunicipalityAgs = o.MunicipalityAgs,
        })];
    }

    public async Task<IReadOnlyList<string>> KeysAsync(QuartiersnetzDbContext db, int page, int pageSize, CancellationToken cancellationToken) =>
        [.. (await db.Set<Organisation>().AsNoTracking().OrderBy(o => o.Id).Skip(page * pageSize).Take(pageSize).Select(o => o.Id).ToListAsync(cancellationToken)).Select(id => id.ToString())];
}
