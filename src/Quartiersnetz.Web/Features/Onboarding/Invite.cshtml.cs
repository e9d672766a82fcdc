using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Localization;

namespace Quartiersnetz.Features.Onboarding;

[Authorize(Policy = Policies.InvitePeople)]
internal sealed class InviteModel(QuartiersnetzDbContext db, InvitePerson invitePerson, IStringLocalizer<Texts> l) : PageModel
{
    [BindProperty]
    public InvitePerson.Input Input { get; set; } = new();

    public IReadOnlyList<ChoiceOption> RoleOptions { get; private set; } = [];

    public IReadOnlyList<ChoiceOption> Municipalities { get; private set; } = [];

    public Inviter Inviter { get; private set; } = null!;

    /// <summary>Name of the coordinator's own municipality, which every invitation of theirs gets.</summary>
    public string? OwnMunicipalityName { get; private set; }

    /// <summary>An open invitation to the same address that can be sent again instead.</summary>
    public Guid? PendingInvitationId { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await invitePerson.HandleAsync(Input, Inviter, cancellationToken);
        if (outcome.Succeeded)
        {
            return Redirect("/einladungen?erfolg=gesendet");
        }

        foreach (var error in outcome.Check.Errors)
        {
            ModelState.AddModelError("Input." + error.Field, error.Message);
        }

        if (outcome.Check.PendingInvitationId is { } pending && !outcome.Check.Forbidden)
        {
            PendingInvitationId = pending;
        }

        if (outcome.Check.Forbidden)
        {
            // A forged form (another municipality or role): say so in German and store nothing.
            Response.StatusCode = StatusCodes.Status403Forbidden;
        }

        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Inviter = Inviter.From(User);
        RoleOptions = Inviter.InvitableRoles.Select(r => new ChoiceOption(r, l[Roles.Label(r)])).ToList();
        if (Inviter.IsOffice)
        {
            Municipalities = await MunicipalityChoices.LoadAsync(db, cancellationToken);
        }
        else if (Inviter.MunicipalityAgs is not null)
        {
            OwnMunicipalityName = (await MunicipalityChoices.NamesAsync(db, [Inviter.MunicipalityAgs], cancellationToken))
                .GetValueOrDefault(Inviter.MunicipalityAgs, Inviter.MunicipalityAgs);
        }
    }
}
