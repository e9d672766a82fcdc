using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using Quartiersnetz.Data;
using Quartiersnetz.Data.Reference;
using Quartiersnetz.Features.Events;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Time;

namespace Quartiersnetz.Features.Minutes;

/// <summary>
/// The office writes the minutes of an event: saves (by hand or autosave), restores an old revision, moves the state
/// forward and records decisions and follow-ups. Every write names the revision it started from; a write on top of a
/// newer one is answered with <see cref="Result.Conflict"/> and the other person's text, never stored over it.
/// </summary>
internal static class EditMinutes
{
    internal enum Result
    {
        Saved,
        Unchanged,
        NotFound,
        Refused,
        Conflict,
    }

    /// <summary>What the other editor saved, for the conflict warning.</summary>
    internal sealed record Newer(int Revision, string Text, string? AuthorName, DateTime SavedAtUtc);

    internal sealed record Outcome(Result Result, IReadOnlyList<Refusal> Refusals, int Revision = 0, Newer? Conflict = null, Guid? ItemId = null)
    {
        public static Outcome NotFound { get; } = new(Result.NotFound, []);

        public static Outcome Refuse(string field, string message, params object[] args) => new(Result.Refused, [new Refusal(field, message, args)]);
    }

    /// <summary>A save: the text, the revision the editor started from (0 = new minutes), the note (needed after publication).</summary>
    internal sealed record SaveInput(string? Text, int BaseRevision, string? Note, bool Autosave = false);

    public static async Task<Outcome> SaveAsync(
        QuartiersnetzDbContext db, AuditLog audit, AuditActor actor, TimeProvider clock, Guid eventId, SaveInput input, CancellationToken cancellationToken)
    {
        var text = input.Text?.Trim().ReplaceLineEndings("\n") ?? "";
        var note = input.Note?.Trim() ?? "";
        var refusals = new List<Refusal>();
        if (text.Length == 0)
        {
            refusals.Add(new Refusal("Text", "Bitte geben Sie den Text des Protokolls ein."));
        }
        else if (text.Length > EventMinutes.TextMaxLength)
        {
            refusals.Add(new Refusal("Text", "Das Protokoll darf höchstens {0} Zeichen haben.", EventMinutes.TextMaxLength));
        }

        if (note.Length > EventMinutes.NoteMaxLength)
        {
            refusals.Add(new Refusal("Note", "Die Begründung darf höchstens {0} Zeichen haben.", EventMinutes.NoteMaxLength));
        }

        return await WriteAsync(db, audit, actor, clock, eventId, input.BaseRevision, text, note, refusals,
            input.Autosave ? RevisionKind.Autosaved : RevisionKind.Saved, input.Autosave, cancellationToken);
    }

    /// <summary>Restoring writes the old text as a new revision, so the history only grows.</summary>
    public static async Task<Outcome> RestoreAsync(
        QuartiersnetzDbContext db, AuditLog audit, AuditActor actor, TimeProvider clock, Guid eventId, int number, int baseRevision, string? note,
        CancellationToken cancellationToken)
    {
        var old = await (
            from r in db.Set<MinutesRevision>().AsNoTracking()
            join m in db.Set<EventMinutes>() on r.MinutesId equals m.Id
            where m.EventId == eventId && r.Number == number
            select r.Text).SingleOrDefaultAsync(cancellationToken);
        if (old is null)
        {
            return Outcome.NotFound;
        }

        var trimmed = note?.Trim() ?? "";
        List<Refusal> refusals = trimmed.Length > EventMinutes.NoteMaxLength
            ? [new Refusal("Note", "Die Begründung darf höchstens {0} Zeichen haben.", EventMinutes.NoteMaxLength)]
            : [];
        return await WriteAsync(db, audit, actor, clock, eventId, baseRevision, old, trimmed, refusals, RevisionKind.Restored, false, cancellationToken, number);
    }

