using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Localization;

namespace Quartiersnetz.Features.Certificates;

/// <summary>The person's yearly overview of certificates and points as PDF, to hand to the chamber.</summary>
[Authorize(Policy = Policies.SignedIn)]
internal sealed class PointsOverviewDownloadModel(QuartiersnetzDbContext db, IStringLocalizer<Texts> l) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int year, CancellationToken cancellationToken)
    {
        var me = User.AccountId()!.Value;
        var name = await db.Users.AsNoTracking().Where(u => u.Id == me).Select(u => u.DisplayName ?? u.Email).SingleOrDefaultAsync(cancellationToken) ?? "";
        var certificates = await PointsAccount.CertificatesAsync(db, me, year, cancellationToken);
        var pdf = CertificatePdf.RenderOverview(l, name, year,
            [.. certificates.Select(c => new OverviewLine(c.EventDay, c.EventTitle, c.ChamberReference, c.Code, c.Points))], PointsAccount.YearlyTarget);
        return File(pdf, "application/pdf", string.Create(CultureInfo.InvariantCulture, $"fortbildungspunkte-{year}.pdf"));
    }
}
