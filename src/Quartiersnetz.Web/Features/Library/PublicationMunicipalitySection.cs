using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Municipalities;
using Quartiersnetz.Platform.Paging;

namespace Quartiersnetz.Features.Library;

internal sealed record MunicipalityPublicationsModel(IReadOnlyList<PublicationSummary> Publications, int TotalCount, string Ags);

/// <summary>
/// The publications about a municipality on its page: the newest the viewer may read (members also see members'
/// publications), with a link to all of them in the library. A fixed number of queries, however many there are.
/// </summary>
internal sealed class PublicationMunicipalitySection(QuartiersnetzDbContext db, IAuthorizationService authorization) : IMunicipalitySection
{
    public const int MaxItems = 10;

    public async Task<MunicipalitySectionView?> BuildAsync(string ags, ClaimsPrincipal viewer, CancellationToken cancellationToken)
    {
        var audience = await ViewerAudience.OfAsync(authorization, viewer);
        var result = await ListPublications.PageAsync(db, audience, new LibraryFilter(MunicipalityAgs: ags), new PageRequest(1, MaxItems), cancellationToken);
        return result.TotalCount == 0 ? null
            : new MunicipalitySectionView("~/Features/Library/_MunicipalityPublications.cshtml", new MunicipalityPublicationsModel(result.Items, result.TotalCount, ags), 7);
    }
}
