using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Exports;
using Quartiersnetz.Platform.Localization;
using Quartiersnetz.Platform.Time;

namespace Quartiersnetz.Features.Municipalities;

/// <summary>The member municipalities as CSV or XLSX, with the attribution the reference data's licence asks for.</summary>
[Authorize(Policy = Policies.Office)]
internal sealed class OfficeMembershipsExportModel(QuartiersnetzDbContext db, AuditLog audit, IStringLocalizer<Texts> l, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "format")]
    public string? Format { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!TableExport.TryParse(Format, out var format))
        {
            // A German page that says which formats exist, with status 400.
            return new PageResult { StatusCode = StatusCodes.Status400BadRequest };
        }

        var rows = await ExportMemberships.RowsAsync(db, cancellationToken);
        // Contact persons and coordinators are named: personal data, so the export is logged.
        ExportMemberships.Audit(audit, AuditActor.From(User), l["Mitgliedskommunen"], format, rows.Count);
        await db.SaveChangesAsync(cancellationToken);
        return await TableExport.FileAsync(
            "mitgliedskommunen", BerlinTime.Today(clock), format, ExportMemberships.Columns(l), rows, l, cancellationToken,
            ExportMemberships.Notes(l), l["Mitgliedskommunen"]);
    }
}
