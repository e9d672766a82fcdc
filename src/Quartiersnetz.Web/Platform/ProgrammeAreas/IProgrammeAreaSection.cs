using System.Security.Claims;

namespace Quartiersnetz.Platform.ProgrammeAreas;

/// <summary>What a section contributes to a programme area's page: a partial view and its model.</summary>
internal sealed record ProgrammeAreaSectionView(string PartialName, object Model, int Order);

/// <summary>
/// A part of the page of one programme area (/programmgebiete/{id}). Features register one (good-practice projects now;
/// events and publications later), so the page grows without changing. Each section decides itself what the viewer may
/// see and uses a fixed number of queries. The page is kept for anonymous visitors (ADR 0004): a section must answer
/// the same for every anonymous viewer.
/// </summary>
internal interface IProgrammeAreaSection
{
    /// <returns>The section, or null when it has nothing to show for this area and viewer.</returns>
    Task<ProgrammeAreaSectionView?> BuildAsync(Guid areaId, ClaimsPrincipal viewer, CancellationToken cancellationToken);
}
