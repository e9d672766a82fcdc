using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Localization;

namespace Quartiersnetz.Features.Onboarding;

[Authorize(Policy = Policies.Office)]
internal sealed class ImportModel(ImportInvitations import, IStringLocalizer<Texts> l) : PageModel
{
    [BindProperty]
    public IFormFile? Upload { get; set; }

    public IReadOnlyList<ImportInvitations.LineError> Errors { get; private set; } = [];

    /// <summary>The template file with header and one example line.</summary>
    public FileContentResult OnGetTemplate() =>
        File(InvitationCsv.Template(), "text/csv; charset=utf-8", "einladungen-vorlage.csv");

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Upload is null)
        {
            ModelState.AddModelError(nameof(Upload), l["Bitte wählen Sie eine CSV-Datei aus."]);
            return Page();
        }

        if (Upload.Length == 0)
        {
            ModelState.AddModelError(nameof(Upload), l["Die Datei ist leer."]);
            return Page();
        }

        if (Upload.Length > InvitationCsv.MaxBytes)
        {
            ModelState.AddModelError(nameof(Upload), l["Die Datei ist größer als 1 MB. Bitte teilen Sie sie auf (höchstens {0} Zeilen je Datei).", InvitationCsv.MaxRows]);
            return Page();
        }

        using var buffer = new MemoryStream((int)Upload.Length);
        await Upload.CopyToAsync(buffer, cancellationToken);
        var outcome = await import.HandleAsync(buffer.ToArray(), Inviter.From(User), cancellationToken);
        if (outcome.Succeeded)
        {
            return Redirect("/einladungen?erfolg=importiert");
        }

        // Shown like any form with errors (200), as the other forms of the site do.
        Errors = outcome.Errors;
        return Page();
    }
}
