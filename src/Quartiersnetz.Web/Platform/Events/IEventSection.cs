using System.Security.Claims;

namespace Quartiersnetz.Platform.Events;

/// <summary>What a section contributes to an event's page: a partial view and its model.</summary>
internal sealed record EventSectionView(string PartialName, object Model, int Order);

/// <summary>
/// A part of the page of one event (/veranstaltungen/{id}) that another feature contributes (the library's
/// "Dokumentation" now), so the event page does not know the features that point at it. Each section decides itself what
/// the viewer may see and uses a fixed number of queries. The page is kept for anonymous visitors (ADR 0004) and dropped
/// on any saved change: a section must answer the same for every anonymous viewer.
/// </summary>
internal interface IEventSection
{
    /// <returns>The section, or null when it has nothing to show for this event and viewer.</returns>
    Task<EventSectionView?> BuildAsync(Guid eventId, ClaimsPrincipal viewer, CancellationToken cancellationToken);
}
