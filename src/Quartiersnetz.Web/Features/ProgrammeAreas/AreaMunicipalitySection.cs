using System.Security.Claims;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Municipalities;

namespace Quartiersnetz.Features.ProgrammeAreas;

internal sealed record MunicipalityAreasModel(IReadOnlyList<AreaSummary> Areas, int TotalCount, string Ags);

/// <summary>
/// The programme areas of a municipality on its page. Areas are public, so every viewer sees the same; two
/// queries (count and page), however many areas. Shown only when the municipality has areas.
/// </summary>
internal sealed class AreaMunicipalitySection(QuartiersnetzDbContext db) : IMunicipalitySection
{
    public const int MaxAreas = 100;

    public async Task<MunicipalitySectionView?> BuildAsync(string ags, ClaimsPrincipal viewer, CancellationToken cancellationToken)
    {
        var result = await ListProgrammeAreas.HandleAsync(db, new AreaFilter(MunicipalityAgs: ags), new(1, MaxAreas), cancellationToken);
        return result.TotalCount == 0 ? null
            : new MunicipalitySectionView("~/Features/ProgrammeAreas/_MunicipalityAreas.cshtml", new MunicipalityAreasModel(result.Items, result.TotalCount, ags), 5);
    }
}
