using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Http;
using Quartiersnetz.Platform.Localization;
using Quartiersnetz.Platform.Time;

namespace Quartiersnetz.Features.Certificates;

/// <summary>
/// One certificate as PDF, drawn from its stored snapshot in this request (a single certificate is quick; bulk runs
/// are the background job's). Only its holder and the office get it; anyone else gets a 404, not a hint that it exists.
/// A replaced certificate comes with a notice that it no longer counts.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
internal sealed class CertificateDownloadModel(QuartiersnetzDbContext db, IAuthorizationService authorization, PublicUrls urls, IStringLocalizer<Texts> l) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var certificate = await db.Set<Certificate>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (certificate is null
            || (certificate.PersonId != User.AccountId() && !(await authorization.AuthorizeAsync(User, Policies.Office)).Succeeded))
        {
            return NotFound();
        }

        var replaced = certificate.ReplacedAtUtc is { } at
            ? l["Ersetzt am {0} durch eine berichtigte Bescheinigung – diese Bescheinigung gilt nicht mehr.", BerlinTime.FormatDate(at)].Value
            : null;
        var pdf = CertificatePdf.Render(certificate, l, urls.Absolute(CertificateLinks.VerifyPath(certificate.Code)), replaced);
        return File(pdf, "application/pdf", CertificateLinks.FileName(certificate));
    }
}