    private static async Task<Outcome> WriteAsync(
        QuartiersnetzDbContext db, AuditLog audit, AuditActor actor, TimeProvider clock, Guid eventId, int baseRevision, string text, string note,
        List<Refusal> refusals, RevisionKind kind, bool autosave, CancellationToken cancellationToken, int? restoredFrom = null)
    {
        var eventTitle = await db.Set<Event>().Where(e => e.Id == eventId).Select(e => e.Title).SingleOrDefaultAsync(cancellationToken);
        if (eventTitle is null)
        {
            return Outcome.NotFound;
        }

        var minutes = await db.Set<EventMinutes>().SingleOrDefaultAsync(m => m.EventId == eventId, cancellationToken);
        if ((minutes?.Revision ?? 0) != baseRevision)
        {
            return await ConflictAsync(db, eventId, cancellationToken);
        }

        if (minutes?.State == MinutesState.Published)
        {
            if (autosave)
            {
                // Published minutes change only on purpose, with a note: never by the timer.
                return Outcome.Refuse("Note", "Veröffentlichte Protokolle werden nicht automatisch gespeichert. Bitte speichern Sie mit Begründung.");
            }

            if (note.Length == 0)
            {
                refusals.Add(new Refusal("Note", "Das Protokoll ist veröffentlicht. Bitte begründen Sie die Änderung."));
            }

            kind = kind == RevisionKind.Restored ? kind : RevisionKind.ChangedAfterPublication;
        }

        if (refusals.Count > 0)
        {
            return new Outcome(Result.Refused, refusals, baseRevision);
        }

        if (minutes is not null && minutes.Text == text)
        {
            return new Outcome(Result.Unchanged, [], minutes.Revision);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (minutes is null)
        {
            minutes = new EventMinutes { EventId = eventId, State = MinutesState.Draft };
            db.Add(minutes);
        }

        var before = minutes.Revision;
        minutes.Revision++;
        (minutes.Text, minutes.UpdatedAtUtc) = (text, now);
        var revisionNote = restoredFrom is { } from
            ? string.Format(CultureInfo.InvariantCulture, "Version {0}", from) + (note.Length == 0 ? "" : ": " + note)
            : note;
        db.Add(new MinutesRevision
        {
            MinutesId = minutes.Id, Number = minutes.Revision, Text = text, AuthorId = actor.Id, CreatedAtUtc = now, Kind = kind,
            Note = revisionNote.Length == 0 ? null : revisionNote[..Math.Min(revisionNote.Length, EventMinutes.NoteMaxLength)],
        });
        if (!autosave)
        {
            // Autosaves are revisions like any other, but the audit trail records the deliberate actions only.
            audit.Record(actor, kind == RevisionKind.Restored ? "minutes.restored" : "minutes.saved", "Veranstaltung", eventId.ToString(), eventTitle,
                [new AuditChange("Protokoll", before == 0 ? null : string.Format(CultureInfo.InvariantCulture, "Version {0}", before),
                    string.Format(CultureInfo.InvariantCulture, "Version {0}", minutes.Revision) + (revisionNote.Length == 0 ? "" : " – " + revisionNote))]);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception ex) when (IsCollision(ex))
        {
            // Someone saved between our read and our write: the token (or the unique revision number) stopped us.
            db.ChangeTracker.Clear();
            return await ConflictAsync(db, eventId, cancellationToken);
        }

        return new Outcome(Result.Saved, [], minutes.Revision);
    }

    private static async Task<Outcome> ConflictAsync(QuartiersnetzDbContext db, Guid eventId, CancellationToken cancellationToken)
    {
        var newest = await (
            from m in db.Set<EventMinutes>().AsNoTracking()
            where m.EventId == eventId
            join r in db.Set<MinutesRevision>() on new { Id = m.Id, Number = m.Revision } equals new { Id = r.MinutesId, r.Number }
            join u in db.Set<UserAccount>() on r.AuthorId equals u.Id into authors
            from u in authors.DefaultIfEmpty()
            select new Newer(m.Revision, m.Text, u == null ? null : u.DisplayName, r.CreatedAtUtc)).SingleOrDefaultAsync(cancellationToken);
        return new Outcome(Result.Conflict, [new Refusal("Text", "Jemand anderes hat das Protokoll inzwischen geändert. Ihr Text wurde nicht gespeichert; er steht unten noch im Formular.")],
            newest?.Revision ?? 0, newest);
    }

    /// <summary>
    /// Moves the state: Entwurf → zur Abstimmung → veröffentlicht, or from review back to draft. The form names the
    /// revision it showed, so nobody publishes a text they have not seen.
    /// </summary>
    public static async Task<Outcome> ChangeStateAsync(
        QuartiersnetzDbContext db, AuditLog audit, AuditActor actor, TimeProvider clock, Guid eventId, MinutesState target, int baseRevision,
        CancellationToken cancellationToken)
    {
        var eventTitle = await db.Set<Event>().Where(e => e.Id == eventId).Select(e => e.Title).SingleOrDefaultAsync(cancellationToken);
        var minutes = await db.Set<EventMinutes>().SingleOrDefaultAsync(m => m.EventId == eventId, cancellationToken);
        if (eventTitle is null || minutes is null)
        {
            return Outcome.NotFound;
        }

        if (minutes.Revision != baseRevision)
        {
            return await ConflictAsync(db, eventId, cancellationToken);
        }

        var allowed = (minutes.State, target) is (MinutesState.Draft, MinutesState.InReview) or (MinutesState.InReview, MinutesState.Published)
            or (MinutesState.InReview, MinutesState.Draft);
        if (!allowed)
        {
            return Outcome.Refuse("", minutes.State == MinutesState.Published
                ? "Ein veröffentlichtes Protokoll bleibt veröffentlicht. Änderungen speichern Sie mit Begründung als neue Version."
                : "Ein Entwurf wird erst zur Abstimmung gestellt und dann veröffentlicht.");
        }

        var before = minutes.State;
        minutes.State = target;
        if (target == MinutesState.Published)
        {
            minutes.PublishedAtUtc = clock.GetUtcNow().UtcDateTime;
        }

        audit.Record(actor, target switch
        {
            MinutesState.Published => "minutes.published",
            MinutesState.InReview => "minutes.submitted_for_review",
            _ => "minutes.returned_to_draft",
        }, "Veranstaltung", eventId.ToString(), eventTitle, [new AuditChange("Status", MinutesLabels.Label(before), MinutesLabels.Label(target))]);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception ex) when (IsCollision(ex))
        {
            db.ChangeTracker.Clear();
            return await ConflictAsync(db, eventId, cancellationToken);
        }

        return new Outcome(Result.Saved, [], minutes.Revision);
    }

