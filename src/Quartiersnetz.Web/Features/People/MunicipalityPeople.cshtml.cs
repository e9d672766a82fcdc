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

namespace Quartiersnetz.Features.People;

/// <summary>A Kommunale Koordination sees the people of their own municipality and may deactivate staff and district partners.</summary>
[Authorize(Policy = Policies.ManageOwnMunicipality)]
internal sealed class MunicipalityPeopleModel(QuartiersnetzDbContext db, AuditLog audit, IStringLocalizer<Texts> l) : PageModel
{
    public const string Path = "/meine-kommune/personen";
    private const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "seite")]
    public int? PageNumber { get; set; }

    public string? MunicipalityName { get; private set; }

    public PagedResult<PersonRow> Result { get; private set; } = new([], 1, PageSize, 0);

    public PagerModel Pager => new(Result.Page, Result.TotalPages, Path, new Dictionary<string, string?>());

    [TempData]
    public string? StatusMessage { get; set; }

    public PeopleScope Scope => PeopleScope.Municipality(User.Municipality());

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var ags = User.Municipality();
        if (ags is null)
        {
            return;
        }

        MunicipalityName = await db.Set<Municipality>().AsNoTracking().Where(m => m.Ags == ags).Select(m => m.Name).SingleOrDefaultAsync(cancellationToken);
        Result = await ListPeople.HandleAsync(db, new ListPeople.Filter(null, null, ags), PageRequest.Lenient(PageNumber, PageSize, PageSize), cancellationToken);
    }

    public Task<IActionResult> OnPostDeactivateAsync(Guid id, CancellationToken cancellationToken) => SetActiveAsync(id, false, cancellationToken);

    public Task<IActionResult> OnPostReactivateAsync(Guid id, CancellationToken cancellationToken) => SetActiveAsync(id, true, cancellationToken);

    private async Task<IActionResult> SetActiveAsync(Guid id, bool active, CancellationToken cancellationToken)
    {
        var result = await AccountActivation.HandleAsync(db, audit, AuditActor.From(User), Scope, id, active, cancellationToken);
        switch (result)
        {
            case AccountActivation.Result.NotFound:
                return NotFound();
            case AccountActivation.Result.Forbidden:
            case AccountActivation.Result.OwnAccount:
                return Forbid();
            default:
                StatusMessage = active ? l["Der Zugang ist wieder aktiv."] : l["Der Zugang ist deaktiviert. Die Person kann sich nicht mehr anmelden und keine Zugangstoken nutzen."];
                return Redirect(Path);
        }
    }
}
