using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Exports;
using Quartiersnetz.Platform.Localization;
using Quartiersnetz.Platform.Time;

namespace Quartiersnetz.Features.Organisations;

/// <summary>The office's organisation list as CSV or XLSX: the page's filters, all rows, in the list's order.</summary>
[Authorize(Policy = Policies.Office)]
internal sealed class OfficeExportModel(QuartiersnetzDbContext db, IStringLocalizer<Texts> l, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "format")]
    public string? Format { get; set; }

    [BindProperty(SupportsGet = true, Name = "art")]
    public string? Type { get; set; }

    [BindProperty(SupportsGet = true, Name = "name")]
    public string? Name { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!TableExport.TryParse(Format, out var format))
        {
            // A German page that says which formats exist, with status 400.
            return new PageResult { StatusCode = StatusCodes.Status400BadRequest };
        }

        // Corrected as on the list page: unknown types mean all, overlong names are cut.
        var name = Name is { Length: > ListOrganisations.MaxFilterLength } ? Name[..ListOrganisations.MaxFilterLength] : Name;
        var rows = await ExportOrganisations.RowsAsync(db, ListOrganisations.ParseType(Type), name, cancellationToken);
        return await TableExport.FileAsync(
            "organisationen", BerlinTime.Today(clock), format, ExportOrganisations.Columns(l), rows, l, cancellationToken, sheetName: l["Organisationen"]);
    }
}
