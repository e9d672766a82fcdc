using Quartiersnetz.Data;
using Quartiersnetz.Platform.Search;

namespace Quartiersnetz.Features.EditorialPages;

/// <summary>
/// Editorial pages in the search. Whether the public may find a page depends on the pages above it too (a page under a
/// withdrawn page is not public), so any change of a page rebuilds all page documents: the tree is a few dozen pages.
/// Unpublished pages are found by the office only; texts of fixed pages are found on their fixed page, not here.
/// </summary>
internal sealed class PageSearchSource : ISearchSource
{
    public string Kind => "page";

    public string Label => "Seiten";

    public int Order => 7;

    public IReadOnlyCollection<Type> EntityTypes { get; } = [typeof(EditorialPage)];

    public IEnumerable<string> KeysOf(object entity) => entity is EditorialPage ? [SearchIndexPending.AllKeys] : [];

    public async Task<IReadOnlyList<SearchDocumentDraft>> BuildAsync(QuartiersnetzDbContext db, IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        var ids = keys.Select(k => Guid.TryParse(k, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).ToList();
        var tree = await PageTree.LoadAsync(db, cancellationToken);
        var rows = await db.Set<EditorialPage>().AsNoTracking()
            .Where(p => ids.Contains(p.Id) && p.SystemKey == null)
            .Select(p => new { p.Id, p.Title, p.Description, p.Body, p.UpdatedUtc })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(p =>
        {
            var isPublic = tree.IsPublic(p.Id);
            var body = string.Join("\n", new[] { p.Description, p.Body }.Where(x => !string.IsNullOrWhiteSpace(x)));
            return new SearchDocumentDraft(p.Id.ToString(), p.Title, tree.UrlOf(p.Id), body)
            {
                MinAudience = isPublic ? SearchAudience.Public : SearchAudience.Office,
                Subtype = isPublic ? "Seite" : "Seite (Entwurf)",
            };
        })];
    }

    public async Task<IReadOnlyList<string>> KeysAsync(QuartiersnetzDbContext db, int page, int pageSize, CancellationToken cancellationToken) =>
        [.. (await db.Set<EditorialPage>().AsNoTracking().Where(p => p.SystemKey == null).OrderBy(p => p.Id)
            .Skip(page * pageSize).Take(pageSize).Select(p => p.Id).ToListAsync(cancellationToken)).Select(id => id.ToString())];
}
