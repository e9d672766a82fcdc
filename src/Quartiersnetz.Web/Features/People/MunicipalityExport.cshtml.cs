using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Data.Reference;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Exports;
using Quartiersnetz.Platform.Localization;
using Quartiersnetz.Platform.Time;

namespace Quartiersnetz.Features.People;

/// <summary>
/// The people of the signed-in Kommunale Koordination's municipality as CSV or XLSX. The municipality comes from the
/// sign-in (qn:ags claim), never from the address, so no other municipality can be asked for.
/// </summary>
[Authorize(Policy = Policies.ManageOwnMunicipality)]
internal sealed class MunicipalityExportModel(QuartiersnetzDbContext db, AuditLog audit, IStringLocalizer<Texts> l, TimeProvider clock) : PageModel
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

        var ags = User.Municipality();
        var municipalityName = ags is null
            ? null
            : await db.Set<Municipality>().AsNoTracking().Where(m => m.Ags == ags).Select(m => m.Name).SingleOrDefaultAsync(cancellationToken);
        if (ags is null || municipalityName is null)
        {
            // The list page says that no municipality is assigned; there is nothing to export.
            return NotFound();
        }

        var filter = new ListPeople.Filter(null, null, ags);
        var rows = await ExportPeople.RowsAsync(db, filter, cancellationToken);
        ExportPeople.Audit(audit, AuditActor.From(User), l["Personen von {0}", municipalityName], ExportPeople.DescribeFilter(filter, municipalityName, l), format, rows.Count);
        await db.SaveChangesAsync(cancellationToken);
        return await TableExport.FileAsync(
            $"personen-{ags}", BerlinTime.Today(clock), format, ExportPeople.CoordinatorColumns(l), rows, l, cancellationToken, sheetName: l["Personen"]);
    }
}
