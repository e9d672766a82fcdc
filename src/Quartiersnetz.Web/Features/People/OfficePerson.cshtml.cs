using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Data.Reference;
using Quartiersnetz.Features.Organisations;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Localization;

namespace Quartiersnetz.Features.People;

internal sealed record PersonDetails(
    Guid Id, string DisplayName, string? Email, DateTime CreatedAtUtc, string? MunicipalityAgs, string? MunicipalityName,
    string? FunctionTitle, string? Organisation, Guid? OrganisationId, DateTimeOffset? LockoutEnd, bool TwoFactorEnabled)
{
    public bool IsDeactivated => AccountActivation.IsDeactivated(LockoutEnd);
}

internal sealed record OrganisationChoice(Guid Id, string Name, OrganisationType Type);

[Authorize(Policy = Policies.Office)]
internal sealed class OfficePersonModel(QuartiersnetzDbContext db, AuditLog audit, IStringLocalizer<Texts> l) : PageModel
{
    [BindProperty]
    public ChangePersonAssignment.Input Input { get; set; } = new();

    public PersonDetails Person { get; private set; } = null!;

    public IReadOnlyList<string> CurrentRoles { get; private set; } = [];

    public IReadOnlyList<MunicipalityOption> Municipalities { get; private set; } = [];

    public IReadOnlyList<OrganisationChoice> Organisations { get; private set; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    public bool IsSelf => User.AccountId() == Person.Id;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Input = new ChangePersonAssignment.Input
        {
            Roles = [.. CurrentRoles],
            MunicipalityAgs = Person.MunicipalityAgs,
            FunctionTitle = Person.FunctionTitle,
            Organisation = Person.Organisation,
            OrganisationId = Person.OrganisationId,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var result = await ChangePersonAssignment.HandleAsync(db, audit, AuditActor.From(User), id, Input, cancellationToken);
            switch (result)
            {
                case ChangePersonAssignment.Result.NotFound:
                    return NotFound();
                case ChangePersonAssignment.Result.Saved:
                case ChangePersonAssignment.Result.Unchanged:
                    StatusMessage = result == ChangePersonAssignment.Result.Saved ? l["Die Änderungen wurden gespeichert."] : l["Es gab nichts zu ändern."];
                    return Redirect($"/geschaeftsstelle/personen/{id}");
                case ChangePersonAssignment.Result.UnknownRole:
                    ModelState.AddModelError("Input.Roles", l["Bitte wählen Sie nur Rollen aus der Liste."]);
                    break;
                case ChangePersonAssignment.Result.UnknownMunicipality:
                    ModelState.AddModelError("Input.MunicipalityAgs", l["Bitte wählen Sie eine Kommune aus der Liste."]);
                    break;
                case ChangePersonAssignment.Result.UnknownOrganisation:
                    ModelState.AddModelError("Input.OrganisationId", l["Bitte wählen Sie eine Organisation aus der Liste."]);
                    break;
                case ChangePersonAssignment.Result.OwnOfficeRole:
                    ModelState.AddModelError("Input.Roles", l["Sie können sich die Rolle Geschäftsstelle nicht selbst entziehen; das muss ein anderer Zugang der Geschäftsstelle tun."]);
                    break;
            }
        }

        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    public Task<IActionResult> OnPostDeactivateAsync(Guid id, CancellationToken cancellationToken) => SetActiveAsync(id, false, cancellationToken);

    public Task<IActionResult> OnPostReactivateAsync(Guid id, CancellationToken cancellationToken) => SetActiveAsync(id, true, cancellationToken);

    private async Task<IActionResult> SetActiveAsync(Guid id, bool active, CancellationToken cancellationToken)
    {
        var result = await AccountActivation.HandleAsync(db, audit, AuditActor.From(User), PeopleScope.Office, id, active, cancellationToken);
        switch (result)
        {
            case AccountActivation.Result.NotFound:
                return NotFound();
            case AccountActivation.Result.OwnAccount:
                ModelState.AddModelError(string.Empty, l["Sie können Ihren eigenen Zugang nicht deaktivieren."]);
                return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
            default:
                StatusMessage = active ? l["Der Zugang ist wieder aktiv."] : l["Der Zugang ist deaktiviert. Die Person kann sich nicht mehr anmelden und keine Zugangstoken nutzen."];
                return Redirect($"/geschaeftsstelle/personen/{id}");
        }
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var person = await db.Users.AsNoTracking()
            .Where(u => u.Id == id)
            .Select(u => new PersonDetails(
                u.Id, u.DisplayName, u.Email, u.CreatedAtUtc, u.MunicipalityAgs,
                db.Set<Municipality>().Where(m => m.Ags == u.MunicipalityAgs).Select(m => m.Name).FirstOrDefault(),
                u.FunctionTitle, u.Organisation, u.OrganisationId, u.LockoutEnd, u.TwoFactorEnabled))
            .SingleOrDefaultAsync(cancellationToken);
        if (person is null)
        {
            return false;
        }

        Person = person;
        CurrentRoles = (await ListPeople.RolesOfAsync(db, [id], cancellationToken)).GetValueOrDefault(id) ?? [];
        Municipalities = await ListPeople.MunicipalitiesAsync(db, cancellationToken);
        Organisations = await db.Set<Organisation>().AsNoTracking()
            .OrderBy(o => o.SortKey).ThenBy(o => o.Id)
            .Select(o => new OrganisationChoice(o.Id, o.Name, o.Type))
            .ToListAsync(cancellationToken);
        return true;
    }
}
