using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Quartiersnetz.Data;
using Quartiersnetz.Data.Reference;
using Quartiersnetz.Platform.Caching;

namespace Quartiersnetz.Features.Home;

[AllowAnonymous]
[OutputCache(PolicyName = PublicPageCache.PolicyName)]
internal sealed class IndexModel(QuartiersnetzDbContext db) : PageModel
{
    public int MunicipalityCount { get; private set; }

    public int DistrictCount { get; private set; }

    public long Population { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var municipalities = db.Set<Municipality>().AsNoTracking();
        MunicipalityCount = await municipalities.CountAsync(cancellationToken);
        Population = await municipalities.SumAsync(m => (long)m.Population, cancellationToken);
        DistrictCount = await db.Set<District>().CountAsync(cancellationToken);
    }
}
