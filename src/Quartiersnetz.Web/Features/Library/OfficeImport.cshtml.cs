using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Files;
using Quartiersnetz.Platform.Localization;

namespace Quartiersnetz.Features.Library;

/// <summary>The office imports the descriptions of many publications from a CSV file: all lines or none.</summary>
[Authorize(Policy = Policies.Office)]
[UploadLimit(ImportPublications.MaxBytes + (64 * 1024))]
internal sealed class OfficeImportModel(ImportPublications import, IStringLocalizer<Texts> l) : PageModel
{
    public const string Path = OfficeLibrary.Path + "/import";

    [BindProperty]
    public IFormFile? Upload { get; set; }

    public ImportPublications.Outcome? Outcome { get; private set; }

    /// <summary>The errors of a refused file, formatted "Zeile 7: …".</summary>
    public IReadOnlyList<(int Line, string Text)> Errors { get; private set; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    public FileContentResult OnGetTemplate() =>
        File(ImportPublications.Template(), "text/csv; charset=utf-8", "bibliothek-vorlage.csv");

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError(nameof(Upload), l["Bitte wählen Sie eine CSV-Datei aus."]);
            return Page();
        }

        if (Upload.Length > ImportPublications.MaxBytes)
        {
            ModelState.AddModelError(nameof(Upload), l["Die Datei ist größer als {0} MB. Bitte teilen Sie sie auf.", ImportPublications.MaxBytes / (1024 * 1024)]);
            return Page();
        }

        using var buffer = new MemoryStream((int)Upload.Length);
        await Upload.CopyToAsync(buffer, cancellationToken);
        Outcome = await import.HandleAsync(buffer.ToArray(), AuditActor.From(User), cancellationToken);
        if (Outcome.Succeeded)
        {
            StatusMessage = l[Outcome.Created == 1 ? "Import abgeschlossen: 1 Veröffentlichung angelegt." : "Import abgeschlossen: {0} Veröffentlichungen angelegt.", Outcome.Created];
            return Redirect(OfficeLibrary.Path);
        }

        Errors = Format(Outcome.Errors, l);
        return Page();
    }

    /// <summary>German lines of the errors, at most 200: "Zeile 7: …", or the message alone for the file as a whole.</summary>
    public static IReadOnlyList<(int Line, string Text)> Format(IEnumerable<ImportPublications.LineError> errors, IStringLocalizer<Texts> l) =>
        [.. errors.Take(200).Select(e =>
        {
            var message = l[e.Message, e.Arguments].Value;
            return (e.Line, e.Line == 0 ? message : l["Zeile {0}: {1}", e.Line, message].Value);
        })];
}
