using System.Globalization;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Evaluation;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Platform.Localization;
using Quartiersnetz.Platform.Time;

namespace Quartiersnetz.Features.Events;

/// <summary>
/// Evaluates a series rule (RFC 5545 RRULE, through Ical.Net) into Berlin dates and describes it in German.
/// Limits (decided for issue 5): the rule must end (COUNT or UNTIL), yield at least one and at most <see cref="MaxOccurrences"/>
/// dates within <see cref="MaxYears"/> years of the first date, at most one per day (FREQ DAILY or coarser, no BYHOUR…).
/// </summary>
internal static class SeriesRecurrence
{
    public const int MaxOccurrences = 200;
    public const int MaxYears = 3;

    /// <summary>The occurrence dates, or a refusal for the field "Rule".</summary>
    public static (List<DateOnly> Dates, Refusal? Refusal) Evaluate(string? rule, DateOnly firstDate, TimeOnly startTime)
    {
        var text = Normalise(rule);
        if (text.Length == 0)
        {
            return ([], new Refusal("Rule", "Bitte geben Sie die Wiederholungsregel an."));
        }

        if (text.Length > EventSeries.RuleMaxLength)
        {
            return ([], new Refusal("Rule", "Die Wiederholungsregel darf höchstens {0} Zeichen haben.", EventSeries.RuleMaxLength));
        }

        RecurrencePattern pattern;
        try
        {
            pattern = new RecurrencePattern(text);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException or OverflowException)
        {
            return ([], new Refusal("Rule", "Die Wiederholungsregel ist keine gültige RRULE nach RFC 5545 (z. B. FREQ=MONTHLY;BYDAY=3WE;COUNT=12)."));
        }

        if (pattern.Frequency is not (FrequencyType.Daily or FrequencyType.Weekly or FrequencyType.Monthly or FrequencyType.Yearly)
            || pattern.ByHour.Count > 0 || pattern.ByMinute.Count > 0 || pattern.BySecond.Count > 0)
        {
            return ([], new Refusal("Rule", "Eine Reihe hat höchstens einen Termin am Tag: erlaubt sind FREQ=DAILY, WEEKLY, MONTHLY oder YEARLY ohne BYHOUR, BYMINUTE und BYSECOND."));
        }

        if (pattern.Count is null && pattern.Until is null)
        {
            return ([], new Refusal("Rule", "Die Reihe endet nie. Bitte geben Sie eine Anzahl (COUNT) oder ein Enddatum (UNTIL) an; höchstens {0} Termine in {1} Jahren.",
                MaxOccurrences, MaxYears));
        }

        if (pattern.Count is <= 0)
        {
            return ([], new Refusal("Rule", "Die Anzahl der Termine (COUNT) muss mindestens 1 sein."));
        }

        var limit = firstDate.AddYears(MaxYears);
        var ev = new CalendarEvent
        {
            DtStart = new CalDateTime(firstDate, startTime, BerlinTime.Zone.Id),
            Duration = Duration.FromHours(1),
            RecurrenceRule = pattern,
        };
        var dates = new List<DateOnly>();
        try
        {
            foreach (var occurrence in ev.GetOccurrences(null, new EvaluationOptions { MaxUnmatchedIncrementsLimit = 2000 }))
            {
                var date = occurrence.Period.StartTime.Date;
                if (date > limit || dates.Count == MaxOccurrences)
                {
                    return ([], new Refusal("Rule", "Die Regel ergibt mehr als {0} Termine oder reicht weiter als {1} Jahre. Bitte begrenzen Sie sie mit COUNT oder UNTIL.",
                        MaxOccurrences, MaxYears));
                }

                if (dates.Count == 0 || dates[^1] != date)
                {
                    dates.Add(date);
                }
            }
        }
        catch (EvaluationLimitExceededException)
        {
            // The rule matches no day at all (e.g. 30 February): evaluation gives up instead of looping forever.
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or OverflowException)
        {
            return ([], new Refusal("Rule", "Die Wiederholungsregel ist keine gültige RRULE nach RFC 5545 (z. B. FREQ=MONTHLY;BYDAY=3WE;COUNT=12)."));
        }

        return dates.Count == 0
            ? ([], new Refusal("Rule", "Die Regel ergibt keinen einzigen Termin. Bitte prüfen Sie Wochentag, Monatstag und Enddatum."))
            : (dates, null);
    }

