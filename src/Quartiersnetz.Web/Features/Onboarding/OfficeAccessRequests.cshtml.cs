using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Shared;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Paging;

namespace Quartiersnetz.Features.Onboarding;

internal sealed record AccessRequestRow(Guid Id, string Name, string Email, string Affiliation, string FunctionTitle, DateTime SubmittedAtUtc, AccessRequestStatus Status);

/// <summary>Access requests for the office: pending ones first, the newest first within each group.</summary>
[Authorize(Policy = Policies.Office)]
internal sealed class OfficeAccessRequestsModel(QuartiersnetzDbContext db) : PageModel
{
    private const int PageSize = 25;

    [BindProperty(SupportsGet = true, Name = "seite")]
    public int? PageNumber { get; set; }

    public PagedResult<AccessRequestRow> Result { get; private set; } = new([], 1, PageSize, 0);

    public PagerModel Pager => new(Result.Page, Result.TotalPages, "/geschaeftsstelle/zugangsantraege", new Dictionary<string, string?>());

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Result = await db.Set<AccessRequest>().AsNoTracking()
            .OrderBy(r => r.Status != AccessRequestStatus.Pending).ThenByDescending(r => r.SubmittedAtUtc)
            .Select(r => new AccessRequestRow(r.Id, r.Name, r.Email, r.Affiliation, r.FunctionTitle, r.SubmittedAtUtc, r.Status))
            .ToPageAsync(PageRequest.Lenient(PageNumber, PageSize, PageSize), cancellationToken);
}
