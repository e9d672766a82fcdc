using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Quartiersnetz.Platform.Time;

namespace Quartiersnetz.Features.Events;

/// <summary>
/// What a calendar entry shows of one event. <see cref="OnlineLink"/> is set only when the reader may see it
/// (a confirmed participant); everyone else gets the event page instead.
/// </summary>
internal sealed record CalendarEntry(
    Guid Id, string Title, string Description, DateTime StartUtc, DateTime EndUtc, PlaceMode PlaceMode, string? VenueName,
    string? VenueAddress, string? OnlineLink, EventStatus Status, int Sequence, DateTime UpdatedAtUtc, bool Tentative = false)
{
    /// <summary>The agenda as plain text (<see cref="EventAgenda.PlainText"/>), or null when there is none.</summary>
    public string? Agenda { get; init; }

    public static CalendarEntry From(Event e, bool withOnlineLink) => new(
        e.Id, e.Title, e.Description, e.StartUtc, e.EndUtc, e.PlaceMode, e.VenueName, e.VenueAddress,
        withOnlineLink ? e.OnlineLink : null, e.Status, e.Sequence, e.UpdatedAtUtc);
}

/// <summary>
/// Writes iCalendar (RFC 5545) for a list of events: the .ics download, the public and the personal feeds, the mail
/// attachments — and any later feed (a series) through the same method. Times are written in Europe/Berlin with a
/// VTIMEZONE; the UID comes from the event id so calendars recognise an update; SEQUENCE is the event's change counter;
/// DTSTAMP is the last change (no METHOD in feeds, where RFC 5545 gives DTSTAMP that meaning), so a feed is the same
/// bytes until something changes.
/// </summary>
internal static class EventCalendar
{
    public const string ContentType = "text/calendar; charset=utf-8";
    public const string ProductId = "-//AG Soziale Stadt NRW//Quartiersnetz//DE";
    public const string TimeZoneId = "Europe/Berlin";

    /// <summary>The stable UID of an event, the same in every feed and mail.</summary>
    public static string Uid(Guid eventId) => $"veranstaltung-{eventId:N}@quartiersnetz";

    /// <param name="entries">The events, in the order they should appear.</param>
    /// <param name="eventUrl">The absolute address of an event's page.</param>
    /// <param name="calendarName">Shown by calendar apps for a subscribed feed; null for a single event.</param>
    /// <param name="method">"PUBLISH" for mail attachments; null for feeds and downloads.</param>
    public static string Write(IEnumerable<CalendarEntry> entries, Func<Guid, string> eventUrl, string? calendarName = null, string? method = null)
    {
        var calendar = new Calendar { ProductId = ProductId, Version = "2.0" };
        if (method is not null)
        {
            calendar.Method = method;
        }

        if (calendarName is not null)
        {
            calendar.AddProperty("X-WR-CALNAME", calendarName);
            calendar.AddProperty("X-WR-TIMEZONE", TimeZoneId);
        }

        var list = entries.ToList();
        // The zone rules from the earliest event on, so every time in the file resolves with them.
        var earliest = list.Count == 0 ? DateTime.UtcNow : list.Min(e => e.StartUtc);
        calendar.AddTimeZone(VTimeZone.FromDateTimeZone(TimeZoneId, earliest.AddYears(-1), includeHistoricalData: false));
        foreach (var e in list)
        {
            calendar.Events.Add(ToComponent(e, eventUrl(e.Id)));
        }

        return new CalendarSerializer().SerializeToString(calendar)!;
    }

    private static CalendarEvent ToComponent(CalendarEntry e, string url)
    {
        var description = new List<string>();
        if (e.Status == EventStatus.Cancelled)
        {
            description.Add("Diese Veranstaltung wurde abgesagt.");
        }

        if (!string.IsNullOrWhiteSpace(e.Description))
        {
            description.Add(e.Description.Length > 2000 ? e.Description[..2000] + " …" : e.Description);
        }

        if (e.Agenda is not null)
        {
            description.Add(e.Agenda);
        }

        if (e.OnlineLink is not null)
        {
            description.Add("Online-Zugang: " + e.OnlineLink);
        }

        description.Add("Alle Angaben: " + url);
        var stamp = new CalDateTime(DateTime.SpecifyKind(e.UpdatedAtUtc, DateTimeKind.Utc));
        var component = new CalendarEvent
        {
            Uid = Uid(e.Id),
            Summary = e.Status == EventStatus.Cancelled ? "Abgesagt: " + e.Title : e.Title,
            Description = string.Join("\n\n", description),
            Start = Berlin(e.StartUtc),
            End = Berlin(e.EndUtc),
            DtStamp = stamp,
            LastModified = stamp,
            Sequence = e.Sequence,
            Status = e.Status == EventStatus.Cancelled ? StatusCancelled : e.Tentative ? StatusTentative : StatusConfirmed,
            Url = new Uri(url),
            Location = Location(e),
        };
        return component;
    }

    private const string StatusCancelled = "CANCELLED";
    private const string StatusConfirmed = "CONFIRMED";
    private const string StatusTentative = "TENTATIVE";

    private static string? Location(CalendarEntry e)
    {
        var place = string.Join(", ", new[] { e.VenueName, e.VenueAddress }.Where(p => !string.IsNullOrWhiteSpace(p)));
        return e.PlaceMode switch
        {
            PlaceMode.Online => e.OnlineLink ?? "Online",
            PlaceMode.Hybrid => place.Length == 0 ? "Online" : place + " und online",
            _ => place.Length == 0 ? null : place,
        };
    }

    /// <summary>A UTC instant as Berlin wall-clock time with TZID, as calendar apps show it best.</summary>
    private static CalDateTime Berlin(DateTime utc) =>
        new(DateTime.SpecifyKind(BerlinTime.ToBerlin(DateTime.SpecifyKind(utc, DateTimeKind.Utc)), DateTimeKind.Unspecified), TimeZoneId);
}
