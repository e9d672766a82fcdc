using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Data.Reference;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Localization;

namespace Quartiersnetz.Features.Municipalities;

internal sealed record PersonChoice(Guid Id, string Name);

/// <summary>The office edits one membership: dates, Ansprechperson and note; an end date ends it.</summary>
[Authorize(Policy = Policies.Office)]
internal sealed class OfficeMembershipModel(QuartiersnetzDbContext db, AuditLog audit, IStringLocalizer<Texts> l) : PageModel
{
    [BindProperty]
    public ManageMembership.Input Input { get; set; } = new();

    public string MunicipalityName { get; private set; } = "";

    public IReadOnlyList<PersonChoice> People { get; private set; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(string ags, CancellationToken cancellationToken)
    {
        var membership = await db.Set<NetworkMembership>().AsNoTracking().SingleOrDefaultAsync(m => m.MunicipalityAgs == ags, cancellationToken);
        if (membership is null || !await LoadAsync(ags, cancellationToken))
        {
            return NotFound();
        }

        Input = new ManageMembership.Input
        {
            MunicipalityAgs = ags,
            MemberSince = membership.MemberSince,
            LeftOn = membership.LeftOn,
            ContactPersonId = membership.ContactPersonId,
            Note = membership.Note,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string ags, CancellationToken cancellationToken)
    {
        Input.MunicipalityAgs = ags;
        ModelState.Remove("Input.MunicipalityAgs");
        if (ModelState.IsValid)
        {
            var result = await ManageMembership.UpdateAsync(db, audit, AuditActor.From(User), ags, Input, cancellationToken);
            switch (result)
            {
                case ManageMembership.Result.NotFound:
                    return NotFound();
                case ManageMembership.Result.Saved:
                case ManageMembership.Result.Unchanged:
                    StatusMessage = result == ManageMembership.Result.Saved ? l["Die Änderungen wurden gespeichert."] : l["Es gab nichts zu ändern."];
                    return Redirect($"{OfficeMembershipsModel.Path}/{ags}");
                default:
                    var (field, message) = ManageMembership.Error(result);
                    ModelState.AddModelError("Input." + field, l[message]);
                    break;
            }
        }

        return await LoadAsync(ags, cancellationToken) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(string ags, CancellationToken cancellationToken)
    {
        var name = await db.Set<Municipality>().AsNoTracking().Where(m => m.Ags == ags).Select(m => m.Name).SingleOrDefaultAsync(cancellationToken);
        if (name is null)
        {
            return false;
        }

        MunicipalityName = name;
        People = await db.Users.AsNoTracking()
            .Where(u => u.MunicipalityAgs == ags)
            .OrderBy(u => u.DisplayName)
            .Select(u => new PersonChoice(u.Id, u.DisplayName))
            .ToListAsync(cancellationToken);
        return true;
    }
}
