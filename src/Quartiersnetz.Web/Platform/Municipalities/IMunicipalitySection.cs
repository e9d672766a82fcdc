using System.Security.Claims;

namespace Quartiersnetz.Platform.Municipalities;

/// <summary>What a section contributes to a municipality page: a partial view and its model.</summary>
internal sealed record MunicipalitySectionView(string PartialName, object Model, int Order);

/// <summary>
/// A part of the page of one municipality (/gemeinden/{ags}). Features register one (people now; programme
/// areas, events and projects later), so the page grows without changing. Each section decides itself what
/// the viewer may see and must use a fixed number of queries, however much it shows.
/// </summary>
internal interface IMunicipalitySection
{
    /// <returns>The section, or null when it has nothing to show for this municipality and viewer.</returns>
    Task<MunicipalitySectionView?> BuildAsync(string ags, ClaimsPrincipal viewer, CancellationToken cancellationToken);
}
