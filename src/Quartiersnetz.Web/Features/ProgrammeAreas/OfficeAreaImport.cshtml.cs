using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Files;
using Quartiersnetz.Platform.Localization;

namespace Quartiersnetz.Features.ProgrammeAreas;

[Authorize(Policy = Policies.Office)]
[UploadLimit(ImportProgrammeAreas.MaxBytes + 64 * 1024)]
internal sealed class OfficeAreaImportModel(ImportProgrammeAreas import, IStringLocalizer<Texts> l) : PageModel
{
    [BindProperty]
    public IFormFile? Upload { get; set; }

    public ImportProgrammeAreas.Outcome? Outcome { get; private set; }

    /// <summary>The errors of a refused file, formatted: "Zeile 3: …" for CSV, "Gebiet 3: …" for GeoJSON.</summary>
    public IReadOnlyList<(int Line, string Text)> Errors { get; private set; } = [];

    /// <summary>A CSV template with the header and one example line (a point, no boundary).</summary>
    public FileContentResult OnGetTemplate()
    {
        var text = string.Join(';', ProgrammeAreaFile.Columns) + "\r\n"
            + "05513000;Gelsenkirchen;Bismarck/Schalke-Nord;Sozialer Zusammenhalt;Laufend;2008;2027;390;12000;Beispielzeile – bitte ersetzen;51,5283;7,0836;;\r\n";
        return File([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)], "text/csv; charset=utf-8", "programmgebiete-vorlage.csv");
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError(nameof(Upload), l["Bitte wählen Sie eine CSV- oder GeoJSON-Datei aus."]);
            return Page();
        }

        if (Upload.Length > ImportProgrammeAreas.MaxBytes)
        {
            ModelState.AddModelError(nameof(Upload), l["Die Datei ist größer als 10 MB. Bitte teilen Sie sie auf."]);
            return Page();
        }

        using var buffer = new MemoryStream((int)Upload.Length);
        await Upload.CopyToAsync(buffer, cancellationToken);
        Outcome = await import.HandleAsync(buffer.ToArray(), Upload.FileName, AuditActor.From(User), cancellationToken);
        if (Outcome.Succeeded)
        {
            TempData["Erfolg"] = l["Import abgeschlossen: {0} Gebiete neu angelegt, {1} geändert.", Outcome.Created, Outcome.Updated].Value;
            return Redirect("/geschaeftsstelle/programmgebiete/import?erfolg=1");
        }

        Errors = [.. Outcome.Errors.Take(200).Select(e =>
        {
            var message = l[e.Message, e.Arguments].Value;
            return (e.Line, e.Line == 0 ? message : Outcome.IsGeoJson ? l["Gebiet {0}: {1}", e.Line, message].Value : l["Zeile {0}: {1}", e.Line, message].Value);
        })];
        return Page();
    }
}
