using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Data.Reference;
using Quartiersnetz.Features.Shared;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Localization;
using Quartiersnetz.Platform.Paging;

namespace Quartiersnetz.Features.Municipalities;

internal sealed record MembershipRow(string Ags, string Name, DateOnly MemberSince, DateOnly? LeftOn, string? ContactName);

internal sealed record MunicipalityChoice(string Ags, string Name);

/// <summary>The office's list of member municipalities, with the form to add one.</summary>
[Authorize(Policy = Policies.Office)]
internal sealed class OfficeMembershipsModel(QuartiersnetzDbContext db, AuditLog audit, IStringLocalizer<Texts> l) : PageModel
{
    public const string Path = "/geschaeftsstelle/mitgliedskommunen";
    private const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "seite")]
    public int? PageNumber { get; set; }

    [BindProperty]
    public ManageMembership.Input Input { get; set; } = new();

    public PagedResult<MembershipRow> Result { get; private set; } = new([], 1, PageSize, 0);

    public IReadOnlyList<MunicipalityChoice> Municipalities { get; private set; } = [];

    public PagerModel Pager => new(Result.Page, Result.TotalPages, Path, new Dictionary<string, string?>());

    [TempData]
    public string? StatusMessage { get; set; }

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var result = await ManageMembership.AddAsync(db, audit, AuditActor.From(User), Input, cancellationToken);
            if (result == ManageMembership.Result.Saved)
            {
                StatusMessage = l["Die Mitgliedschaft wurde angelegt."];
                return Redirect(Path);
            }

            var (field, message) = ManageMembership.Error(result);
            ModelState.AddModelError("Input." + field, l[message]);
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Municipalities = await db.Set<Municipality>().AsNoTracking()
            .OrderBy(m => m.SortKey).ThenBy(m => m.Ags)
            .Select(m => new MunicipalityChoice(m.Ags, m.Name))
            .ToListAsync(cancellationToken);
        Result = await db.Set<NetworkMembership>().AsNoTracking()
            .Join(db.Set<Municipality>(), n => n.MunicipalityAgs, m => m.Ags, (n, m) => new { n, m })
            .OrderBy(x => x.m.SortKey).ThenBy(x => x.m.Ags)
            .Select(x => new MembershipRow(
                x.n.MunicipalityAgs, x.m.Name, x.n.MemberSince, x.n.LeftOn,
                db.Users.Where(u => u.Id == x.n.ContactPersonId).Select(u => u.DisplayName).FirstOrDefault()))
            .ToPageAsync(PageRequest.Lenient(PageNumber, PageSize, PageSize), cancellationToken);
    }
}
