using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Shared;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Paging;

namespace Quartiersnetz.Features.Projects;

/// <summary>A member's own project proposals with their review state, newest change first.</summary>
[Authorize(Policy = Policies.Member)]
internal sealed class MineModel(QuartiersnetzDbContext db) : PageModel
{
    public const string Path = "/praxisprojekte/meine";

    private const int PageSize = 20;

    [BindProperty(SupportsGet = true, Name = "seite")]
    public int? PageNumber { get; set; }

    [TempData(Key = "ProjectMessage")]
    public string? StatusMessage { get; set; }

    public PagedResult<ProjectQueueItem> Result { get; private set; } = new([], 1, PageSize, 0);

    public PagerModel Pager => new(Result.Page, Result.TotalPages, Path, new Dictionary<string, string?>());

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (User.AccountId() is { } me)
        {
            Result = await ListProjects.OfProposerAsync(db, me, PageRequest.Lenient(PageNumber, PageSize, PageSize), cancellationToken);
        }
    }
}
