using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Time;

namespace Quartiersnetz.Features.Events;

/// <summary>A refusal of a use case: the input field (API/form name, PascalCase) and a German source text with its arguments.</summary>
internal sealed record Refusal(string Field, string Message, params object[] Args);

/// <summary>
/// The office creates and changes events. Changing an event takes the same row lock as registrations
/// (<see cref="EventRowLock"/>), so the check "capacity not below the confirmed seats" cannot race with a
/// registration; a larger capacity moves people up from the waiting list in the same transaction.
/// </summary>
internal static class SaveEvent
{
    internal sealed class Input
    {
        [Required(ErrorMessage = "Bitte wählen Sie eine Art aus der Liste.")]
        [EnumDataType(typeof(EventType), ErrorMessage = "Bitte wählen Sie eine Art aus der Liste.")]
        public EventType? Type { get; set; }

        [Required(ErrorMessage = "Bitte geben Sie den Titel ein.")]
        [StringLength(Event.TitleMaxLength, ErrorMessage = "Der Titel darf höchstens {1} Zeichen haben.")]
        public string? Title { get; set; }

        [StringLength(Event.DescriptionMaxLength, ErrorMessage = "Die Beschreibung darf höchstens {1} Zeichen haben.")]
        public string? Description { get; set; }

        /// <summary>Start, with offset or Z (the API); pages convert from Berlin time.</summary>
        [Required(ErrorMessage = "Bitte geben Sie den Beginn an.")]
        public DateTimeOffset? StartsAt { get; set; }

        [Required(ErrorMessage = "Bitte geben Sie das Ende an.")]
        public DateTimeOffset? EndsAt { get; set; }

        [Required(ErrorMessage = "Bitte wählen Sie, wo die Veranstaltung stattfindet.")]
        [EnumDataType(typeof(PlaceMode), ErrorMessage = "Bitte wählen Sie, wo die Veranstaltung stattfindet.")]
        public PlaceMode? PlaceMode { get; set; }

        [StringLength(Event.VenueMaxLength, ErrorMessage = "Der Veranstaltungsort darf höchstens {1} Zeichen haben.")]
        public string? VenueName { get; set; }

        [StringLength(Event.AddressMaxLength, ErrorMessage = "Die Adresse darf höchstens {1} Zeichen haben.")]
        public string? VenueAddress { get; set; }

        [StringLength(Event.LinkMaxLength, ErrorMessage = "Der Link darf höchstens {1} Zeichen haben.")]
        public string? OnlineLink { get; set; }

        [StringLength(Event.OrganiserMaxLength, ErrorMessage = "Der Veranstalter darf höchstens {1} Zeichen haben.")]
        public string? Organiser { get; set; }

        [Required(ErrorMessage = "Bitte wählen Sie, für wen die Veranstaltung ist.")]
        [EnumDataType(typeof(EventAudience), ErrorMessage = "Bitte wählen Sie, für wen die Veranstaltung ist.")]
        public EventAudience? Audience { get; set; }

        [StringLength(Event.LanguageMaxLength, ErrorMessage = "Die Sprache darf höchstens {1} Zeichen haben.")]
        public string? Language { get; set; }

        [StringLength(Event.AccessibilityMaxLength, ErrorMessage = "Die Angaben zur Barrierefreiheit dürfen höchstens {1} Zeichen haben.")]
        public string? AccessibilityInfo { get; set; }

        [StringLength(Event.FeeMaxLength, ErrorMessage = "Die Angabe zur Teilnahmegebühr darf höchstens {1} Zeichen haben.")]
        public string? FeeText { get; set; }

        [Range(1, Event.MaxCapacity, ErrorMessage = "Die Zahl der Plätze muss zwischen {1} und {2} liegen (leer = unbegrenzt).")]
        public int? Capacity { get; set; }

        public DateTimeOffset? RegistrationOpensAt { get; set; }

        public DateTimeOffset? RegistrationClosesAt { get; set; }

        public DateTimeOffset? CancellationDeadline { get; set; }

        public bool RequiresConfirmation { get; set; }

        /// <summary>Published or Cancelled; new events are published when left out.</summary>
        [EnumDataType(typeof(EventStatus), ErrorMessage = "Bitte wählen Sie einen Status aus der Liste.")]
        public EventStatus? Status { get; set; }

        /// <summary>Optional AGS of the venue's municipality (8 digits); gives the Regierungsbezirk for the calendar filter.</summary>
        [RegularExpression("^[0-9]{8}$", ErrorMessage = "Der Gemeindeschlüssel (AGS) hat 8 Ziffern, z. B. 05913000.")]
        public string? MunicipalityAgs { get; set; }

