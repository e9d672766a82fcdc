using Quartiersnetz.Data;
using Quartiersnetz.Platform.Paging;

namespace Quartiersnetz.Features.Events;

/// <summary>A series in a list: its rule and the number of dates the viewer may see.</summary>
internal sealed record EventSeriesSummary(
    Guid Id, string Title, EventType Type, string Rule, DateOnly FirstDate, TimeOnly StartTime, TimeOnly EndTime, EventAudience Audience,
    int OccurrenceCount, DateTime? NextStartUtc);

/// <summary>One date of a series. <see cref="Moved"/>: it no longer follows the rule (moved or changed on its own).</summary>
internal sealed record SeriesOccurrence(
    Guid EventId, DateOnly? OccurrenceDate, DateTime StartUtc, DateTime EndUtc, EventStatus Status, bool Moved, int? Capacity, int ConfirmedCount,
    string? Agenda);

/// <summary>A series with its template and the dates the viewer may see, in order.</summary>
internal sealed record EventSeriesDetails(
    Guid Id, string Title, EventType Type, string Description, string Rule, DateOnly FirstDate, TimeOnly StartTime, TimeOnly EndTime,
    PlaceMode PlaceMode, string? VenueName, string? VenueAddress, string? Organiser, EventAudience Audience, string Language,
    string? AccessibilityInfo, string? FeeText, int? Capacity, bool RequiresConfirmation, string? MunicipalityAgs,
    IReadOnlyList<SeriesOccurrence> Occurrences, string? Summary = null);

internal static class ListEventSeries
{
    /// <summary>Series with at least one date the viewer may see, by first date; one query for the page, one for the count.</summary>
    public static Task<PagedResult<EventSeriesSummary>> HandleAsync(
        QuartiersnetzDbContext db, EventViewer viewer, DateTime nowUtc, PageRequest page, CancellationToken cancellationToken)
    {
        var visible = db.Set<Event>().Where(ListEvents.VisibleTo(db, viewer));
        return db.Set<EventSeries>().AsNoTracking()
            .Where(s => visible.Any(e => e.SeriesId == s.Id))
            .OrderBy(s => s.FirstDate).ThenBy(s => s.Id)
            .Select(s => new EventSeriesSummary(
                s.Id, s.Title, s.Type, s.Rule, s.FirstDate, s.StartTime, s.EndTime, s.Audience,
                visible.Count(e => e.SeriesId == s.Id),
                visible.Where(e => e.SeriesId == s.Id && e.Status == EventStatus.Published && e.EndUtc >= nowUtc)
                    .OrderBy(e => e.StartUtc).Select(e => (DateTime?)e.StartUtc).FirstOrDefault()))
            .ToPageAsync(page, cancellationToken);
    }

    /// <summary>The series if the viewer may see at least one of its dates (the office always); only the dates they may see.</summary>
    public static async Task<EventSeriesDetails?> DetailsAsync(QuartiersnetzDbContext db, EventViewer viewer, Guid id, CancellationToken cancellationToken)
    {
        var s = await db.Set<EventSeries>().AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, cancellationToken);
        if (s is null)
        {
            return null;
        }

        var occurrences = await db.Set<Event>().AsNoTracking()
            .Where(e => e.SeriesId == id)
            .Where(ListEvents.VisibleTo(db, viewer))
            .OrderBy(e => e.StartUtc).ThenBy(e => e.Id)
            .Select(e => new SeriesOccurrence(e.Id, e.OccurrenceDate, e.StartUtc, e.EndUtc, e.Status, e.ChangedInSeries && e.Status == EventStatus.Published,
                e.Capacity, e.ConfirmedCount, e.Agenda))
            .ToListAsync(cancellationToken);
        if (occurrences.Count == 0 && !viewer.IsOffice)
        {
            return null;
        }

        return new EventSeriesDetails(
            s.Id, s.Title, s.Type, s.Description, s.Rule, s.FirstDate, s.StartTime, s.EndTime, s.PlaceMode, s.VenueName, s.VenueAddress,
            s.Organiser, s.Audience, s.Language, s.AccessibilityInfo, s.FeeText, s.Capacity, s.RequiresConfirmation, s.MunicipalityAgs, occurrences);
    }

    /// <summary>Series id and title of an event, for "Teil der Reihe …" on the event page; null for a single event.</summary>
    public static Task<SeriesLink?> SeriesOfAsync(QuartiersnetzDbContext db, Guid eventId, CancellationToken cancellationToken) =>
        db.Set<Event>().AsNoTracking().Where(e => e.Id == eventId && e.SeriesId != null)
            .Join(db.Set<EventSeries>(), e => e.SeriesId, s => s.Id, (e, s) => new SeriesLink(s.Id, s.Title, e.Agenda))
            .SingleOrDefaultAsync(cancellationToken);
}

/// <summary>The series an event belongs to and the event's own agenda.</summary>
internal sealed record SeriesLink(Guid SeriesId, string Title, string? Agenda);
