using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Quartiersnetz.Data;
using Quartiersnetz.Data.Reference;
using Quartiersnetz.Platform.Caching;
using Quartiersnetz.Platform.Municipalities;

namespace Quartiersnetz.Features.Municipalities;

internal sealed record MunicipalityPage(
    string Ags, string Name, string Type, string DistrictName, string RegionName, int Population, decimal AreaKm2,
    DateOnly? MemberSince, DateOnly? LeftOn);

/// <summary>The page of one municipality: reference data, membership, and the sections features contribute.</summary>
[AllowAnonymous]
[OutputCache(PolicyName = PublicPageCache.PolicyName)]
internal sealed class DetailsModel(QuartiersnetzDbContext db, IEnumerable<IMunicipalitySection> sections) : PageModel
{
    public MunicipalityPage Municipality { get; private set; } = null!;

    public IReadOnlyList<MunicipalitySectionView> Sections { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string ags, CancellationToken cancellationToken)
    {
        var municipality = await db.Set<Municipality>().AsNoTracking()
            .Where(m => m.Ags == ags)
            .Select(m => new MunicipalityPage(
                m.Ags, m.Name, m.Type, m.District!.Name, m.District.RegionName, m.Population, m.AreaKm2,
                db.Set<NetworkMembership>().Where(n => n.MunicipalityAgs == m.Ags).Select(n => (DateOnly?)n.MemberSince).FirstOrDefault(),
                db.Set<NetworkMembership>().Where(n => n.MunicipalityAgs == m.Ags).Select(n => n.LeftOn).FirstOrDefault()))
            .SingleOrDefaultAsync(cancellationToken);
        if (municipality is null)
        {
            return NotFound();
        }

        Municipality = municipality;
        var built = new List<MunicipalitySectionView>();
        foreach (var section in sections)
        {
            if (await section.BuildAsync(ags, User, cancellationToken) is { } view)
            {
                built.Add(view);
            }
        }

        Sections = [.. built.OrderBy(s => s.Order)];
        return Page();
    }
}
