using Quartiersnetz.Platform.Time;

namespace Quartiersnetz.Features.Attendance;

/// <summary>A span of time in UTC.</summary>
internal readonly record struct TimeSpanUtc(DateTime StartUtc, DateTime EndUtc)
{
    public TimeSpan Length => EndUtc > StartUtc ? EndUtc - StartUtc : TimeSpan.Zero;

    public TimeSpanUtc Intersect(TimeSpanUtc other) =>
        new(StartUtc > other.StartUtc ? StartUtc : other.StartUtc, EndUtc < other.EndUtc ? EndUtc : other.EndUtc);
}

/// <summary>The programme time of one Berlin day of an event and the breaks in it.</summary>
internal sealed record DayProgramme(DateOnly Day, TimeSpanUtc Programme, IReadOnlyList<TimeSpanUtc> Breaks);

/// <summary>One agenda item as far as the minutes care: its time and whether it is a break.</summary>
internal readonly record struct ProgrammeItem(DateTime StartUtc, DateTime EndUtc, bool IsBreak);

/// <summary>
/// Attended net minutes, computed in this one place: per day, the overlap of [check-in, check-out] with that day's
/// programme time, minus the breaks (agenda items of type Pause) inside that overlap; summed over the days. Everything
/// is in UTC, so a day on which the clocks change simply has 23 or 25 hours; days are Berlin calendar days.
/// </summary>
internal static class AttendedMinutes
{
    /// <summary>
    /// The programme of each day: the event's own time on that day (its start on the first, its end on the last day,
    /// otherwise the whole calendar day), narrowed to the first and last agenda item of the day when the agenda has
    /// items that day — for a multi-day event the agenda is what says when a middle day begins and ends.
    /// </summary>
    public static IReadOnlyList<DayProgramme> Programme(DateTime eventStartUtc, DateTime eventEndUtc, IReadOnlyCollection<ProgrammeItem> agenda)
    {
        var days = new List<DayProgramme>();
        foreach (var day in Events.EventProgramme.DaysOf(eventStartUtc, eventEndUtc))
        {
            var window = CalendarDay(day).Intersect(new TimeSpanUtc(eventStartUtc, eventEndUtc));
            var items = agenda.Where(i => new TimeSpanUtc(i.StartUtc, i.EndUtc).Intersect(window).Length > TimeSpan.Zero).ToList();
            if (items.Count > 0)
            {
                window = window.Intersect(new TimeSpanUtc(items.Min(i => i.StartUtc), items.Max(i => i.EndUtc)));
            }

            days.Add(new DayProgramme(day, window, [.. items.Where(i => i.IsBreak).Select(i => new TimeSpanUtc(i.StartUtc, i.EndUtc).Intersect(window))]));
        }

        return days;
    }

    /// <summary>
    /// Net time present on <paramref name="day"/>. Without a check-out the person counts as present until the end of the
    /// day's programme (people rarely check out; the office checks out those who leave early) — or, while the day is
    /// still running, until <paramref name="nowUtc"/>, so the list never shows minutes not yet attended.
    /// </summary>
    public static TimeSpan Net(DayProgramme day, DateTime checkedInUtc, DateTime? checkedOutUtc, DateTime? nowUtc = null)
    {
        var end = checkedOutUtc ?? (nowUtc is { } now && now < day.Programme.EndUtc ? now : day.Programme.EndUtc);
        var present = new TimeSpanUtc(checkedInUtc, end).Intersect(day.Programme);
        if (present.Length == TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        return present.Length - Merged(day.Breaks.Select(b => b.Intersect(present)).Where(b => b.Length > TimeSpan.Zero))
            .Aggregate(TimeSpan.Zero, (sum, b) => sum + b.Length);
    }

    /// <summary>Whole minutes over all days (seconds are summed first, then cut to minutes once).</summary>
    public static int TotalMinutes(
        IReadOnlyList<DayProgramme> programme, IEnumerable<(DateOnly Day, DateTime CheckedInUtc, DateTime? CheckedOutUtc)> attendance, DateTime? nowUtc = null)
    {
        var total = TimeSpan.Zero;
        foreach (var (day, checkedIn, checkedOut) in attendance)
        {
            if (programme.FirstOrDefault(p => p.Day == day) is { } dayProgramme)
            {
                total += Net(dayProgramme, checkedIn, checkedOut, nowUtc);
            }
        }

        return (int)Math.Floor(total.TotalMinutes);
    }

    /// <summary>The whole Berlin calendar day in UTC (23, 24 or 25 hours).</summary>
    public static TimeSpanUtc CalendarDay(DateOnly day) =>
        new(BerlinTime.ToUtc(day.ToDateTime(TimeOnly.MinValue))!.Value, BerlinTime.ToUtc(day.AddDays(1).ToDateTime(TimeOnly.MinValue))!.Value);

    /// <summary>Overlapping breaks (parallel sessions may both be breaks) count once.</summary>
    private static IEnumerable<TimeSpanUtc> Merged(IEnumerable<TimeSpanUtc> spans)
    {
        TimeSpanUtc? current = null;
        foreach (var span in spans.OrderBy(s => s.StartUtc))
        {
            if (current is { } open && span.StartUtc <= open.EndUtc)
            {
                current = open with { EndUtc = span.EndUtc > open.EndUtc ? span.EndUtc : open.EndUtc };
            }
            else
            {
                if (current is { } done)
                {
                    yield return done;
                }

                current = span;
            }
        }

        if (current is { } last)
        {
            yield return last;
        }
    }
}
