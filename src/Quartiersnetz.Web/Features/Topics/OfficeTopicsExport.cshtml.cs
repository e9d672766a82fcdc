using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Exports;
using Quartiersnetz.Platform.Localization;
using Quartiersnetz.Platform.Time;
using Quartiersnetz.Platform.Topics;

namespace Quartiersnetz.Features.Topics;

/// <summary>All topics as CSV or XLSX, in the order of the office's list, with counts of tagged items per kind.</summary>
[Authorize(Policy = Policies.Office)]
internal sealed class OfficeTopicsExportModel(
    QuartiersnetzDbContext db, IEnumerable<ITopicItemSource> sources, IStringLocalizer<Texts> l, TimeProvider clock) : PageModel
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

        var rows = await ExportTopics.RowsAsync(db, cancellationToken);
        var columns = ExportTopics.Columns(ExportTopics.Kinds(sources, rows), l);
        return await TableExport.FileAsync("themen", BerlinTime.Today(clock), format, columns, rows, l, cancellationToken, sheetName: l["Themen"]);
    }
}
