using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Events;

namespace Quartiersnetz.Features.Minutes;

internal sealed record MinutesLinkModel(Guid EventId, MinutesState State, int OpenFollowUps);

/// <summary>"Protokoll" on the event's page, for viewers who may read the minutes (anonymous visitors: published ones of public events).</summary>
internal sealed class MinutesEventSection(QuartiersnetzDbContext db, IAuthorizationService authorization) : IEventSection
{
    public async Task<EventSectionView?> BuildAsync(Guid eventId, ClaimsPrincipal viewer, CancellationToken cancellationToken)
    {
        var reader = await MinutesViewer.FromAsync(authorization, viewer, db, cancellationToken);
        var row = await db.Set<EventMinutes>().AsNoTracking().Where(m => m.EventId == eventId).Where(ReadMinutes.ReadableBy(db, reader))
            .Select(m => new { m.State, Open = db.Set<MinutesItem>().Count(i => i.MinutesId == m.Id && i.Kind == MinutesItemKind.FollowUp && i.ClosedAtUtc == null) })
            .SingleOrDefaultAsync(cancellationToken);
        return row is null ? null : new EventSectionView("~/Features/Minutes/_MinutesLink.cshtml", new MinutesLinkModel(eventId, row.State, row.Open), 2);
    }
}
