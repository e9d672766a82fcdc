using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Files;

namespace Quartiersnetz.Features.Events;

/// <summary>
/// Downloads an event document. A page rather than an endpoint so a hidden or missing document gets the site's 404
/// page; the page never renders. Hidden means: the viewer may not see the event, or the document is for confirmed
/// participants only — both answer 404, so the document's existence does not leak.
/// </summary>
[AllowAnonymous]
internal sealed class EventDocumentDownloadModel(QuartiersnetzDbContext db, IAuthorizationService authorization, IFileStorage files) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, Guid documentId, CancellationToken cancellationToken)
    {
        var viewer = EventViewer.From(await RegistrationActor.FromAsync(authorization, User));
        var found = await EventDocuments.FindForViewerAsync(db, viewer, id, documentId, cancellationToken);
        if (found is not var (document, _) || !FileKeys.IsValid(document.FileKey)
            || DocumentContent.All.FirstOrDefault(k => k.Extension == document.Extension) is not { } kind)
        {
            return NotFound();
        }

        var stream = await files.OpenReadAsync(document.FileKey, cancellationToken);
        if (stream is null)
        {
            return NotFound();
        }

        // Participants-only files must not sit in shared caches; public ones may be cached by the browser only.
        Response.Headers.CacheControl = "private, max-age=300";
        return File(stream, kind.ContentType, EventDocuments.DownloadName(document.Title, kind.Extension));
    }
}
