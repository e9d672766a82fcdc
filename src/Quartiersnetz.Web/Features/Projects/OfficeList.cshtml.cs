using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Shared;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Paging;

namespace Quartiersnetz.Features.Projects;

/// <summary>The office's review queue: proposals waiting for review first (longest waiting first), then all others.</summary>
[Authorize(Policy = Policies.Office)]
internal sealed class OfficeListModel(QuartiersnetzDbContext db) : PageModel
{
    public const string Path = "/geschaeftsstelle/praxisprojekte";

    private const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "stand")]
    public string? State { get; set; }

    [BindProperty(SupportsGet = true, Name = "seite")]
    public int? PageNumber { get; set; }

    [TempData(Key = "ProjectMessage")]
    public string? StatusMessage { get; set; }

    public PagedResult<ProjectQueueItem> Result { get; private set; } = new([], 1, PageSize, 0);

    public PagerModel Pager => new(Result.Page, Result.TotalPages, Path, new Dictionary<string, string?> { ["stand"] = State });

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var state = ProjectLabels.Parse<ProjectReviewState>(State);
        State = state?.ToString();
        Result = await ListProjects.ForOfficeAsync(db, state, PageRequest.Lenient(PageNumber, PageSize, PageSize), cancellationToken);
    }
}
