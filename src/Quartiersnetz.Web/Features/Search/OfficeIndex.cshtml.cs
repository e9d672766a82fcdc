using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Search;

namespace Quartiersnetz.Features.Search;

/// <summary>
/// The office's maintenance view of the search index: how many documents and waiting changes there are, and the command
/// that rebuilds the whole index (after changes written outside EF, e.g. bulk imports with raw SQL).
/// </summary>
[Authorize(Policy = Policies.Office)]
internal sealed class OfficeIndexModel(QuartiersnetzDbContext db, SearchIndexer indexer, AuditLog audit, SearchIndexSignal signal) : PageModel
{
    public int Documents { get; private set; }

    public int Waiting { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Documents = await db.Set<SearchDocument>().CountAsync(cancellationToken);
        Waiting = await db.Set<SearchIndexPending>().CountAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        audit.Record(AuditActor.From(User), "search.rebuild-requested", "SearchIndex", null, "Suchindex");
        await indexer.RequestRebuildAsync(cancellationToken);
        signal.Notify();
        StatusMessage = "Der Suchindex wird neu aufgebaut. Bis er fertig ist, fehlen einzelne Treffer.";
        return RedirectToPage();
    }
}
