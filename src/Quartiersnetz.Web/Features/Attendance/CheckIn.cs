using System.ComponentModel.DataAnnotations;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Events;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Errors;
using Quartiersnetz.Platform.Time;

namespace Quartiersnetz.Features.Attendance;

/// <summary>A person's presence on one day as the office list and the API show it.</summary>
internal sealed record AttendanceState(Guid RegistrationId, string Name, DateOnly Day, DateTime? CheckedInAtUtc, DateTime? CheckedOutAtUtc);

/// <summary>
/// Checking people in and out, per Berlin day of the event, by the office. Only confirmed registrations of this event
/// are admitted; checking in twice is harmless (the first time stays and the answer says so), as is checking out twice.
/// </summary>
internal static class CheckIn
{
    internal enum Result
    {
        Done,

        /// <summary>Nothing changed: the person was already checked in (or out) today.</summary>
        AlreadyDone,
        NotFound,
        Refused,
    }

    internal sealed record Outcome(Result Result, AttendanceState? State = null, Refusal? Refusal = null)
    {
        public static Outcome Refuse(string field, string message, params object[] args) => new(Result.Refused, null, new Refusal(field, message, args));
    }

    /// <summary>The registration a QR token belongs to, with its event; null for an unknown token.</summary>
    public static async Task<(Guid RegistrationId, Guid EventId)?> ByTokenAsync(QuartiersnetzDbContext db, string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || token.Length != CheckInPass.TokenLength)
        {
            return null;
        }

