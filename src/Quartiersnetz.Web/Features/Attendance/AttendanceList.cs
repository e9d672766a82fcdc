using Quartiersnetz.Data;
using Quartiersnetz.Features.Events;
using Quartiersnetz.Platform.Paging;

namespace Quartiersnetz.Features.Attendance;

/// <summary>One confirmed participant on the attendance list of one day, with the net minutes over all days so far.</summary>
internal sealed record AttendanceRow(
    Guid RegistrationId, string Name, string? Organisation, bool IsGuest, bool IsWalkIn, DateOnly Day, DateTime? CheckedInAtUtc, DateTime? CheckedOutAtUtc,
    int NetMinutes);

/// <summary>The event as the attendance pages need it.</summary>
internal sealed record AttendanceEvent(Guid Id, string Title, DateTime StartUtc, DateTime EndUtc, string? Venue, int? Capacity, int ConfirmedCount, IReadOnlyList<DateOnly> Days);

/// <summary>How many of the confirmed people came on a day.</summary>
internal sealed record AttendanceCounts(int Confirmed, int CheckedIn, int CheckedOut);

/// <summary>
/// The attendance list: the confirmed registrations (searched and paged by the events feature's participant list),
/// each with its check-in and check-out of the day and its net minutes. A fixed number of queries per page.
/// </summary>
internal static class AttendanceList
{
    public static async Task<AttendanceEvent?> EventAsync(QuartiersnetzDbContext db, Guid eventId, CancellationToken cancellationToken)
    {
        var ev = await db.Set<Event>().AsNoTracking().Where(e => e.Id == eventId)
            .Select(e => new { e.Title, e.StartUtc, e.EndUtc, e.VenueName, e.Capacity, e.ConfirmedCount }).SingleOrDefaultAsync(cancellationToken);
        return ev is null ? null : new AttendanceEvent(eventId, ev.Title, ev.StartUtc, ev.EndUtc, ev.VenueName, ev.Capacity, ev.ConfirmedCount, EventProgramme.DaysOf(ev.StartUtc, ev.EndUtc));
    }

    public static async Task<PagedResult<AttendanceRow>> PageAsync(
        QuartiersnetzDbContext db, AttendanceEvent ev, DateOnly day, string? text, PageRequest page, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var participants = await ParticipantList.PageAsync(db, ev.Id, new ParticipantFilter(RegistrationStatus.Confirmed, text), page, cancellationToken);
        var rows = await WithAttendanceAsync(db, ev, day, participants.Items, nowUtc, cancellationToken);
        return new PagedResult<AttendanceRow>(rows, participants.Page, participants.PageSize, participants.TotalCount);
    }

    /// <summary>Every confirmed participant in list order (for the PDF and the API's unpaged use).</summary>
    public static async Task<List<AttendanceRow>> AllAsync(QuartiersnetzDbContext db, AttendanceEvent ev, DateOnly day, DateTime nowUtc, CancellationToken cancellationToken) =>
        await WithAttendanceAsync(db, ev, day, await ParticipantList.AllAsync(db, ev.Id, new ParticipantFilter(RegistrationStatus.Confirmed), cancellationToken), nowUtc, cancellationToken);

    public static async Task<AttendanceCounts> CountsAsync(QuartiersnetzDbContext db, Guid eventId, DateOnly day, CancellationToken cancellationToken)
    {
        var confirmed = await db.Set<EventRegistration>().CountAsync(r => r.EventId == eventId && r.Status == RegistrationStatus.Confirmed, cancellationToken);
        var present = await db.Set<AttendanceDay>().Where(a => a.EventId == eventId && a.Day == day)
            .GroupBy(a => 1)
            .Select(g => new { In = g.Count(), Out = g.Count(a => a.CheckedOutAtUtc != null) })
            .SingleOrDefaultAsync(cancellationToken);
        return new AttendanceCounts(confirmed, present?.In ?? 0, present?.Out ?? 0);
    }

    /// <summary>The day's programme of the event (one query for the agenda).</summary>
    public static async Task<IReadOnlyList<DayProgramme>> ProgrammeAsync(QuartiersnetzDbContext db, AttendanceEvent ev, CancellationToken cancellationToken)
    {
        var agenda = await db.Set<AgendaItem>().AsNoTracking().Where(i => i.EventId == ev.Id)
            .Select(i => new ProgrammeItem(i.StartUtc, i.EndUtc, i.Type == AgendaItemType.Pause)).ToListAsync(cancellationToken);
        return AttendedMinutes.Programme(ev.StartUtc, ev.EndUtc, agenda);
    }

    private static async Task<List<AttendanceRow>> WithAttendanceAsync(
        QuartiersnetzDbContext db, AttendanceEvent ev, DateOnly day, IReadOnlyList<ParticipantListRow> participants, DateTime nowUtc, CancellationToken cancellationToken)
    {
        if (participants.Count == 0)
        {
            return [];
        }

        var ids = participants.Select(p => p.RegistrationId).ToList();
        var attendance = await db.Set<AttendanceDay>().AsNoTracking().Where(a => a.EventId == ev.Id && ids.Contains(a.RegistrationId))
            .Select(a => new { a.RegistrationId, a.Day, a.CheckedInAtUtc, a.CheckedOutAtUtc }).ToListAsync(cancellationToken);
        var passes = await db.Set<CheckInPass>().AsNoTracking().Where(p => p.EventId == ev.Id && p.IsWalkIn && ids.Contains(p.RegistrationId))
            .Select(p => new { p.RegistrationId, p.WalkInOrganisation }).ToDictionaryAsync(p => p.RegistrationId, p => p.WalkInOrganisation, cancellationToken);
        var programme = await ProgrammeAsync(db, ev, cancellationToken);
        var byRegistration = attendance.ToLookup(a => a.RegistrationId);
        return
        [
            .. participants.Select(p =>
            {
                var mine = byRegistration[p.RegistrationId].ToList();
                var today = mine.FirstOrDefault(a => a.Day == day);
                var minutes = AttendedMinutes.TotalMinutes(programme, mine.Select(a => (a.Day, a.CheckedInAtUtc, a.CheckedOutAtUtc)), nowUtc);
                var organisation = p.Organisation ?? (passes.TryGetValue(p.RegistrationId, out var typed) ? typed : null);
                return new AttendanceRow(p.RegistrationId, p.DisplayName ?? "", organisation, p.IsGuest, passes.ContainsKey(p.RegistrationId), day,
                    today?.CheckedInAtUtc, today?.CheckedOutAtUtc, minutes);
            }),
        ];
    }
}
