using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Data.Reference;
using Quartiersnetz.Features.Municipalities;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Exports;
using Quartiersnetz.Platform.Localization;
using Quartiersnetz.Platform.Time;

namespace Quartiersnetz.Features.People;

/// <summary>The office's people list as CSV or XLSX: the filters of the list page, all rows, in the list's order.</summary>
[Authorize(Policy = Policies.Office)]
internal sealed class OfficeExportModel(QuartiersnetzDbContext db, AuditLog audit, IStringLocalizer<Texts> l, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "format")]
    public string? Format { get; set; }

    [BindProperty(SupportsGet = true, Name = "suche")]
    public string? Text { get; set; }

    [BindProperty(SupportsGet = true, Name = "rolle")]
    public string? Role { get; set; }

    /// <summary>Name or AGS, as on the list page.</summary>
    [BindProperty(SupportsGet = true, Name = "kommune")]
    public string? Municipality { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!TableExport.TryParse(Format, out var format))
        {
            // A German page that says which formats exist, with status 400.
            return new PageResult { StatusCode = StatusCodes.Status400BadRequest };
        }

        // The same corrections as the list page, so the file holds exactly what the list shows.
        var filter = new ListPeople.Filter(
            ListPeople.Clip(Text), Role is not null && Roles.All.Contains(Role) ? Role : null, null, MunicipalityFilter.Clean(Municipality));
        var rows = await ExportPeople.RowsAsync(db, filter, cancellationToken);
        // The audit log names the municipality when the filter is one exact AGS, and quotes the text otherwise.
        var municipalityName = filter.MunicipalityText is { } text && MunicipalityFilter.IsAgs(text)
            ? await db.Set<Municipality>().AsNoTracking().Where(m => m.Ags == text).Select(m => m.Name).SingleOrDefaultAsync(cancellationToken)
            : null;
        ExportPeople.Audit(audit, AuditActor.From(User), l["Personen (Geschäftsstelle)"], ExportPeople.DescribeFilter(filter, municipalityName, l), format, rows.Count);
        await db.SaveChangesAsync(cancellationToken);
        return await TableExport.FileAsync(
            "personen", BerlinTime.Today(clock), format, ExportPeople.OfficeColumns(l), rows, l, cancellationToken, sheetName: l["Personen"]);
    }
}