        var pass = await db.Set<CheckInPass>().AsNoTracking().Where(p => p.Token == token)
            .Select(p => new { p.RegistrationId, p.EventId }).SingleOrDefaultAsync(cancellationToken);
        return pass is null ? null : (pass.RegistrationId, pass.EventId);
    }

    /// <summary>
    /// What the scan page or the API received — a short code ("ABCD-EFGH") or the address in the QR code — resolved to a
    /// registration of <paramref name="eventId"/>; a refusal names the field <paramref name="field"/>.
    /// </summary>
    public static async Task<(Guid? RegistrationId, Outcome? Refusal)> ResolveCodeAsync(
        QuartiersnetzDbContext db, Guid eventId, string? typed, string field, CancellationToken cancellationToken)
    {
        var text = typed?.Trim() ?? "";
        if (text.Length == 0)
        {
            return (null, Outcome.Refuse(field, "Bitte geben Sie den Code vom Einlass-Ausweis ein (zum Beispiel ABCD-EFGH)."));
        }

        // A scanned QR code is the whole check-in address; its last segment is the token.
        var slash = text.LastIndexOf('/');
        if (slash >= 0 && await ByTokenAsync(db, text[(slash + 1)..], cancellationToken) is { } byToken)
        {
            return byToken.EventId == eventId
                ? (byToken.RegistrationId, null)
                : (null, await OtherEventAsync(db, field, byToken.EventId, cancellationToken));
        }

        if (CheckInPass.NormaliseCode(text) is not { } code)
        {
            return (null, Outcome.Refuse(field, "Diesen Code gibt es nicht. Ein Code hat acht Zeichen, zum Beispiel ABCD-EFGH."));
        }

        var registrationId = await db.Set<CheckInPass>().AsNoTracking().Where(p => p.EventId == eventId && p.ShortCode == code)
            .Select(p => (Guid?)p.RegistrationId).SingleOrDefaultAsync(cancellationToken);
        return registrationId is null
            ? (null, Outcome.Refuse(field, "Zu diesem Code gibt es bei dieser Veranstaltung keine Anmeldung. Bitte prüfen Sie die Schreibweise oder suchen Sie die Person in der Liste."))
            : (registrationId, null);
    }

    /// <summary>Checks the person in for today (Berlin); the time is now.</summary>
    public static async Task<Outcome> CheckInAsync(
        QuartiersnetzDbContext db, TimeProvider clock, Guid? actorId, Guid eventId, Guid registrationId, CancellationToken cancellationToken)
    {
        var (admitted, refusal) = await AdmitAsync(db, clock, eventId, registrationId, cancellationToken);
        if (admitted is not { } who)
        {
            return refusal!;
        }

        var existing = await db.Set<AttendanceDay>().SingleOrDefaultAsync(a => a.RegistrationId == registrationId && a.Day == who.Today, cancellationToken);
        if (existing is not null)
        {
            return new Outcome(Result.AlreadyDone, State(who.Name, existing));
        }

        var row = new AttendanceDay
        {
            RegistrationId = registrationId, EventId = eventId, Day = who.Today, CheckedInAtUtc = WholeSeconds(clock), CheckedInBy = actorId,
        };
        db.Add(row);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (!Overload.IsOverload(ex))
        {
            // Two devices scanned the same pass at once: the unique index kept one row, which is the answer.
            db.ChangeTracker.Clear();
            var first = await db.Set<AttendanceDay>().AsNoTracking().SingleAsync(a => a.RegistrationId == registrationId && a.Day == who.Today, cancellationToken);
            return new Outcome(Result.AlreadyDone, State(who.Name, first));
        }

        return new Outcome(Result.Done, State(who.Name, row));
    }

    /// <summary>Checks the person out for today; only after a check-in today.</summary>
    public static async Task<Outcome> CheckOutAsync(
        QuartiersnetzDbContext db, TimeProvider clock, Guid? actorId, Guid eventId, Guid registrationId, CancellationToken cancellationToken)
    {
        var (admitted, refusal) = await AdmitAsync(db, clock, eventId, registrationId, cancellationToken);
        if (admitted is not { } who)
        {
            return refusal!;
        }

        var row = await db.Set<AttendanceDay>().SingleOrDefaultAsync(a => a.RegistrationId == registrationId && a.Day == who.Today, cancellationToken);
        if (row is null)
        {
            return Outcome.Refuse("", "{0} ist heute nicht eingecheckt. Auschecken ist erst nach dem Einchecken möglich.", who.Name);
        }

        if (row.CheckedOutAtUtc is not null)
        {
            return new Outcome(Result.AlreadyDone, State(who.Name, row));
        }

        row.CheckedOutAtUtc = WholeSeconds(clock);
        row.CheckedOutBy = actorId;
        await db.SaveChangesAsync(cancellationToken);
        return new Outcome(Result.Done, State(who.Name, row));
    }

    /// <summary>The person's pass for a registration, made on first use (a second request racing it finds the first one's).</summary>
    public static async Task<CheckInPass> PassAsync(QuartiersnetzDbContext db, TimeProvider clock, Guid registrationId, Guid eventId, CancellationToken cancellationToken)
    {
        if (await db.Set<CheckInPass>().AsNoTracking().SingleOrDefaultAsync(p => p.RegistrationId == registrationId, cancellationToken) is { } pass)
        {
            return pass;
        }

        for (var attempt = 1; ; attempt++)
        {
            var fresh = CheckInPass.New(registrationId, eventId, clock.GetUtcNow().UtcDateTime);
            db.Add(fresh);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return fresh;
            }
            catch (DbUpdateException ex) when (attempt < 3 && !Overload.IsOverload(ex))
            {
                // Either the same registration got its pass meanwhile, or (very rarely) the short code was taken at this event.
                db.ChangeTracker.Clear();
                if (await db.Set<CheckInPass>().AsNoTracking().SingleOrDefaultAsync(p => p.RegistrationId == registrationId, cancellationToken) is { } other)
                {
                    return other;
                }
            }
        }
    }

    /// <summary>The name the lists show for a registration: the account's display name, or the guest's name.</summary>
    public static Task<string?> NameAsync(QuartiersnetzDbContext db, Guid registrationId, CancellationToken cancellationToken) =>
        db.Set<EventRegistration>().AsNoTracking().Where(r => r.Id == registrationId)
            .Select(r => r.PersonId == null ? r.GuestName : db.Users.Where(u => u.Id == r.PersonId).Select(u => u.DisplayName).FirstOrDefault())
            .SingleOrDefaultAsync(cancellationToken);

    private sealed record Admitted(string Name, DateOnly Today);

    /// <summary>Whether the registration may be checked in or out today: this event's, confirmed, on a day of the event.</summary>
    private static async Task<(Admitted? Admitted, Outcome? Refusal)> AdmitAsync(
        QuartiersnetzDbContext db, TimeProvider clock, Guid eventId, Guid registrationId, CancellationToken cancellationToken)
    {
        var ev = await db.Set<Event>().AsNoTracking().Where(e => e.Id == eventId)
            .Select(e => new { e.StartUtc, e.EndUtc, e.Status }).SingleOrDefaultAsync(cancellationToken);
        if (ev is null)
        {
            return (null, new Outcome(Result.NotFound));
        }

        var registration = await db.Set<EventRegistration>().AsNoTracking().Where(r => r.Id == registrationId)
            .Select(r => new
            {
                r.EventId, r.Status,
                Name = r.PersonId == null ? r.GuestName : db.Users.Where(u => u.Id == r.PersonId).Select(u => u.DisplayName).FirstOrDefault(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (registration is null)
        {
            return (null, Outcome.Refuse("registrationId", "Diese Person ist für diese Veranstaltung nicht angemeldet. Nehmen Sie sie als Nachmeldung auf, wenn sie teilnimmt."));
        }

        if (registration.EventId != eventId)
        {
            return (null, await OtherEventAsync(db, "registrationId", registration.EventId, cancellationToken));
        }

        var name = registration.Name ?? "";
        if (ev.Status == EventStatus.Cancelled)
        {
            return (null, Outcome.Refuse("", "Die Veranstaltung wurde abgesagt; niemand kann eingecheckt werden."));
        }

        switch (registration.Status)
        {
            case RegistrationStatus.Cancelled:
                return (null, Outcome.Refuse("", "{0} hat sich abgemeldet. Nehmen Sie die Person als Nachmeldung auf, wenn sie doch teilnimmt.", name));
            case RegistrationStatus.Waitlisted:
                return (null, Outcome.Refuse("", "{0} steht auf der Warteliste und hat keinen bestätigten Platz. Nehmen Sie die Person als Nachmeldung auf, wenn sie teilnimmt.", name));
            case RegistrationStatus.Pending or RegistrationStatus.Offered:
                return (null, Outcome.Refuse("", "Die Anmeldung von {0} ist noch nicht bestätigt. Nehmen Sie die Person als Nachmeldung auf, wenn sie teilnimmt.", name));
        }

        var today = BerlinTime.Today(clock);
        var days = EventProgramme.DaysOf(ev.StartUtc, ev.EndUtc);
        if (!days.Contains(today))
        {
            return (null, Outcome.Refuse("", "Heute ist kein Tag dieser Veranstaltung ({0} bis {1}). Ein- und Auschecken ist nur an den Veranstaltungstagen möglich.",
                BerlinTime.FormatDate(ev.StartUtc), BerlinTime.FormatDate(ev.EndUtc)));
        }

        return (new Admitted(name, today), null);
    }

    private static async Task<Outcome> OtherEventAsync(QuartiersnetzDbContext db, string field, Guid otherEventId, CancellationToken cancellationToken)
    {
        var other = await db.Set<Event>().AsNoTracking().Where(e => e.Id == otherEventId).Select(e => new { e.Title, e.StartUtc }).SingleAsync(cancellationToken);
        return Outcome.Refuse(field, "Dieser Einlass-Ausweis gehört zu einer anderen Veranstaltung: „{0}“ am {1}.", other.Title, BerlinTime.FormatDate(other.StartUtc));
    }

    /// <summary>Now, cut to whole seconds: what PostgreSQL (microseconds) and SQLite store alike, so an answer equals the stored row.</summary>
    private static DateTime WholeSeconds(TimeProvider clock)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
    }

    private static AttendanceState State(string name, AttendanceDay row) => new(row.RegistrationId, name, row.Day, row.CheckedInAtUtc, row.CheckedOutAtUtc);
}

/// <summary>
/// The office adds someone at the door: an account found by its e-mail address, or a guest by name, e-mail and
/// organisation. The registration goes through the events feature's own walk-in rule (confirmed even when full, with a
/// warning), then gets a pass marked as walk-in and — on a day of the event — is checked in at once. Audited.
/// </summary>
internal static class WalkIn
{
    internal sealed class Input
    {
        [Required(ErrorMessage = "Bitte geben Sie die E-Mail-Adresse ein.")]
        [EmailAddress(ErrorMessage = "Bitte geben Sie eine gültige E-Mail-Adresse ein, zum Beispiel name@example.de.")]
        [StringLength(256, ErrorMessage = "Die E-Mail-Adresse darf höchstens 256 Zeichen lang sein.")]
        [Display(Name = "E-Mail-Adresse")]
        public string? Email { get; set; }

        [StringLength(EventGuestRequest.NameMaxLength, ErrorMessage = "Der Name darf höchstens {1} Zeichen lang sein.")]
        [Display(Name = "Name")]
        public string? Name { get; set; }

        [StringLength(CheckInPass.OrganisationMaxLength, ErrorMessage = "Die Organisation darf höchstens {1} Zeichen lang sein.")]
        [Display(Name = "Organisation")]
        public string? Organisation { get; set; }
    }

    internal sealed record Outcome(CheckIn.Result Result, string? Name = null, bool OverCapacity = false, bool CheckedIn = false, Refusal? Refusal = null);

    public static async Task<Outcome> HandleAsync(
        QuartiersnetzDbContext db, AuditLog audit, AuditActor actor, TimeProvider clock, Guid eventId, Input input, CancellationToken cancellationToken)
    {
        var email = input.Email!.Trim();
        var normalized = email.ToUpperInvariant();
        var person = await db.Users.AsNoTracking().Where(u => u.NormalizedEmail == normalized).Select(u => new { u.Id, u.DisplayName }).SingleOrDefaultAsync(cancellationToken);
        var name = person?.DisplayName ?? input.Name?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            return new Outcome(CheckIn.Result.Refused, Refusal: new Refusal(nameof(Input.Name),
                "Zu dieser E-Mail-Adresse gibt es kein Konto. Bitte geben Sie den Namen der Person ein, dann wird sie als Gast aufgenommen."));
        }

        if (person is null)
        {
            var lower = email.ToLowerInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // EF translates ToLower() to SQL lower(); no .NET culture is involved
            var guestAlready = await db.Set<EventRegistration>().AnyAsync(
                r => r.EventId == eventId && r.PersonId == null && r.Status != RegistrationStatus.Cancelled && r.GuestEmail != null && r.GuestEmail.ToLower() == lower,
                cancellationToken);
#pragma warning restore CA1304, CA1311, CA1862
            if (guestAlready)
            {
                // Guests have no unique index (no account id): without this check a second walk-in would add the same person twice.
                return new Outcome(CheckIn.Result.Refused, Refusal: new Refusal(nameof(Input.Email),
                    "Mit dieser E-Mail-Adresse ist bereits ein Gast angemeldet. Bitte suchen Sie die Person in der Liste und checken Sie sie dort ein."));
            }
        }

        var registered = await RegisterForEvent.RegisterWalkInAsync(db, clock, eventId, person?.Id, person is null ? name : null, person is null ? email : null, cancellationToken);
        if (registered.Outcome.Result == RegisterForEvent.Result.NotFound)
        {
            return new Outcome(CheckIn.Result.NotFound);
        }

        if (registered.Outcome.Refusal is { } refusal)
        {
            return new Outcome(CheckIn.Result.Refused, Refusal: refusal with { Field = nameof(Input.Email) });
        }

        var registrationId = registered.Outcome.Registration!.Id;
        db.ChangeTracker.Clear();
        await CheckIn.PassAsync(db, clock, registrationId, eventId, cancellationToken);
        var pass = await db.Set<CheckInPass>().SingleAsync(p => p.RegistrationId == registrationId, cancellationToken);
        pass.IsWalkIn = true;
        pass.WalkInOrganisation = person is null && !string.IsNullOrWhiteSpace(input.Organisation) ? input.Organisation.Trim() : null;
        var title = await db.Set<Event>().Where(e => e.Id == eventId).Select(e => e.Title).SingleAsync(cancellationToken);
        audit.Record(actor, "attendance.walk-in", "Event", eventId.ToString(), title,
            [new AuditChange("Nachmeldung", null, name + (person is null ? " (Gast)" : "") + (registered.OverCapacity ? ", über die Platzzahl hinaus" : ""))]);
        await db.SaveChangesAsync(cancellationToken);
        var checkedIn = await CheckIn.CheckInAsync(db, clock, actor.Id, eventId, registrationId, cancellationToken);
        return new Outcome(CheckIn.Result.Done, name, registered.OverCapacity, checkedIn.Result is CheckIn.Result.Done or CheckIn.Result.AlreadyDone);
    }
}
