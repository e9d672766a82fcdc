using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Files;
using Quartiersnetz.Platform.Localization;
using Quartiersnetz.Platform.Privacy;

namespace Quartiersnetz.Features.Profile;

/// <summary>Account deletion (Art. 17), confirmed with the password and the word LÖSCHEN.</summary>
[Authorize(Policy = Policies.SignedIn)]
internal sealed class DeleteModel(
    QuartiersnetzDbContext db,
    UserManager<UserAccount> users,
    SignInManager<UserAccount> signIn,
    IEnumerable<IPersonalDataContributor> contributors,
    AuditLog audit,
    IFileStorage files,
    ILogger<DeleteModel> logger,
    IStringLocalizer<Texts> l) : PageModel
{
    [BindProperty]
    public DeleteAccount.Input Input { get; set; } = new();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await DeleteAccount.HandleAsync(
            db, users, signIn, contributors, audit, files, logger, User.AccountId()!.Value, Input, cancellationToken);
        switch (outcome)
        {
            case DeleteAccount.Outcome.Deleted:
                await signIn.SignOutAsync();
                return Redirect("/konto/geloescht");
            case DeleteAccount.Outcome.NotConfirmed:
                ModelState.AddModelError("Input.Confirmation", l["Bitte geben Sie zur Bestätigung LÖSCHEN ein."]);
                break;
            case DeleteAccount.Outcome.WrongPassword:
                ModelState.AddModelError("Input.Password", l["Das Passwort ist nicht richtig. Ihr Konto wurde nicht gelöscht."]);
                break;
            default:
                ModelState.AddModelError(string.Empty, l["Ihr Konto ist das letzte Konto der Geschäftsstelle und kann nicht gelöscht werden. Richten Sie zuerst ein weiteres Konto der Geschäftsstelle ein."]);
                break;
        }

        return Page();
    }
}
