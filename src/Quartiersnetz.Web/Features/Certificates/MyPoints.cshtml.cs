using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Time;

namespace Quartiersnetz.Features.Certificates;

/// <summary>
/// "Meine Fortbildungspunkte": the person's points per year against the target, the certificates of the chosen year
/// (download and verification address) and the yearly overview PDF for the chamber.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
internal sealed class MyPointsModel(QuartiersnetzDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "jahr")]
    public int? YearAsked { get; set; }

    public int Year { get; private set; }

    public IReadOnlyList<PointsYear> Years { get; private set; } = [];

    public IReadOnlyList<AccountCertificate> Certificates { get; private set; } = [];

    public PointsYear Current => Years.FirstOrDefault(y => y.Year == Year) ?? new PointsYear(Year, 0, 0);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var me = User.AccountId()!.Value;
        Years = await PointsAccount.YearsAsync(db, me, cancellationToken);
        var thisYear = BerlinTime.Today(clock).Year;
        Year = YearAsked is >= 2000 and <= 2100 ? YearAsked.Value : thisYear;
        if (Years.All(y => y.Year != thisYear))
        {
            Years = [.. Years.Append(new PointsYear(thisYear, 0, 0)).OrderByDescending(y => y.Year)];
        }

        Certificates = await PointsAccount.CertificatesAsync(db, me, Year, cancellationToken);
    }

    public static string OverviewPath(int year) => CertificateLinks.MyPoints + "/" + year.ToString(CultureInfo.InvariantCulture) + "/uebersicht.pdf";
}
