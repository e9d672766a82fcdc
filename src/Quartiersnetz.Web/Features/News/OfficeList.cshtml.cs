using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Shared;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Paging;

namespace Quartiersnetz.Features.News;

[Authorize(Policy = Policies.Office)]
internal sealed class OfficeListModel(QuartiersnetzDbContext db, TimeProvider clock) : PageModel
{
    private const int PageSize = 25;

    [BindProperty(SupportsGet = true, Name = "seite")]
    public int? PageNumber { get; set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public DateTime NowUtc { get; private set; }

    public PagedResult<OfficeNewsRow> Result { get; private set; } = new([], 1, PageSize, 0);

    public PagerModel Pager => new(Result.Page, Result.TotalPages, OfficeNews.Path, new Dictionary<string, string?>());

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        NowUtc = clock.GetUtcNow().UtcDateTime;
        Result = await OfficeNews.PageAsync(db, NowUtc, PageRequest.Lenient(PageNumber, PageSize, PageSize), cancellationToken);
    }
}
