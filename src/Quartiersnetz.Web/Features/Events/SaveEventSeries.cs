using System.Globalization;
using Quartiersnetz.Data;
using Quartiersnetz.Data.Reference;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Time;

namespace Quartiersnetz.Features.Events;

/// <summary>When and how often a series takes place: the rule, its first Berlin date and the Berlin wall-clock times.</summary>
internal sealed record SeriesSchedule(string Rule, DateOnly FirstDate, TimeOnly StartTime, TimeOnly EndTime, string? MunicipalityAgs = null);

/// <summary>
/// The office creates and changes series and their occurrences. All occurrences of a new series are stored in one
/// SaveChanges, so a refused date stores nothing. Changing the series applies to future occurrences that were not
/// moved, cancelled or changed on their own (<see cref="Event.ChangedInSeries"/>).
/// </summary>
internal static class SaveEventSeries
{
    internal sealed record Outcome(SaveEvent.Result Result, Guid Id, Refusal? Refusal = null, int Count = 0)
    {
        public static Outcome Refuse(Refusal refusal) => new(SaveEvent.Result.Refused, Guid.Empty, refusal);

        public static Outcome Refuse(string field, string message, params object[] args) => Refuse(new Refusal(field, message, args));
    }

    /// <summary>Parses the schedule's text fields (API and form); errors name the field and a German source text.</summary>
    public static SeriesSchedule? ParseSchedule(string? rule, string? firstDate, string? startTime, string? endTime, string? municipalityAgs, Action<string, string> error)
    {
        var ok = true;
        if (!DateOnly.TryParseExact(firstDate?.Trim(), ["yyyy-MM-dd", "dd.MM.yyyy", "d.M.yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            error("FirstDate", "Bitte geben Sie das Datum des ersten Termins an, z. B. 21.01.2026.");
            ok = false;
        }

        if (!TimeOnly.TryParseExact(startTime?.Trim(), ["HH:mm", "H:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var start))
        {
            error("StartTime", "Bitte geben Sie die Uhrzeit des Beginns an, z. B. 10:00.");
            ok = false;
        }

        if (!TimeOnly.TryParseExact(endTime?.Trim(), ["HH:mm", "H:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var end))
        {
            error("EndTime", "Bitte geben Sie die Uhrzeit des Endes an, z. B. 13:00.");
            ok = false;
        }
        else if (ok && end <= start)
        {
            error("EndTime", "Das Ende muss nach dem Beginn liegen (am selben Tag).");
            ok = false;
        }

        var ags = string.IsNullOrWhiteSpace(municipalityAgs) ? null : municipalityAgs.Trim();
        if (ags is not null && (ags.Length != 8 || !ags.All(char.IsAsciiDigit)))
        {
            error("MunicipalityAgs", "Der Gemeindeschlüssel (AGS) hat 8 Ziffern, z. B. 05913000.");
            ok = false;
        }

        return ok ? new SeriesSchedule(SeriesRecurrence.Normalise(rule), date, start, end, ags) : null;
    }

    public static async Task<Outcome> CreateAsync(
        QuartiersnetzDbContext db, AuditLog audit, AuditActor actor, TimeProvider clock, SeriesSchedule schedule, SaveEvent.Input template,
        CancellationToken cancellationToken)
    {
        var (dates, refusal) = SeriesRecurrence.Evaluate(schedule.Rule, schedule.FirstDate, schedule.StartTime);
        if (refusal is not null)
        {
            return Outcome.Refuse(refusal);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (SeriesRecurrence.Utc(dates[0], schedule.StartTime) <= now)
        {
            return Outcome.Refuse("FirstDate", "Der erste Termin muss in der Zukunft liegen.");
        }

        if (schedule.MunicipalityAgs is { } ags && !await db.Set<Municipality>().AnyAsync(m => m.Ags == ags, cancellationToken))
        {
            return Outcome.Refuse("MunicipalityAgs", "Es gibt keine Gemeinde in NRW mit dem Schlüssel {0}.", ags);
        }

        var series = new EventSeries
        {
            Rule = schedule.Rule, FirstDate = schedule.FirstDate, StartTime = schedule.StartTime, EndTime = schedule.EndTime,
            MunicipalityAgs = schedule.MunicipalityAgs, CreatedAtUtc = now, UpdatedAtUtc = now,
        };
        foreach (var date in dates)
        {
            var ev = new Event
            {
                CreatedAtUtc = now, UpdatedAtUtc = now, Status = EventStatus.Published, SeriesId = series.Id, OccurrenceDate = date,
                MunicipalityAgs = schedule.MunicipalityAgs,
            };
            template.StartsAt = new DateTimeOffset(SeriesRecurrence.Utc(date, schedule.StartTime));
            template.EndsAt = new DateTimeOffset(SeriesRecurrence.Utc(date, schedule.EndTime));
            template.Status = null;
            template.MunicipalityAgs = schedule.MunicipalityAgs;
            if (SaveEvent.Prepare(ev, template, out _) is { } refused)
            {
                return Outcome.Refuse(refused);
            }

            var topics = await AssignTopics.HandleAsync(db, TopicKinds.Event, SaveEvent.TopicKey(ev.Id), template.Topics, cancellationToken);
            if (!topics.Succeeded)
            {
                db.ChangeTracker.Clear();
                return Outcome.Refuse(nameof(SaveEvent.Input.Topics), topics.Error!);
            }

            if (date == dates[0])
            {
                CopyTemplate(ev, series);
            }

            db.Add(ev);
        }

        db.Add(series);
        audit.Record(actor, "eventseries.created", "EventSeries", series.Id.ToString(), series.Title,
        [
            new AuditChange("Regel", null, series.Rule),
            new AuditChange("Termine", null, string.Join(", ", dates.Select(d => d.ToString("dd.MM.yyyy", BerlinTime.Culture)))),
            new AuditChange("Uhrzeit", null, $"{series.StartTime:HH\\:mm}–{series.EndTime:HH\\:mm}"),
        ]);
        await db.SaveChangesAsync(cancellationToken);
        return new Outcome(SaveEvent.Result.Saved, series.Id, Count: dates.Count);
    }

    /// <summary>
    /// Changes the template and the times. Applies to future occurrences that were not changed on their own; the rule
    /// itself stays (changing it would add or drop dates; copy the series instead). A capacity below the confirmed seats of any such occurrence refuses everything.
    /// </summary>
    public static async Task<Outcome> UpdateAsync(
        QuartiersnetzDbContext db, AuditLog audit, AuditActor actor, TimeProvider clock, Guid id, TimeOnly startTime, TimeOnly endTime,
        string? municipalityAgs, SaveEvent.Input template, CancellationToken cancellationToken)
    {
        if (endTime <= startTime)
        {
            return Outcome.Refuse("EndTime", "Das Ende muss nach dem Beginn liegen (am selben Tag).");
        }

        if (municipalityAgs is { } ags && !await db.Set<Municipality>().AnyAsync(m => m.Ags == ags, cancellationToken))
        {
            return Outcome.Refuse("MunicipalityAgs", "Es gibt keine Gemeinde in NRW mit dem Schlüssel {0}.", ags);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var series = await db.Set<EventSeries>().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (series is null)
        {
            return new Outcome(SaveEvent.Result.NotFound, id);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var ids = await db.Set<Event>()
            .Where(e => e.SeriesId == id && !e.ChangedInSeries && e.Status == EventStatus.Published && e.StartUtc > now)
            .OrderBy(e => e.StartUtc).Select(e => e.Id).ToListAsync(cancellationToken);
        var changed = 0;
        foreach (var eventId in ids)
        {
            // The same row lock as registrations, so the capacity check cannot race with a registration.
            var ev = (await EventRowLock.LockAndLoadAsync(db, eventId, cancellationToken))!;
            if (template.Capacity is { } capacity && capacity < ev.ConfirmedCount)
            {
                return Outcome.Refuse(nameof(SaveEvent.Input.Capacity),
                    "Für den Termin am {0} sind bereits {1} Personen bestätigt. Die Zahl der Plätze kann nicht unter {1} sinken; es wurde nichts geändert.",
                    BerlinTime.FormatDate(ev.StartUtc), ev.ConfirmedCount);
            }

            var before = Fingerprint(ev);
            var date = ev.OccurrenceDate ?? DateOnly.FromDateTime(BerlinTime.ToBerlin(ev.StartUtc));
            template.StartsAt = new DateTimeOffset(SeriesRecurrence.Utc(date, startTime));
            template.EndsAt = new DateTimeOffset(SeriesRecurrence.Utc(date, endTime));
            template.Status = EventStatus.Published;
            template.MunicipalityAgs = municipalityAgs;
            if (SaveEvent.Prepare(ev, template, out _) is { } refused)
            {
                return Outcome.Refuse(refused);
            }

            ev.MunicipalityAgs = municipalityAgs;
            var topics = await AssignTopics.HandleAsync(db, TopicKinds.Event, SaveEvent.TopicKey(ev.Id), template.Topics, cancellationToken);
            if (!topics.Succeeded)
            {
                return Outcome.Refuse(nameof(SaveEvent.Input.Topics), topics.Error!);
            }

            var topicsChanged = db.ChangeTracker.Entries<TopicAssignment>().Any(e => e.State is EntityState.Added or EntityState.Deleted
                && e.Entity.ItemKey == SaveEvent.TopicKey(ev.Id));
            if (before != Fingerprint(ev) || topicsChanged)
            {
                ev.UpdatedAtUtc = now;
                ev.Sequence++;
                changed++;
            }

            await RegisterForEvent.FillFreeSeatsAsync(db, ev, now, cancellationToken);
        }

        var seriesBefore = (series.Title, series.StartTime, series.EndTime);
        var probe = new Event();
        template.StartsAt = new DateTimeOffset(SeriesRecurrence.Utc(series.FirstDate, startTime));
        template.EndsAt = new DateTimeOffset(SeriesRecurrence.Utc(series.FirstDate, endTime));
        if (SaveEvent.Prepare(probe, template, out _) is { } invalid)
        {
            return Outcome.Refuse(invalid);
        }

        CopyTemplate(probe, series);
        series.StartTime = startTime;
        series.EndTime = endTime;
        series.MunicipalityAgs = municipalityAgs;
        series.UpdatedAtUtc = now;
        audit.Record(actor, "eventseries.updated", "EventSeries", series.Id.ToString(), series.Title,
        [
            new AuditChange("Titel", seriesBefore.Title, series.Title),
            new AuditChange("Uhrzeit", $"{seriesBefore.StartTime:HH\\:mm}–{seriesBefore.EndTime:HH\\:mm}", $"{startTime:HH\\:mm}–{endTime:HH\\:mm}"),
            new AuditChange("Geänderte Termine", null, changed.ToString(CultureInfo.InvariantCulture)),
        ]);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new Outcome(SaveEvent.Result.Saved, id, Count: changed);
    }

    /// <summary>
    /// Moves one occurrence to another time. Refused: a start in the past, an end not after the start, a day on which the
    /// series already has another (not cancelled) occurrence, a cancelled occurrence.
    /// </summary>
    public static async Task<Outcome> MoveAsync(
        QuartiersnetzDbContext db, AuditLog audit, AuditActor actor, TimeProvider clock, Guid seriesId, Guid eventId, DateTimeOffset startsAt,
        DateTimeOffset? endsAt, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var start = startsAt.UtcDateTime;
        if (start <= now)
        {
            return Outcome.Refuse("StartsAt", "Ein Termin kann nicht in die Vergangenheit verschoben werden.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var ev = await EventRowLock.LockAndLoadAsync(db, eventId, cancellationToken);
        if (ev is null || ev.SeriesId != seriesId)
        {
            return new Outcome(SaveEvent.Result.NotFound, eventId);
        }

        if (ev.Status == EventStatus.Cancelled)
        {
            return Outcome.Refuse("StartsAt", "Dieser Termin ist abgesagt und kann nicht verschoben werden.");
        }

        var end = endsAt?.UtcDateTime ?? start + (ev.EndUtc - ev.StartUtc);
        if (end <= start)
        {
            return Outcome.Refuse("EndsAt", "Das Ende muss nach dem Beginn liegen.");
        }

        var day = DateOnly.FromDateTime(BerlinTime.ToBerlin(start));
        var others = await db.Set<Event>().AsNoTracking()
            .Where(e => e.SeriesId == seriesId && e.Id != eventId && e.Status == EventStatus.Published)
            .Select(e => e.StartUtc).ToListAsync(cancellationToken);
        if (others.Any(o => DateOnly.FromDateTime(BerlinTime.ToBerlin(o)) == day))
        {
            return Outcome.Refuse("StartsAt", "Am {0} hat diese Reihe schon einen Termin. Bitte wählen Sie einen anderen Tag.",
                day.ToString("dd.MM.yyyy", BerlinTime.Culture));
        }

        if (start == ev.StartUtc && end == ev.EndUtc)
        {
            return new Outcome(SaveEvent.Result.Unchanged, eventId);
        }

        var changes = new List<AuditChange>
        {
            new("Beginn", BerlinTime.FormatDateTime(ev.StartUtc), BerlinTime.FormatDateTime(start)),
            new("Ende", BerlinTime.FormatDateTime(ev.EndUtc), BerlinTime.FormatDateTime(end)),
        };
        ev.StartUtc = start;
        ev.EndUtc = end;
        ev.ChangedInSeries = true;
        ev.UpdatedAtUtc = now;
        ev.Sequence++;
        audit.Record(actor, "event.moved", "Event", ev.Id.ToString(), ev.Title, changes);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new Outcome(SaveEvent.Result.Saved, eventId);
    }

    /// <summary>Cancels one occurrence (status Cancelled, SEQUENCE raised); registrations stay so participants can be told.</summary>
    public static async Task<Outcome> CancelOccurrenceAsync(
        QuartiersnetzDbContext db, AuditLog audit, AuditActor actor, TimeProvider clock, Guid seriesId, Guid eventId, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var ev = await EventRowLock.LockAndLoadAsync(db, eventId, cancellationToken);
        if (ev is null || ev.SeriesId != seriesId)
        {
            return new Outcome(SaveEvent.Result.NotFound, eventId);
        }

        if (ev.Status == EventStatus.Cancelled)
        {
            return new Outcome(SaveEvent.Result.Unchanged, eventId);
        }

        ev.Status = EventStatus.Cancelled;
        ev.ChangedInSeries = true;
        ev.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        ev.Sequence++;
        audit.Record(actor, "event.cancelled", "Event", ev.Id.ToString(), ev.Title,
            [new AuditChange("Status", nameof(EventStatus.Published), nameof(EventStatus.Cancelled))]);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new Outcome(SaveEvent.Result.Saved, eventId);
    }

    /// <summary>The agenda or note of one occurrence (Markdown); does not detach it from the series.</summary>
    public static async Task<Outcome> SetAgendaAsync(
        QuartiersnetzDbContext db, AuditLog audit, AuditActor actor, TimeProvider clock, Guid seriesId, Guid eventId, string? agenda,
        CancellationToken cancellationToken)
    {
        var text = string.IsNullOrWhiteSpace(agenda) ? null : agenda.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        if (text?.Length > EventSeries.AgendaMaxLength)
        {
            return Outcome.Refuse("Agenda", "Die Tagesordnung darf höchstens {0} Zeichen haben.", EventSeries.AgendaMaxLength);
        }

        var ev = await db.Set<Event>().SingleOrDefaultAsync(e => e.Id == eventId && e.SeriesId == seriesId, cancellationToken);
        if (ev is null)
        {
            return new Outcome(SaveEvent.Result.NotFound, eventId);
        }

        if (ev.Agenda == text)
        {
            return new Outcome(SaveEvent.Result.Unchanged, eventId);
        }

        audit.Record(actor, "event.agenda", "Event", ev.Id.ToString(), ev.Title, [new AuditChange("Tagesordnung", Short(ev.Agenda), Short(text))]);
        ev.Agenda = text;
        ev.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return new Outcome(SaveEvent.Result.Saved, eventId);
    }

    private static string? Short(string? text) => string.IsNullOrEmpty(text) ? null : text.Length <= 200 ? text : text[..200] + " …";

    private static void CopyTemplate(Event from, EventSeries to)
    {
        to.Type = from.Type;
        to.Title = from.Title;
        to.Description = from.Description;
        to.PlaceMode = from.PlaceMode;
        to.VenueName = from.VenueName;
        to.VenueAddress = from.VenueAddress;
        to.OnlineLink = from.OnlineLink;
        to.Organiser = from.Organiser;
        to.Audience = from.Audience;
        to.Language = from.Language;
        to.AccessibilityInfo = from.AccessibilityInfo;
        to.FeeText = from.FeeText;
        to.Capacity = from.Capacity;
        to.RequiresConfirmation = from.RequiresConfirmation;
    }

    private static string Fingerprint(Event e) => string.Join('\u001f',
        e.Type, e.Title, e.Description, e.StartUtc.Ticks, e.EndUtc.Ticks, e.PlaceMode, e.VenueName, e.VenueAddress, e.OnlineLink, e.Organiser,
        e.Audience, e.Language, e.AccessibilityInfo, e.FeeText, e.Capacity, e.RequiresConfirmation, e.MunicipalityAgs);
}
