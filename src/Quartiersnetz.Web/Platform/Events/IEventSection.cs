using System.Security.Claims;

namespace Quartiersnetz.Platform.Events;

/// <summary>What a section contributes to an event's page: a partial view and its model.</summary>
internal sealed record EventSectionView(string PartialName, object Model, int Order);

/// <summary>
/// A part of the page of one event (/veranstaltungen/{id}) that another feature contributes (the library's
/// "Dokumentation", the minutes), so the event page does not know the features that point at it. Each section decides
/// itself what the viewer may see and uses a fixed number of queries; what is the same for all viewers of an audience
/// it keeps in the <see cref="Caching.AudienceDataCache"/>, because signed-in viewers' pages are built for every
/// request. The page is kept for anonymous visitors (ADR 0004) and dropped on any saved change: a section must answer
/// the same for every anonymous viewer.
/// </summary>
internal interface IEventSection
{
    /// <returns>The section, or null when it has nothing to show for this event and viewer.</returns>
    Task<EventSectionView?> BuildAsync(EventSectionViewer viewer, CancellationToken cancellationToken);
}

/// <summary>
/// The event and who looks at it, as the event page has established it: the page shows the section only to viewers
/// who may see the event, and it has read the viewer's registration (<paramref name="ConfirmedParticipant"/>), so a
/// section need not ask again.
/// </summary>
internal sealed record EventSectionViewer(Guid EventId, ClaimsPrincipal User, bool IsOffice, bool ConfirmedParticipant);
