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
internal sealed class OfficeEditModel(QuartiersnetzDbContext db, AuditLog audit, IStringLocalizer<Texts> l) : PageModel
{
    [BindProperty]
    public SaveOrganisation.Input Input { get; set; } = new();

    public string CurrentName { get; private set; } = "";

    public int LinkedPeople { get; private set; }

    public IReadOnlyList<MunicipalityOption> Municipalities { get; private set; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var details = await ListOrganisations.DetailsAsync(db, id, cancellationToken);
        if (details is null)
        {
            return NotFound();
        }

        Input = new SaveOrganisation.Input
        {
            Name = details.Name, Type = details.Type, AddressLine1 = details.AddressLine1, AddressLine2 = details.AddressLine2,
            PostalCode = details.PostalCode, City = details.City, Website = details.Website, MunicipalityAgs = details.MunicipalityAgs,
        };
        await LoadAsync(id, details.Name, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var result = await SaveOrganisation.UpdateAsync(db, audit, AuditActor.From(User), id, Input, cancellationToken);
            switch (result)
            {
                case SaveOrganisation.Result.NotFound:
                    return NotFound();
                case SaveOrganisation.Result.Saved:
                case SaveOrganisation.Result.Unchanged:
                    StatusMessage = result == SaveOrganisation.Result.Saved ? l["Die Änderungen wurden gespeichert."] : l["Es gab nichts zu ändern."];
                    return Redirect($"{OfficeListModel.Path}/{id}");
                default:
                    var (field, message) = SaveOrganisation.Error(result);
                    ModelState.AddModelError("Input." + field, l[message]);
                    break;
            }
        }

        return await ReloadAsync(id, cancellationToken);
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        var result = await SaveOrganisation.DeleteAsync(db, audit, AuditActor.From(User), id, cancellationToken);
        switch (result)
        {
            case SaveOrganisation.Result.NotFound:
                return NotFound();
            case SaveOrganisation.Result.Saved:
                StatusMessage = l["Die Organisation wurde gelöscht."];
                return Redirect(OfficeListModel.Path);
            default:
                ModelState.AddModelError(string.Empty, l[SaveOrganisation.Error(result).Message]);
                var details = await ListOrganisations.DetailsAsync(db, id, cancellationToken);
                Input = new SaveOrganisation.Input
                {
                    Name = details!.Name, Type = details.Type, AddressLine1 = details.AddressLine1, AddressLine2 = details.AddressLine2,
                    PostalCode = details.PostalCode, City = details.City, Website = details.Website, MunicipalityAgs = details.MunicipalityAgs,
                };
                return await ReloadAsync(id, cancellationToken);
        }
    }

    private async Task<IActionResult> ReloadAsync(Guid id, CancellationToken cancellationToken)
    {
        var name = await db.Set<Organisation>().AsNoTracking().Where(o => o.Id == id).Select(o => o.Name).SingleOrDefaultAsync(cancellationToken);
        if (name is null)
        {
            return NotFound();
        }

        await LoadAsync(id, name, cancellationToken);
        return Page();
    }

    private async Task LoadAsync(Guid id, string name, CancellationToken cancellationToken)
    {
        CurrentName = name;
        LinkedPeople = await db.Users.CountAsync(u => u.OrganisationId == id, cancellationToken);
        Municipalities = await OrganisationFormModel.MunicipalitiesAsync(db, cancellationToken);
    }
}
