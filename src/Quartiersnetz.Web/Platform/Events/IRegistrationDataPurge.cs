using Quartiersnetz.Data;

namespace Quartiersnetz.Platform.Events;

/// <summary>
/// Personal data that another feature keeps about an event's registrations — a walk-in guest's organisation on the
/// admission pass now — removed by the events feature's retention purge, inside its transaction, so the events feature
/// does not know it. Returns how many rows it changed (for the purge's audit entry).
/// </summary>
internal interface IRegistrationDataPurge
{
    /// <summary>What the audit entry calls the removed data ("Organisationen von Gästen an der Tür").</summary>
    string AuditLabel { get; }

    Task<int> PurgeAsync(QuartiersnetzDbContext db, Guid eventId, CancellationToken cancellationToken);
}
