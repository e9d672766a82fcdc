using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Text;

namespace Quartiersnetz.Features.Minutes;

/// <summary>
/// The minutes of an event as a reader sees them (see <see cref="ReadMinutes"/> for who may). Minutes the viewer may
/// not read answer 404, like a missing page, so a draft's existence does not leak.
/// </summary>
[AllowAnonymous]
internal sealed class DetailsModel(QuartiersnetzDbContext db, MarkdownRenderer markdown, TimeProvider clock, IAuthorizationService authorization) : PageModel
{
    public MinutesView Minutes { get; private set; } = null!;

    public bool IsOffice { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var viewer = await MinutesViewer.FromAsync(authorization, User, db, cancellationToken);
        var minutes = await ReadMinutes.ForReaderAsync(db, markdown, clock, viewer, id, publishedOnly: false, cancellationToken);
        if (minutes is null)
        {
            return NotFound();
        }

        (Minutes, IsOffice) = (minutes, viewer.IsOffice);
        // Drafts and minutes under review are not for shared caches. "no-cache, no-store" in both cases, as the antiforgery
        // token of a signed-in reader's sign-out form demands (with less it replaced the header and logged a warning).
        Response.Headers.CacheControl = minutes.State == MinutesState.Published ? "no-cache, no-store" : "private, no-cache, no-store";
        return Page();
    }
}
