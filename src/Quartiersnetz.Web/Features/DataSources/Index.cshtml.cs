using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Quartiersnetz.Data;
using Quartiersnetz.Data.Reference;

namespace Quartiersnetz.Features.DataSources;

internal sealed record ImportState(string Source, DateTime ImportedAtUtc, int RowCount);

/// <summary>The attribution every licence of the bundled open data requires (dl-de/by-2-0: provider, licence, dataset, "changed").</summary>
[AllowAnonymous]
internal sealed class IndexModel(QuartiersnetzDbContext db) : PageModel
{
    public IReadOnlyDictionary<string, ImportState> Imports { get; private set; } = new Dictionary<string, ImportState>();

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Imports = await db.Set<ReferenceDataImport>().AsNoTracking()
            .Select(i => new ImportState(i.Source, i.ImportedAtUtc, i.RowCount))
            .ToDictionaryAsync(i => i.Source, cancellationToken);
}
