using Quartiersnetz.Features.Attendance;
using Quartiersnetz.Platform.Time;

namespace Quartiersnetz.UnitTests.Attendance;

/// <summary>Net minutes: overlap of presence and programme per Berlin day, breaks taken out, correct across the clock change.</summary>
public sealed class AttendedMinutesTests
{
    private static DateTime Berlin(int year, int month, int day, int hour, int minute = 0) =>
        BerlinTime.ToUtc(new DateTime(year, month, day, hour, minute, 0))!.Value;

    [Fact]
    public void A_day_counts_the_programme_time_present_without_the_break()
    {
        var programme = AttendedMinutes.Programme(Berlin(2027, 1, 14, 9), Berlin(2027, 1, 14, 17),
        [
            new ProgrammeItem(Berlin(2027, 1, 14, 9), Berlin(2027, 1, 14, 12), false),
            new ProgrammeItem(Berlin(2027, 1, 14, 12), Berlin(2027, 1, 14, 13), true),
            new ProgrammeItem(Berlin(2027, 1, 14, 13), Berlin(2027, 1, 14, 17), false),
        ]);

        // Arrived before the start, left at 15:00: 9–15 is six hours, one of them the lunch break.
        Assert.Equal(300, AttendedMinutes.TotalMinutes(programme, [(new DateOnly(2027, 1, 14), Berlin(2027, 1, 14, 8, 30), Berlin(2027, 1, 14, 15))]));
        // Without a check-out: until the end of the programme.
        Assert.Equal(420, AttendedMinutes.TotalMinutes(programme, [(new DateOnly(2027, 1, 14), Berlin(2027, 1, 14, 8, 30), null)]));
        // Arriving in the break counts from its end.
        Assert.Equal(240, AttendedMinutes.TotalMinutes(programme, [(new DateOnly(2027, 1, 14), Berlin(2027, 1, 14, 12, 30), null)]));
        // While the day runs, an open check-in counts until now, not until the end.
        Assert.Equal(90, AttendedMinutes.TotalMinutes(programme, [(new DateOnly(2027, 1, 14), Berlin(2027, 1, 14, 8, 30), null)], nowUtc: Berlin(2027, 1, 14, 10, 30)));
        // Checked in after the end: nothing.
        Assert.Equal(0, AttendedMinutes.TotalMinutes(programme, [(new DateOnly(2027, 1, 14), Berlin(2027, 1, 14, 18), null)]));
    }

    [Fact]
    public void The_night_the_clocks_go_back_has_an_hour_more()
    {
        // 24 October 2026 22:00 (summer time) to 25 October 04:00 (winter time): six hours on the wall, seven in reality.
        var programme = AttendedMinutes.Programme(Berlin(2026, 10, 24, 22), Berlin(2026, 10, 25, 4), []);

        Assert.Equal(2, programme.Count);
        Assert.Equal(120, AttendedMinutes.TotalMinutes(programme, [(new DateOnly(2026, 10, 24), Berlin(2026, 10, 24, 22), null)]));
        Assert.Equal(300, AttendedMinutes.TotalMinutes(programme, [(new DateOnly(2026, 10, 25), Berlin(2026, 10, 25, 0), null)]));
        Assert.Equal(25, AttendedMinutes.CalendarDay(new DateOnly(2026, 10, 25)).Length.TotalHours);
        Assert.Equal(23, AttendedMinutes.CalendarDay(new DateOnly(2027, 3, 28)).Length.TotalHours);
    }

    [Fact]
    public void Several_days_add_up_and_the_agenda_bounds_a_middle_day()
    {
        // A three-day study trip: Monday 10:00 to Wednesday 14:00; Tuesday's agenda runs 9:00–17:00 with a break of 30 minutes.
        var programme = AttendedMinutes.Programme(Berlin(2027, 5, 10, 10), Berlin(2027, 5, 12, 14),
        [
            new ProgrammeItem(Berlin(2027, 5, 11, 9), Berlin(2027, 5, 11, 12), false),
            new ProgrammeItem(Berlin(2027, 5, 11, 12), Berlin(2027, 5, 11, 12, 30), true),
            new ProgrammeItem(Berlin(2027, 5, 11, 12, 30), Berlin(2027, 5, 11, 17), false),
        ]);

        Assert.Equal(3, programme.Count);
        Assert.Equal(Berlin(2027, 5, 11, 9), programme[1].Programme.StartUtc);
        Assert.Equal(Berlin(2027, 5, 11, 17), programme[1].Programme.EndUtc);
        var minutes = AttendedMinutes.TotalMinutes(programme,
        [
            (new DateOnly(2027, 5, 10), Berlin(2027, 5, 10, 10), Berlin(2027, 5, 10, 12)), // 120
            (new DateOnly(2027, 5, 11), Berlin(2027, 5, 11, 8), null), // 9–17 minus 30 = 450
            (new DateOnly(2027, 5, 12), Berlin(2027, 5, 12, 13), null), // 60
        ]);
        Assert.Equal(630, minutes);
    }

    [Fact]
    public void Parallel_breaks_count_once_and_seconds_are_cut_once_at_the_end()
    {
        var day = new DayProgramme(new DateOnly(2027, 2, 1), new TimeSpanUtc(Berlin(2027, 2, 1, 9), Berlin(2027, 2, 1, 12)),
        [
            new TimeSpanUtc(Berlin(2027, 2, 1, 10), Berlin(2027, 2, 1, 10, 30)),
            new TimeSpanUtc(Berlin(2027, 2, 1, 10, 15), Berlin(2027, 2, 1, 10, 45)),
        ]);

        Assert.Equal(TimeSpan.FromMinutes(135), AttendedMinutes.Net(day, Berlin(2027, 2, 1, 9), null));
        var programme = new[] { day };
        var halfMinute = TimeSpan.FromSeconds(30);
        Assert.Equal(1, AttendedMinutes.TotalMinutes(programme,
        [
            (day.Day, Berlin(2027, 2, 1, 9), Berlin(2027, 2, 1, 9) + halfMinute),
            (day.Day, Berlin(2027, 2, 1, 11), Berlin(2027, 2, 1, 11) + halfMinute),
        ]));
    }
}
