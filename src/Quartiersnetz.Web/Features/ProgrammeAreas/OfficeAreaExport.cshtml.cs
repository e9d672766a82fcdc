using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Localization;

namespace Quartiersnetz.Features.ProgrammeAreas;

/// <summary>
/// All programme areas as CSV, XLSX or GeoJSON (?format=), optionally of one municipality (?ags=), of the municipalities
/// a name or AGS selects as on the office list (?gemeinde=), or of one programme (?programm=).
/// </summary>
[Authorize(Policy = Policies.Office)]
internal sealed class OfficeAreaExportModel(QuartiersnetzDbContext db, IStringLocalizer<Texts> l, TimeProvider clock) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string? format, string? ags, string? gemeinde, string? programm, CancellationToken cancellationToken)
    {
        var file = await ExportProgrammeAreas.HandleAsync(db, l, clock, format, ags, gemeinde, programm, cancellationToken);
        return file is { } f ? File(f.Content, f.ContentType, f.FileName) : BadRequest();
    }
}