    /// <summary>The UTC instant of a Berlin date and wall-clock time; a time skipped by the change to summer time moves one hour on.</summary>
    public static DateTime Utc(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time);
        return BerlinTime.ToUtc(local) ?? BerlinTime.ToUtc(local.AddHours(1))!.Value;
    }

    public static string Normalise(string? rule)
    {
        var text = (rule ?? "").Trim();
        return text.StartsWith("RRULE:", StringComparison.OrdinalIgnoreCase) ? text[6..].Trim() : text;
    }

    /// <summary>
    /// A German summary such as "jeden 3. Mittwoch im Monat, 10:00–13:00 Uhr, 12 Termine". Rules the builder cannot
    /// write are shown as "nach der Regel …".
    /// </summary>
    public static string Describe(string rule, TimeOnly start, TimeOnly end, IStringLocalizer<Texts> l)
    {
        var times = l["{0}–{1} Uhr", start.ToString("HH:mm", CultureInfo.InvariantCulture), end.ToString("HH:mm", CultureInfo.InvariantCulture)].Value;
        RecurrencePattern pattern;
        try
        {
            pattern = new RecurrencePattern(Normalise(rule));
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            return l["nach der Regel {0}", rule].Value;
        }

        var when = Rhythm(pattern, l) ?? l["nach der Regel {0}", Normalise(rule)].Value;
        var ending = pattern.Count is { } count
            ? l["{0} Termine", count].Value
            : pattern.Until is { } until ? l["bis {0}", DateOnly.FromDateTime(BerlinTime.ToBerlin(until.AsUtc)).ToString("dd.MM.yyyy", BerlinTime.Culture)].Value : null;
        return ending is null ? $"{when}, {times}" : $"{when}, {times}, {ending}";
    }

    private static string? Rhythm(RecurrencePattern p, IStringLocalizer<Texts> l)
    {
        var n = p.Interval;
        var noOther = p.ByMonth.Count == 0 && p.ByYearDay.Count == 0 && p.ByWeekNo.Count == 0 && p.BySetPosition.Count == 0;
        if (!noOther)
        {
            return null;
        }

        switch (p.Frequency)
        {
            case FrequencyType.Daily when p.ByDay.Count == 0 && p.ByMonthDay.Count == 0:
                return n == 1 ? l["täglich"].Value : l["alle {0} Tage", n].Value;
            case FrequencyType.Weekly when p.ByMonthDay.Count == 0 && p.ByDay.All(d => d.Offset is null):
                var days = p.ByDay.Count == 0 ? null : JoinGerman(p.ByDay.Select(d => l[DayName(d.DayOfWeek)].Value).ToList(), l);
                return (n, days) switch
                {
                    (1, null) => l["wöchentlich"].Value,
                    (1, _) => l["jeden {0}", days].Value,
                    (_, null) => l["alle {0} Wochen", n].Value,
                    _ => l["alle {0} Wochen am {1}", n, days].Value,
                };
            case FrequencyType.Monthly when p.ByDay.Count == 1 && p.ByDay[0].Offset is { } offset && p.ByMonthDay.Count == 0:
                var day = l[DayName(p.ByDay[0].DayOfWeek)].Value;
                var ordinal = offset == -1 ? l["letzten"].Value : offset.ToString(CultureInfo.InvariantCulture) + ".";
                return n == 1 ? l["jeden {0} {1} im Monat", ordinal, day].Value : l["alle {0} Monate am {1} {2}", n, ordinal, day].Value;
            case FrequencyType.Monthly when p.ByDay.Count == 0 && p.ByMonthDay.Count == 1:
                var monthDay = p.ByMonthDay[0];
                var dayText = monthDay == -1 ? l["letzten Tag"].Value : monthDay.ToString(CultureInfo.InvariantCulture) + ".";
                return n == 1 ? l["jeden Monat am {0}", dayText].Value : l["alle {0} Monate am {1}", n, dayText].Value;
            case FrequencyType.Yearly when p.ByDay.Count == 0 && p.ByMonthDay.Count == 0:
                return n == 1 ? l["jährlich"].Value : l["alle {0} Jahre", n].Value;
            default:
                return null;
        }
    }

    private static string JoinGerman(List<string> parts, IStringLocalizer<Texts> l) =>
        parts.Count == 1 ? parts[0] : string.Join(", ", parts[..^1]) + " " + l["und"].Value + " " + parts[^1];

    public static string DayName(DayOfWeek day) => day switch
    {
        DayOfWeek.Monday => "Montag",
        DayOfWeek.Tuesday => "Dienstag",
        DayOfWeek.Wednesday => "Mittwoch",
        DayOfWeek.Thursday => "Donnerstag",
        DayOfWeek.Friday => "Freitag",
        DayOfWeek.Saturday => "Samstag",
        _ => "Sonntag",
    };

    /// <summary>RFC 5545 two-letter day codes, Monday first.</summary>
    public static IReadOnlyList<(string Code, DayOfWeek Day)> Days { get; } =
    [
        ("MO", DayOfWeek.Monday), ("TU", DayOfWeek.Tuesday), ("WE", DayOfWeek.Wednesday), ("TH", DayOfWeek.Thursday),
        ("FR", DayOfWeek.Friday), ("SA", DayOfWeek.Saturday), ("SU", DayOfWeek.Sunday),
    ];
}

