using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Shared;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Paging;

namespace Quartiersnetz.Features.Library;

/// <summary>The office's list of all publications, drafts first.</summary>
[Authorize(Policy = Policies.Office)]
internal sealed class OfficeListModel(QuartiersnetzDbContext db) : PageModel
{
    private const int PageSize = 25;

    [BindProperty(SupportsGet = true, Name = "seite")]
    public int? PageNumber { get; set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public PagedResult<OfficePublicationRow> Result { get; private set; } = new([], 1, PageSize, 0);

    public PagerModel Pager => new(Result.Page, Result.TotalPages, OfficeLibrary.Path, new Dictionary<string, string?>());

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Result = await OfficeLibrary.PageAsync(db, PageRequest.Lenient(PageNumber, PageSize, PageSize), cancellationToken);
}
