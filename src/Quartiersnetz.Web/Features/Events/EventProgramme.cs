using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Time;

namespace Quartiersnetz.Features.Events;

/// <summary>
/// The programme of one day of an event (Markdown): a study trip's stops on day two, a conference's second day.
/// One row per event and Berlin calendar day; a one-day event has at most one.
/// </summary>
internal sealed class EventProgrammeDay
{
    public const int TextMaxLength = 20_000;

    public Guid EventId { get; set; }

    /// <summary>The calendar day in Europe/Berlin.</summary>
    public DateOnly Day { get; set; }

    public string Text { get; set; } = "";
}

internal sealed class EventProgrammeDayConfiguration : IEntityTypeConfiguration<EventProgrammeDay>
{
    public void Configure(EntityTypeBuilder<EventProgrammeDay> builder)
    {
        builder.ToTable("EventProgrammeDays");
        builder.HasKey(d => new { d.EventId, d.Day });
        builder.Property(d => d.Text).HasMaxLength(EventProgrammeDay.TextMaxLength);
        builder.HasOne<Event>().WithMany().HasForeignKey(d => d.EventId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>A stored day's programme; <see cref="InEvent"/> is false when the event was moved and the day no longer belongs to it.</summary>
internal sealed record ProgrammeDay(DateOnly Day, string Text, bool InEvent);

/// <summary>Edit and read the day-by-day programme of an event.</summary>
internal static class EventProgramme
{
    /// <summary>Study trips last at most a few weeks; longer ranges are not offered day by day.</summary>
    public const int MaxDays = 31;

    /// <summary>The Berlin calendar days from the event's start to its end (at most <see cref="MaxDays"/>).</summary>
    public static IReadOnlyList<DateOnly> DaysOf(DateTime startUtc, DateTime endUtc)
    {
        var first = DateOnly.FromDateTime(BerlinTime.ToBerlin(startUtc));
        var last = DateOnly.FromDateTime(BerlinTime.ToBerlin(endUtc));
        var days = new List<DateOnly>();
        for (var day = first; day <= last && days.Count < MaxDays; day = day.AddDays(1))
        {
            days.Add(day);
        }

        return days;
    }

    /// <summary>"Dienstag, 3. März 2027".</summary>
    public static string Format(DateOnly day) => day.ToString("dddd, d. MMMM yyyy", BerlinTime.Culture);

    /// <summary>
    /// Every day of the event with its stored text (empty when none), plus stored days outside the event's dates
    /// (after the event was moved), so the office sees them and can clear them.
    /// </summary>
    public static async Task<IReadOnlyList<ProgrammeDay>> ForEditingAsync(
        QuartiersnetzDbContext db, Guid eventId, DateTime startUtc, DateTime endUtc, CancellationToken cancellationToken)
    {
        var stored = await StoredAsync(db, eventId, cancellationToken);
        var days = DaysOf(startUtc, endUtc);
        return
        [
            .. days.Select(d => new ProgrammeDay(d, stored.GetValueOrDefault(d, ""), true))
                .Concat(stored.Where(s => !days.Contains(s.Key)).Select(s => new ProgrammeDay(s.Key, s.Value, false)))
                .OrderBy(d => d.Day),
        ];
    }

    /// <summary>The days with a programme, in order, for the event page; days outside the event's dates are left out.</summary>
    public static async Task<IReadOnlyList<ProgrammeDay>> ForEventAsync(
        QuartiersnetzDbContext db, Guid eventId, DateTime startUtc, DateTime endUtc, CancellationToken cancellationToken)
    {
        var days = DaysOf(startUtc, endUtc);
        var stored = await StoredAsync(db, eventId, cancellationToken);
        return [.. stored.Where(s => days.Contains(s.Key)).OrderBy(s => s.Key).Select(s => new ProgrammeDay(s.Key, s.Value, true))];
    }

    private static async Task<Dictionary<DateOnly, string>> StoredAsync(QuartiersnetzDbContext db, Guid eventId, CancellationToken cancellationToken) =>
        await db.Set<EventProgrammeDay>().AsNoTracking().Where(d => d.EventId == eventId)
            .ToDictionaryAsync(d => d.Day, d => d.Text, cancellationToken);

    /// <summary>
    /// Stores the posted texts: an empty text removes the day. A text for a day outside the event's dates, or one that
    /// is too long, refuses the whole save (field "Days[yyyy-MM-dd]"), so nothing is stored half.
    /// </summary>
    public static async Task<SaveEvent.Outcome> SaveAsync(
        QuartiersnetzDbContext db, AuditLog audit, AuditActor actor, Guid eventId, IReadOnlyDictionary<DateOnly, string?> texts,
        CancellationToken cancellationToken)
    {
        var ev = await db.Set<Event>().AsNoTracking().Where(e => e.Id == eventId)
            .Select(e => new { e.Title, e.StartUtc, e.EndUtc }).SingleOrDefaultAsync(cancellationToken);
        if (ev is null)
        {
            return new SaveEvent.Outcome(SaveEvent.Result.NotFound, eventId);
        }

        var days = DaysOf(ev.StartUtc, ev.EndUtc);
        foreach (var (day, text) in texts.OrderBy(t => t.Key))
        {
            if (text?.Length > EventProgrammeDay.TextMaxLength)
            {
                return SaveEvent.Outcome.Refuse(FieldKey(day), "Das Programm für {0} darf höchstens {1} Zeichen haben.", Format(day), EventProgrammeDay.TextMaxLength);
            }

            if (!string.IsNullOrWhiteSpace(text) && !days.Contains(day))
            {
                return SaveEvent.Outcome.Refuse(FieldKey(day), "{0} liegt nicht im Zeitraum der Veranstaltung. Bitte leeren Sie dieses Feld.", Format(day));
            }
        }

        var rows = await db.Set<EventProgrammeDay>().Where(d => d.EventId == eventId).ToDictionaryAsync(d => d.Day, cancellationToken);
        var changes = new List<AuditChange>();
        foreach (var (day, posted) in texts)
        {
            // Browsers post CRLF; stored as LF so the textarea shows it again without a \r character reference.
            var text = posted?.Trim().ReplaceLineEndings("\n") ?? "";
            rows.TryGetValue(day, out var row);
            if (text.Length == 0 && row is not null)
            {
                db.Remove(row);
                changes.Add(new AuditChange($"Programm {day:dd.MM.yyyy}", "vorhanden", null));
            }
            else if (text.Length > 0 && row is null)
            {
                db.Add(new EventProgrammeDay { EventId = eventId, Day = day, Text = text });
                changes.Add(new AuditChange($"Programm {day:dd.MM.yyyy}", null, "eingetragen"));
            }
            else if (row is not null && row.Text != text)
            {
                row.Text = text;
                changes.Add(new AuditChange($"Programm {day:dd.MM.yyyy}", "vorhanden", "geändert"));
            }
        }

        if (changes.Count > 0)
        {
            audit.Record(actor, "event.programme", "Veranstaltung", eventId.ToString(), ev.Title, changes);
            await db.SaveChangesAsync(cancellationToken);
        }

        return new SaveEvent.Outcome(SaveEvent.Result.Saved, eventId);
    }

    /// <summary>The form field of one day, e.g. "Days[2027-03-02]".</summary>
    public static string FieldKey(DateOnly day) => $"Days[{day:yyyy-MM-dd}]";
}
