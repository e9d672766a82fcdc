using Quartiersnetz.Data;
using Quartiersnetz.Platform.Events;

namespace Quartiersnetz.Features.Attendance;

/// <summary>
/// Retention for attendance: a walk-in guest's organisation goes with the guest's name (the registration purge clears
/// that). The check-in and check-out times stay — they are the record behind the continuing-education points and
/// certificates — and so do the passes, which name no one.
/// </summary>
internal sealed class AttendanceDataPurge : IRegistrationDataPurge
{
    public string AuditLabel => "Organisationen von Gästen an der Tür";

    public Task<int> PurgeAsync(QuartiersnetzDbContext db, Guid eventId, CancellationToken cancellationToken) =>
        db.Set<CheckInPass>().Where(p => p.EventId == eventId && p.WalkInOrganisation != null)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.WalkInOrganisation, (string?)null), cancellationToken);
}