        /// <summary>Topic slugs; replaces the event's topics.</summary>
        public List<string> Topics { get; set; } = [];

        [Range(0, Event.MaxCompanions, ErrorMessage = "Die Zahl der Begleitpersonen muss zwischen {1} und {2} liegen.")]
        public int? CompanionsAllowed { get; set; }

        [Range(1, Event.MaxOfferHours, ErrorMessage = "Die Frist für ein Platzangebot muss zwischen {1} und {2} Stunden liegen (leer = sofort nachrücken).")]
        public int? OfferHours { get; set; }

        /// <summary>Only when the capacity drops below the seats taken: what to do with the people holding them.</summary>
        [EnumDataType(typeof(CapacityReduction), ErrorMessage = "Bitte wählen Sie, was mit den Anmeldungen geschehen soll.")]
        public CapacityReduction? CapacityReduction { get; set; }
    }

    /// <summary>The refusal when the capacity would drop below the seats taken and no <see cref="Input.CapacityReduction"/> was chosen.</summary>
    public const string CapacityBelowTakenMessage =
        "Für diese Veranstaltung sind bereits {0} Personen bestätigt (Plätze einschließlich Begleitpersonen und offener Platzangebote). "
        + "Bitte wählen Sie, was geschehen soll: alle behalten und die Zahl der Plätze auf {0} setzen, oder die zuletzt Angemeldeten "
        + "an die Spitze der Warteliste setzen. Es wurde nichts geändert.";

    internal enum Result
    {
        Saved,
        Unchanged,
        NotFound,
        Refused,
    }

    internal sealed record Outcome(Result Result, Guid Id, Refusal? Refusal = null)
    {
        public static Outcome Refuse(string field, string message, params object[] args) => new(Result.Refused, Guid.Empty, new Refusal(field, message, args));
    }

