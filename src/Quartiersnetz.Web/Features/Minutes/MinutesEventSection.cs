using Microsoft.EntityFrameworkCore;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Caching;
using Quartiersnetz.Platform.Events;

namespace Quartiersnetz.Features.Minutes;

internal sealed record MinutesLinkModel(Guid EventId, MinutesState State, int OpenFollowUps);

/// <summary>"Protokoll" on the event's page, for viewers who may read the minutes (anonymous visitors: published ones of public events).</summary>
internal sealed class MinutesEventSection(QuartiersnetzDbContext db, AudienceDataCache cache) : IEventSection
{
    public async Task<EventSectionView?> BuildAsync(EventSectionViewer viewer, CancellationToken cancellationToken)
    {
        // The minutes' state and open follow-ups are the same for every viewer: kept per event until the next saved
        // change. Who may read them is decided in memory from what the page knows (ReadMinutes.IsReadable).
        var kept = await cache.GetOrCreateAsync(
            "event-minutes\u001f" + viewer.EventId.ToString(), AudienceDataCache.SavedChangeTags, _ => 1,
            async () => new KeptMinutes(await db.Set<EventMinutes>().AsNoTracking().Where(m => m.EventId == viewer.EventId)
                .Select(m => new MinutesLinkModel(
                    m.EventId, m.State, db.Set<MinutesItem>().Count(i => i.MinutesId == m.Id && i.Kind == MinutesItemKind.FollowUp && i.ClosedAtUtc == null)))
                .SingleOrDefaultAsync(cancellationToken)));
        return kept.Minutes is { } minutes && ReadMinutes.IsReadable(minutes.State, viewer.IsOffice, viewer.ConfirmedParticipant)
            ? new EventSectionView("~/Features/Minutes/_MinutesLink.cshtml", minutes, 2)
            : null;
    }

    /// <summary>Null when the event has no minutes; kept too, so an event without any is not asked again.</summary>
    private sealed record KeptMinutes(MinutesLinkModel? Minutes);
}
