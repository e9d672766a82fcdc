using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Events;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Files;
using Quartiersnetz.Platform.Search;

namespace Quartiersnetz.Features.Library;

/// <summary>
/// Downloads a publication's file and counts it. A page rather than an endpoint so a hidden or missing file gets the
/// site's 404 page; the page never renders. The office's own downloads (checking an upload) are not counted.
/// </summary>
[AllowAnonymous]
internal sealed class DownloadModel(QuartiersnetzDbContext db, IAuthorizationService authorization, IFileStorage files) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string slug, Guid fileId, CancellationToken cancellationToken)
    {
        var audience = await ViewerAudience.OfAsync(authorization, User);
        var publications = db.Set<Publication>().AsNoTracking().Where(p => p.Slug == slug);
        if (audience != SearchAudience.Office)
        {
            publications = publications.Where(ListPublications.PublishedFor(audience));
        }

        var file = await db.Set<PublicationFile>().AsNoTracking()
            .Where(f => f.Id == fileId && publications.Any(p => p.Id == f.PublicationId))
            .Select(f => new
            {
                f.Title, f.FileKey, f.Extension,
                ForEveryone = publications.Any(p => p.PublishedAtUtc != null && p.Visibility == PublicationVisibility.Public),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (file is null || !FileKeys.IsValid(file.FileKey) || DocumentContent.All.FirstOrDefault(k => k.Extension == file.Extension) is not { } kind)
        {
            return NotFound();
        }

        var stream = await files.OpenReadAsync(file.FileKey, cancellationToken);
        if (stream is null)
        {
            return NotFound();
        }

        if (audience != SearchAudience.Office)
        {
            // One statement, so concurrent downloads do not lose counts; no SaveChanges, so the page cache stays.
            await db.Set<PublicationFile>().Where(f => f.Id == fileId).ExecuteUpdateAsync(s => s.SetProperty(f => f.DownloadCount, f => f.DownloadCount + 1), cancellationToken);
        }

        // Members' files and drafts' files (the office checking an upload) must not sit in shared caches.
        Response.Headers.CacheControl = file.ForEveryone ? "public, max-age=300" : "private, max-age=300";
        return File(stream, kind.ContentType, EventDocuments.DownloadName(file.Title, kind.Extension));
    }
}
