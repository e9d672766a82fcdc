using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Files;

namespace Quartiersnetz.Features.Events;

/// <summary>
/// Downloads an agenda item's material under the rules of event documents (<see cref="EventDocumentDownloadModel"/>):
/// a hidden event or a participants-only file the viewer may not have answers 404, like a missing one.
/// </summary>
[AllowAnonymous]
internal sealed class AgendaMaterialDownloadModel(QuartiersnetzDbContext db, IAuthorizationService authorization, IFileStorage files) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, Guid materialId, CancellationToken cancellationToken)
    {
        var viewer = EventViewer.From(await RegistrationActor.FromAsync(authorization, User));
        var material = await EventAgenda.FindMaterialForViewerAsync(db, viewer, id, materialId, cancellationToken);
        if (material is null || !FileKeys.IsValid(material.FileKey)
            || DocumentContent.All.FirstOrDefault(k => k.Extension == material.Extension) is not { } kind)
        {
            return NotFound();
        }

        var stream = await files.OpenReadAsync(material.FileKey, cancellationToken);
        if (stream is null)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "private, max-age=300";
        var slug = Topics.Topic.SlugFor(material.Title);
        slug = slug.Length > 60 ? slug[..60].Trim('-') : slug;
        return File(stream, kind.ContentType, $"{(slug.Length == 0 ? "material" : slug)}.{kind.Extension}");
    }
}
