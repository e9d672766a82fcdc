using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Caching;
using Quartiersnetz.Platform.Events;
using Quartiersnetz.Platform.Municipalities;
using Quartiersnetz.Platform.Paging;
using Quartiersnetz.Platform.ProgrammeAreas;
using Quartiersnetz.Platform.Search;

namespace Quartiersnetz.Features.Library;

/// <summary>
/// The publications a section of another page lists (<c>_PlacePublications.cshtml</c>): the heading (a localizer key),
/// the list's element id, and the link to all of them in the library (null: the section lists all there are).
/// </summary>
internal sealed record PlacePublicationsModel(IReadOnlyList<PublicationSummary> Publications, int TotalCount, string? AllUrl, string Heading, string ListId);

/// <summary>
/// The publications about a municipality on its page: the newest the viewer may read (members also see members'
/// publications), with a link to all of them in the library. A fixed number of queries, however many there are.
/// </summary>
internal sealed class PublicationMunicipalitySection(QuartiersnetzDbContext db, IAuthorizationService authorization, AudienceDataCache cache) : IMunicipalitySection
{
    public const int MaxItems = 10;

    public async Task<MunicipalitySectionView?> BuildAsync(string ags, ClaimsPrincipal viewer, CancellationToken cancellationToken)
    {
        var audience = await ViewerAudience.OfAsync(authorization, viewer);
        var result = await ListPublications.CachedPageAsync(db, cache, audience, new LibraryFilter(MunicipalityAgs: ags), new PageRequest(1, MaxItems), cancellationToken);
        return result.TotalCount == 0 ? null
            : new MunicipalitySectionView("~/Features/Library/_PlacePublications.cshtml",
                new PlacePublicationsModel(result.Items, result.TotalCount, "/bibliothek?gemeinde=" + Uri.EscapeDataString(ags), "Veröffentlichungen", "municipality-publications"), 7);
    }
}

/// <summary>The publications about a programme area on its page, as on a municipality's (only what the viewer may read).</summary>
internal sealed class PublicationAreaSection(QuartiersnetzDbContext db, IAuthorizationService authorization, AudienceDataCache cache) : IProgrammeAreaSection
{
    public async Task<ProgrammeAreaSectionView?> BuildAsync(Guid areaId, ClaimsPrincipal viewer, CancellationToken cancellationToken)
    {
        var audience = await ViewerAudience.OfAsync(authorization, viewer);
        var result = await ListPublications.CachedPageAsync(db, cache, audience, new LibraryFilter(AreaId: areaId), new PageRequest(1, PublicationMunicipalitySection.MaxItems), cancellationToken);
        return result.TotalCount == 0 ? null
            : new ProgrammeAreaSectionView("~/Features/Library/_PlacePublications.cshtml",
                new PlacePublicationsModel(result.Items, result.TotalCount, "/bibliothek?gebiet=" + areaId, "Veröffentlichungen", "area-publications"), 2);
    }
}

/// <summary>
/// "Dokumentation" on an event's page: the publications linked to the event that the viewer may read, newest first. An
/// event has a handful at most; the list shows the newest <see cref="MaxItems"/>.
/// </summary>
internal sealed class PublicationEventSection(QuartiersnetzDbContext db, IAuthorizationService authorization, AudienceDataCache cache) : IEventSection
{
    public const int MaxItems = 20;

    public async Task<EventSectionView?> BuildAsync(EventSectionViewer viewer, CancellationToken cancellationToken)
    {
        var audience = await ViewerAudience.OfAsync(authorization, viewer.User);
        var result = await ListPublications.CachedPageAsync(db, cache, audience, new LibraryFilter(EventId: viewer.EventId), new PageRequest(1, MaxItems), cancellationToken);
        return result.TotalCount == 0 ? null
            : new EventSectionView("~/Features/Library/_PlacePublications.cshtml",
                new PlacePublicationsModel(result.Items, result.TotalCount, AllUrl: null, "Dokumentation", "event-documentation"), 1);
    }
}

/// <summary>
/// "Veröffentlichungen" on a person's or an organisation's page: the newest publications the viewer may read whose
/// authors or editors are linked to them (<see cref="ContributorLinks"/>), with a link to all of them in the library.
/// </summary>
internal static class ContributorPublications
{
    public static async Task<PlacePublicationsModel?> OfPersonAsync(QuartiersnetzDbContext db, SearchAudience audience, Guid personId, CancellationToken cancellationToken)
    {
        var result = await ListPublications.PageAsync(db, audience, new LibraryFilter(PersonId: personId), new PageRequest(1, PublicationMunicipalitySection.MaxItems), cancellationToken);
        return result.TotalCount == 0 ? null
            : new PlacePublicationsModel(result.Items, result.TotalCount, "/bibliothek?person=" + personId, "Veröffentlichungen", "person-publications");
    }

    public static async Task<PlacePublicationsModel?> OfOrganisationAsync(QuartiersnetzDbContext db, SearchAudience audience, Guid organisationId, CancellationToken cancellationToken)
    {
        var result = await ListPublications.PageAsync(db, audience, new LibraryFilter(OrganisationId: organisationId), new PageRequest(1, PublicationMunicipalitySection.MaxItems), cancellationToken);
        return result.TotalCount == 0 ? null
            : new PlacePublicationsModel(result.Items, result.TotalCount, "/bibliothek?organisation=" + organisationId, "Veröffentlichungen", "organisation-publications");
    }
}