    /// <summary>A decision or follow-up as the form posts it: due date as yyyy-MM-dd, the municipality by its AGS.</summary>
    internal sealed record ItemInput(string? Kind, string? Text, Guid? ResponsibleAccountId, string? ResponsibleAgs, string? DueDate);

    /// <summary>Adds a decision or follow-up; before publication only (the published minutes are the record).</summary>
    public static async Task<Outcome> AddItemAsync(
        QuartiersnetzDbContext db, AuditLog audit, AuditActor actor, TimeProvider clock, Guid eventId, ItemInput input, CancellationToken cancellationToken)
    {
        var eventTitle = await db.Set<Event>().Where(e => e.Id == eventId).Select(e => e.Title).SingleOrDefaultAsync(cancellationToken);
        if (eventTitle is null)
        {
            return Outcome.NotFound;
        }

        var minutes = await db.Set<EventMinutes>().AsNoTracking().Where(m => m.EventId == eventId)
            .Select(m => new { m.Id, m.State, Items = db.Set<MinutesItem>().Count(i => i.MinutesId == m.Id) }).SingleOrDefaultAsync(cancellationToken);
        if (minutes is null)
        {
            return Outcome.Refuse("", "Bitte speichern Sie zuerst den Text des Protokolls.");
        }

        if (minutes.State == MinutesState.Published)
        {
            return Outcome.Refuse("", "Das Protokoll ist veröffentlicht; Beschlüsse und Aufgaben lassen sich nicht mehr hinzufügen.");
        }

        if (minutes.Items >= MinutesItem.MaxPerMinutes)
        {
            return Outcome.Refuse("", "Ein Protokoll kann höchstens {0} Beschlüsse und Aufgaben haben.", MinutesItem.MaxPerMinutes);
        }

        var refusals = new List<Refusal>();
        MinutesItemKind? kind = input.Kind?.Trim() switch
        {
            "Decision" => MinutesItemKind.Decision,
            "FollowUp" => MinutesItemKind.FollowUp,
            _ => null,
        };
        if (kind is null)
        {
            refusals.Add(new Refusal("Kind", "Bitte wählen Sie, ob es ein Beschluss oder eine Aufgabe ist."));
        }

        var text = input.Text?.Trim().ReplaceLineEndings("\n") ?? "";
        if (text.Length == 0)
        {
            refusals.Add(new Refusal("Text", "Bitte geben Sie den Text ein."));
        }
        else if (text.Length > MinutesItem.TextMaxLength)
        {
            refusals.Add(new Refusal("Text", "Der Text darf höchstens {0} Zeichen haben.", MinutesItem.TextMaxLength));
        }

        Guid? person = null;
        string? ags = null;
        DateOnly? due = null;
        string? responsibleName = null;
        if (kind == MinutesItemKind.FollowUp)
        {
            if (input.ResponsibleAccountId is { } accountId)
            {
                responsibleName = await db.Set<UserAccount>().Where(u => u.Id == accountId).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken);
                if (responsibleName is null)
                {
                    refusals.Add(new Refusal("ResponsibleAccountId", "Diese Person gibt es im Verzeichnis nicht. Bitte wählen Sie eine aus der Liste."));
                }
                else
                {
                    person = accountId;
                }
            }

            if (!string.IsNullOrWhiteSpace(input.ResponsibleAgs))
            {
                var code = input.ResponsibleAgs.Trim();
                var municipality = await db.Set<Municipality>().Where(m => m.Ags == code).Select(m => m.ShortName).SingleOrDefaultAsync(cancellationToken);
                if (municipality is null)
                {
                    refusals.Add(new Refusal("ResponsibleAgs", "Diese Gemeinde gibt es nicht. Bitte wählen Sie eine aus der Liste."));
                }
                else
                {
                    (ags, responsibleName) = (code, responsibleName is null ? municipality : responsibleName + ", " + municipality);
                }
            }

            if (input.ResponsibleAccountId is null && string.IsNullOrWhiteSpace(input.ResponsibleAgs))
            {
                refusals.Add(new Refusal("ResponsibleAccountId", "Bitte wählen Sie, wer die Aufgabe übernimmt: eine Person oder eine Gemeinde."));
            }

            if (string.IsNullOrWhiteSpace(input.DueDate))
            {
                refusals.Add(new Refusal("DueDate", "Bitte geben Sie an, bis wann die Aufgabe erledigt sein soll."));
            }
            else if (DateOnly.TryParseExact(input.DueDate.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                due = parsed;
            }
            else
            {
                refusals.Add(new Refusal("DueDate", "Bitte geben Sie das Fälligkeitsdatum als Datum an, z. B. 2027-06-30."));
            }
        }

        if (refusals.Count > 0)
        {
            return new Outcome(Result.Refused, refusals);
        }

        var item = new MinutesItem
        {
            MinutesId = minutes.Id, EventId = eventId, Kind = kind!.Value, Text = text, ResponsibleAccountId = person, ResponsibleAgs = ags, DueDate = due,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.Add(item);
        audit.Record(actor, kind == MinutesItemKind.Decision ? "minutes.decision_added" : "minutes.follow_up_added", "Veranstaltung", eventId.ToString(), eventTitle,
            [new AuditChange(kind == MinutesItemKind.Decision ? "Beschluss" : "Aufgabe", null,
                text + (responsibleName is null ? "" : " – " + responsibleName) + (due is { } d ? " – " + d.ToString("dd.MM.yyyy", BerlinTime.Culture) : ""))]);
        await db.SaveChangesAsync(cancellationToken);
        return new Outcome(Result.Saved, [], ItemId: item.Id);
    }

    /// <summary>Removes a decision or follow-up before publication (typed in by mistake).</summary>
    public static async Task<Result> RemoveItemAsync(
        QuartiersnetzDbContext db, AuditLog audit, AuditActor actor, Guid eventId, Guid itemId, CancellationToken cancellationToken)
    {
        var item = await db.Set<MinutesItem>().SingleOrDefaultAsync(i => i.Id == itemId && i.EventId == eventId, cancellationToken);
        if (item is null)
        {
            return Result.NotFound;
        }

        var state = await db.Set<EventMinutes>().Where(m => m.Id == item.MinutesId).Select(m => m.State).SingleAsync(cancellationToken);
        if (state == MinutesState.Published)
        {
            return Result.Refused;
        }

        var eventTitle = await db.Set<Event>().Where(e => e.Id == eventId).Select(e => e.Title).SingleAsync(cancellationToken);
        db.Remove(item);
        audit.Record(actor, "minutes.item_removed", "Veranstaltung", eventId.ToString(), eventTitle,
            [new AuditChange(item.Kind == MinutesItemKind.Decision ? "Beschluss" : "Aufgabe", item.Text, null)]);
        await db.SaveChangesAsync(cancellationToken);
        return Result.Saved;
    }

    internal static bool IsCollision(Exception ex) => ex switch
    {
        DbUpdateConcurrencyException => true,
        DbUpdateException { InnerException: { } inner } => IsCollision(inner),
        SqliteException sqlite => sqlite.SqliteErrorCode is 19 or 5 or 6,
        PostgresException postgres => postgres.SqlState is "23505" or "40001" or "40P01",
        _ => false,
    };
}