/// <summary>
/// What the planner picks in the office's rule builder; <see cref="ToRule"/> writes the RRULE. Everything is text so
/// wrong values get German messages (keys "Rule.Field").
/// </summary>
internal sealed class SeriesRuleInput
{
    /// <summary>"weekly", "monthlyWeekday" or "monthlyDay".</summary>
    public string? Frequency { get; set; } = "monthlyWeekday";

    public string? Interval { get; set; } = "1";

    /// <summary>Weekly: the two-letter day codes.</summary>
    public List<string> WeekDays { get; set; } = [];

    /// <summary>Monthly on the n-th weekday: 1–4, or -1 for the last.</summary>
    public string? Ordinal { get; set; } = "1";

    /// <summary>Monthly on the n-th weekday: the day code.</summary>
    public string? WeekDay { get; set; } = "WE";

    /// <summary>Monthly on day X: 1–31.</summary>
    public string? MonthDay { get; set; }

    /// <summary>"count" or "until".</summary>
    public string? EndKind { get; set; } = "count";

    public string? Count { get; set; } = "12";

    /// <summary>Last possible date (Berlin), yyyy-MM-dd or dd.MM.yyyy.</summary>
    public string? Until { get; set; }

    /// <summary>The RRULE, or null with errors added through <paramref name="error"/> (field name, German source text).</summary>
    public string? ToRule(Action<string, string> error)
    {
        var parts = new List<string>();
        var interval = 1;
        if (!string.IsNullOrWhiteSpace(Interval) && (!int.TryParse(Interval.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out interval) || interval is < 1 or > 12))
        {
            error(nameof(Interval), "Das Intervall muss eine ganze Zahl zwischen 1 und 12 sein.");
            return null;
        }

        switch (Frequency)
        {
            case "weekly":
                var days = WeekDays.Where(d => SeriesRecurrence.Days.Any(x => x.Code == d)).Distinct(StringComparer.Ordinal).ToList();
                if (days.Count == 0 || days.Count != WeekDays.Count)
                {
                    error(nameof(WeekDays), "Bitte wählen Sie mindestens einen Wochentag.");
                    return null;
                }

                parts.Add("FREQ=WEEKLY");
                parts.Add("BYDAY=" + string.Join(",", SeriesRecurrence.Days.Where(x => days.Contains(x.Code)).Select(x => x.Code)));
                break;
            case "monthlyWeekday":
                if (Ordinal is not ("1" or "2" or "3" or "4" or "-1") || !SeriesRecurrence.Days.Any(x => x.Code == WeekDay))
                {
                    error(nameof(WeekDay), "Bitte wählen Sie, am wievielten Wochentag im Monat.");
                    return null;
                }

                parts.Add("FREQ=MONTHLY");
                parts.Add("BYDAY=" + Ordinal + WeekDay);
                break;
            case "monthlyDay":
                if (!int.TryParse(MonthDay?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var monthDay) || monthDay is < 1 or > 31)
                {
                    error(nameof(MonthDay), "Der Tag im Monat muss zwischen 1 und 31 liegen.");
                    return null;
                }

                parts.Add("FREQ=MONTHLY");
                parts.Add("BYMONTHDAY=" + monthDay.ToString(CultureInfo.InvariantCulture));
                break;
            default:
                error(nameof(Frequency), "Bitte wählen Sie, wie oft sich die Veranstaltung wiederholt.");
                return null;
        }

        if (interval > 1)
        {
            parts.Add("INTERVAL=" + interval.ToString(CultureInfo.InvariantCulture));
        }

        if (EndKind == "until")
        {
            if (!DateOnly.TryParseExact(Until?.Trim(), ["yyyy-MM-dd", "dd.MM.yyyy", "d.M.yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var until))
            {
                error(nameof(Until), "Bitte geben Sie das Enddatum an, z. B. 31.12.2026.");
                return null;
            }

            // UNTIL is UTC when DTSTART has a time zone (RFC 5545 3.3.10): the end of that day in Berlin.
            var utc = SeriesRecurrence.Utc(until, new TimeOnly(23, 59, 59));
            parts.Add("UNTIL=" + utc.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture));
        }
        else
        {
            if (!int.TryParse(Count?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count is < 1 or > SeriesRecurrence.MaxOccurrences)
            {
                error(nameof(Count), "Die Anzahl der Termine muss zwischen 1 und 200 liegen.");
                return null;
            }

            parts.Add("COUNT=" + count.ToString(CultureInfo.InvariantCulture));
        }

        return string.Join(";", parts);
    }
}
