using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Shared;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Paging;

namespace Quartiersnetz.Features.Studies;

/// <summary>The office's list of all commissioned studies, drafts first, with how many reports are out.</summary>
[Authorize(Policy = Policies.Office)]
internal sealed class OfficeListModel(QuartiersnetzDbContext db) : PageModel
{
    public const string Path = "/geschaeftsstelle/studien";

    private const int PageSize = 25;

    [BindProperty(SupportsGet = true, Name = "seite")]
    public int? PageNumber { get; set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public PagedResult<StudySummary> Result { get; private set; } = new([], 1, PageSize, 0);

    public PagerModel Pager => new(Result.Page, Result.TotalPages, Path, new Dictionary<string, string?>());

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Result = await ListStudies.ForOfficeAsync(db, PageRequest.Lenient(PageNumber, PageSize, PageSize), cancellationToken);
}
