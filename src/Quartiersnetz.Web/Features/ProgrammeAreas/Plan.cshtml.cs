using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Files;

namespace Quartiersnetz.Features.ProgrammeAreas;

/// <summary>
/// The area's integrated plan (ISEK/InHK) as a PDF download. A page rather than an endpoint so it sits beside the
/// area page and answers a missing plan with the site's 404 page. The page never renders: it returns the file or 404.
/// </summary>
[AllowAnonymous]
internal sealed class PlanModel(QuartiersnetzDbContext db, IFileStorage files) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var plan = await db.Set<ProgrammeArea>().AsNoTracking().Where(a => a.Id == id)
            .Select(a => new { a.Name, a.PlanFileName })
            .SingleOrDefaultAsync(cancellationToken);
        if (plan?.PlanFileName is null || !FileKeys.IsValid(plan.PlanFileName))
        {
            return NotFound();
        }

        var stream = await files.OpenReadAsync(plan.PlanFileName, cancellationToken);
        if (stream is null)
        {
            return NotFound();
        }

        return File(stream, "application/pdf", DownloadName(plan.Name));
    }

    /// <summary>"handlungskonzept-musterviertel-nord.pdf": the area name as a slug keeps the file name plain ASCII.</summary>
    private static string DownloadName(string areaName)
    {
        var slug = Topics.Topic.SlugFor(areaName);
        return $"handlungskonzept-{(slug.Length > 60 ? slug[..60].Trim('-') : slug)}.pdf";
    }
}