    public static async Task<Outcome> CreateAsync(
        QuartiersnetzDbContext db, AuditLog audit, AuditActor actor, TimeProvider clock, Input input, CancellationToken cancellationToken)
    {
        if (Check(input) is { } refused)
        {
            return refused;
        }

        if (await UnknownMunicipalityAsync(db, input, cancellationToken) is { } unknown)
        {
            return unknown;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var ev = new Event { CreatedAtUtc = now, UpdatedAtUtc = now, Status = EventStatus.Published };
        var changes = Apply(ev, input, isNew: true);
        var topics = await AssignTopics.HandleAsync(db, TopicKinds.Event, TopicKey(ev.Id), input.Topics, cancellationToken);
        if (!topics.Succeeded)
        {
            return Outcome.Refuse(nameof(Input.Topics), topics.Error!);
        }

        db.Add(ev);
        audit.Record(actor, "event.created", "Event", ev.Id.ToString(), ev.Title, changes);
        await db.SaveChangesAsync(cancellationToken);
        return new Outcome(Result.Saved, ev.Id);
    }

    public static async Task<Outcome> UpdateAsync(
        QuartiersnetzDbContext db, AuditLog audit, AuditActor actor, TimeProvider clock, Guid id, Input input, CancellationToken cancellationToken)
    {
        if (Check(input) is { } refused)
        {
            return refused;
        }

        if (await UnknownMunicipalityAsync(db, input, cancellationToken) is { } unknown)
        {
            return unknown;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var ev = await EventRowLock.LockAndLoadAsync(db, id, cancellationToken);
        if (ev is null)
        {
            return new Outcome(Result.NotFound, id);
        }

        // Below the seats taken: the office must say what happens (nothing is dropped silently).
        List<string>? movedToWaitlist = null;
        if (input.Capacity is { } capacity && capacity < ev.ConfirmedCount)
        {
            switch (input.CapacityReduction)
            {
                case null:
                    return Outcome.Refuse(nameof(Input.Capacity), CapacityBelowTakenMessage, ev.ConfirmedCount);
                case CapacityReduction.KeepEveryone:
                    input.Capacity = ev.ConfirmedCount;
                    break;
                default:
                    movedToWaitlist = await OfficeWaitlist.MoveLastToWaitlistAsync(db, ev, capacity, cancellationToken);
                    break;
            }
        }

        var topics = await AssignTopics.HandleAsync(db, TopicKinds.Event, TopicKey(ev.Id), input.Topics, cancellationToken);
        if (!topics.Succeeded)
        {
            return Outcome.Refuse(nameof(Input.Topics), topics.Error!);
        }

        var changes = Apply(ev, input, isNew: false);
        if (movedToWaitlist is { Count: > 0 })
        {
            changes.Add(new AuditChange("An die Spitze der Warteliste gesetzt", null, string.Join(", ", movedToWaitlist)));
        }

        var topicsChanged = db.ChangeTracker.Entries<TopicAssignment>().Any(e => e.State is EntityState.Added or EntityState.Deleted);
        if (changes.Count == 0 && !topicsChanged)
        {
            return new Outcome(Result.Unchanged, id);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        ev.UpdatedAtUtc = now;
        if (changes.Count > 0)
        {
            ev.Sequence++;
        }

        // More seats (or none limited any more): the waiting list moves up now, in order.
        await RegisterForEvent.FillFreeSeatsAsync(db, ev, now, cancellationToken);
        audit.Record(actor, "event.updated", "Event", ev.Id.ToString(), ev.Title,
            topicsChanged ? [.. changes, new AuditChange("Themen", null, string.Join(", ", input.Topics))] : changes);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new Outcome(Result.Saved, id);
    }

    /// <summary>
    /// For series and copies (<see cref="SaveEventSeries"/>): the same checks as <see cref="CreateAsync"/> and fills a new
    /// event from the input without saving; the caller assigns topics and saves all occurrences at once.
    /// </summary>
    internal static Refusal? Prepare(Event ev, Input input, out List<AuditChange> changes)
    {
        changes = [];
        if (Check(input) is { } refused)
        {
            return refused.Refusal;
        }

        changes = Apply(ev, input, isNew: true);
        return null;
    }

    private static async Task<Outcome?> UnknownMunicipalityAsync(QuartiersnetzDbContext db, Input input, CancellationToken cancellationToken) =>
        Blank(input.MunicipalityAgs) is { } ags && !await db.Set<Quartiersnetz.Data.Reference.Municipality>().AnyAsync(m => m.Ags == ags, cancellationToken)
            ? Outcome.Refuse(nameof(Input.MunicipalityAgs), "Es gibt keine Gemeinde in NRW mit dem Schlüssel {0}.", ags)
            : null;

    /// <summary>The item key of an event in the topic assignment table (the id as lower-case text).</summary>
    public static string TopicKey(Guid eventId) => eventId.ToString();

    private static Outcome? Check(Input input)
    {
        if (input.EndsAt <= input.StartsAt)
        {
            return Outcome.Refuse(nameof(Input.EndsAt), "Das Ende muss nach dem Beginn liegen.");
        }

        if (input.RegistrationOpensAt is { } opens && input.RegistrationClosesAt is { } closes && closes <= opens)
        {
            return Outcome.Refuse(nameof(Input.RegistrationClosesAt), "Der Anmeldeschluss muss nach dem Beginn der Anmeldung liegen.");
        }

        if (input.RegistrationOpensAt >= input.EndsAt)
        {
            return Outcome.Refuse(nameof(Input.RegistrationOpensAt), "Die Anmeldung muss vor dem Ende der Veranstaltung beginnen.");
        }

        var link = Blank(input.OnlineLink);
        if (link is not null
            && (!Uri.TryCreate(link, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || string.IsNullOrEmpty(uri.Host)))
        {
            return Outcome.Refuse(nameof(Input.OnlineLink), "Der Link muss mit https:// oder http:// beginnen.");
        }

        return null;
    }

    private static List<AuditChange> Apply(Event ev, Input input, bool isNew)
    {
        var changes = new List<AuditChange>();
        Set("Art", isNew ? null : EventLabels.Label(ev.Type), EventLabels.Label(input.Type!.Value), () => ev.Type = input.Type.Value);
        Set("Titel", isNew ? null : ev.Title, input.Title!.Trim(), () => ev.Title = input.Title.Trim());
        // Browsers post text areas with CRLF; stored with LF so the form shows them again without character references.
        var description = Lines(input.Description ?? "").Trim();
        if (ev.Description != description)
        {
            // Compared in full: the shortened texts in the log may look equal while the text changed.
            changes.Add(new AuditChange("Beschreibung", isNew ? null : Short(ev.Description), Short(description)));
            ev.Description = description;
        }

        var start = input.StartsAt!.Value.UtcDateTime;
        var end = input.EndsAt!.Value.UtcDateTime;
        SetInstant("Beginn", isNew ? null : ev.StartUtc, start, v => ev.StartUtc = v!.Value);
        SetInstant("Ende", isNew ? null : ev.EndUtc, end, v => ev.EndUtc = v!.Value);
        Set("Ort", isNew ? null : EventLabels.Label(ev.PlaceMode), EventLabels.Label(input.PlaceMode!.Value), () => ev.PlaceMode = input.PlaceMode.Value);
        Set("Veranstaltungsort", ev.VenueName, Blank(input.VenueName), () => ev.VenueName = Blank(input.VenueName));
        Set("Adresse", ev.VenueAddress, Blank(input.VenueAddress), () => ev.VenueAddress = Blank(input.VenueAddress));
        // The link itself is not written to the log: it may carry a meeting password.
        if (ev.OnlineLink != Blank(input.OnlineLink))
        {
            changes.Add(new AuditChange("Online-Link", ev.OnlineLink is null ? null : "(gesetzt)", Blank(input.OnlineLink) is null ? null : "(geändert)"));
            ev.OnlineLink = Blank(input.OnlineLink);
        }

        Set("Veranstalter", ev.Organiser, Blank(input.Organiser), () => ev.Organiser = Blank(input.Organiser));
        Set("Gemeinde (AGS)", ev.MunicipalityAgs, Blank(input.MunicipalityAgs), () => ev.MunicipalityAgs = Blank(input.MunicipalityAgs));
        Set("Zielgruppe", isNew ? null : EventLabels.Label(ev.Audience), EventLabels.Label(input.Audience!.Value), () => ev.Audience = input.Audience.Value);
        var language = Blank(input.Language) ?? "Deutsch";
        Set("Sprache", isNew ? null : ev.Language, language, () => ev.Language = language);
        var accessibility = Blank(input.AccessibilityInfo) is { } text ? Lines(text) : null;
        Set("Barrierefreiheit", ev.AccessibilityInfo, accessibility, () => ev.AccessibilityInfo = accessibility);
        Set("Teilnahmegebühr", ev.FeeText, Blank(input.FeeText), () => ev.FeeText = Blank(input.FeeText));
        Set("Plätze", isNew ? null : Number(ev.Capacity), Number(input.Capacity), () => ev.Capacity = input.Capacity);
        var opens = input.RegistrationOpensAt?.UtcDateTime;
        var closes = input.RegistrationClosesAt?.UtcDateTime;
        var deadline = input.CancellationDeadline?.UtcDateTime;
        SetInstant("Anmeldung ab", ev.RegistrationOpensUtc, opens, v => ev.RegistrationOpensUtc = v);
        SetInstant("Anmeldeschluss", ev.RegistrationClosesUtc, closes, v => ev.RegistrationClosesUtc = v);
        SetInstant("Abmeldung bis", ev.CancellationDeadlineUtc, deadline, v => ev.CancellationDeadlineUtc = v);
        Set("Bestätigung durch die Geschäftsstelle", isNew ? null : YesNo(ev.RequiresConfirmation), YesNo(input.RequiresConfirmation), () => ev.RequiresConfirmation = input.RequiresConfirmation);
        var status = input.Status ?? (isNew ? EventStatus.Published : ev.Status);
        Set("Status", isNew ? null : ev.Status.ToString(), status.ToString(), () => ev.Status = status);
        var companions = input.CompanionsAllowed ?? 0;
        Set("Begleitpersonen erlaubt", isNew ? null : ev.CompanionsAllowed.ToString(CultureInfo.InvariantCulture), companions.ToString(CultureInfo.InvariantCulture),
            () => ev.CompanionsAllowed = companions);
        Set("Frist für Platzangebote (Stunden)", Number(ev.OfferHours), Number(input.OfferHours), () => ev.OfferHours = input.OfferHours);
        return changes;

        void SetInstant(string field, DateTime? before, DateTime? after, Action<DateTime?> assign)
        {
            if (before != after)
            {
                changes.Add(new AuditChange(field, Instant(before), Instant(after)));
                assign(after);
            }
        }

        void Set(string field, string? before, string? after, Action assign)
        {
            if (before != after)
            {
                changes.Add(new AuditChange(field, before, after));
                assign();
            }
        }
    }

    private static string? Instant(DateTime? utc) => utc is { } value ? BerlinTime.FormatDateTime(value) : null;

    private static string? Number(int? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string YesNo(bool value) => value ? "ja" : "nein";

    private static string? Short(string? text) => string.IsNullOrEmpty(text) ? null : text.Length <= 200 ? text : text[..200] + " …";

    private static string Lines(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
