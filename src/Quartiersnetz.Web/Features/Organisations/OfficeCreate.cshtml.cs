using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Localization;

namespace Quartiersnetz.Features.Organisations;

[Authorize(Policy = Policies.Office)]
internal sealed class OfficeCreateModel(QuartiersnetzDbContext db, AuditLog audit, IStringLocalizer<Texts> l) : PageModel
{
    [BindProperty]
    public SaveOrganisation.Input Input { get; set; } = new();

    public IReadOnlyList<MunicipalityOption> Municipalities { get; private set; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Municipalities = await OrganisationFormModel.MunicipalitiesAsync(db, cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var (result, id) = await SaveOrganisation.CreateAsync(db, audit, AuditActor.From(User), Input, cancellationToken);
            if (result == SaveOrganisation.Result.Saved)
            {
                StatusMessage = l["Die Organisation wurde angelegt."];
                return Redirect($"{OfficeListModel.Path}/{id}");
            }

            var (field, message) = SaveOrganisation.Error(result);
            ModelState.AddModelError("Input." + field, l[message]);
        }

        Municipalities = await OrganisationFormModel.MunicipalitiesAsync(db, cancellationToken);
        return Page();
    }
}
