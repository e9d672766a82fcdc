using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.Features.Events;

/// <summary>Kinds of event in the network; stored and sent by name so the numbers may change.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EventType>))]
internal enum EventType
{
    Netzwerktreffen,
    Fortbildung,
    OnlineSeminar,
    Exkursion,
    Studienfahrt,
    Werkstatt,
    Fachgespraech,
    Tagung,
    Ortsbesuch,
}

/// <summary>Where the event takes place.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PlaceMode>))]
internal enum PlaceMode
{
    OnSite,
    Online,
    Hybrid,
}

/// <summary>Who may see an event and register for it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EventAudience>))]
internal enum EventAudience
{
    /// <summary>Everyone sees it; any account may register (guests by e-mail come later).</summary>
    Public,

    /// <summary>Only members (any role) see it and may register.</summary>
    Members,

    /// <summary>Only the office and the people it registered see it; nobody registers themselves.</summary>
    Invited,
}

[JsonConverter(typeof(JsonStringEnumConverter<EventStatus>))]
internal enum EventStatus
{
    Published,
    Cancelled,
}

internal enum RegistrationStatus
{
    Confirmed,
    Waitlisted,
    Pending,
    Cancelled,

    /// <summary>A freed seat is held for this person until <see cref="EventRegistration.OfferExpiresUtc"/> (events with offer hours).</summary>
    Offered,
}

internal static class EventLabels
{
    /// <summary>German source text (argument: the number) saying whom an offered seat is for; "eine Begleitperson" for one.</summary>
    public static string SeatWithCompanions(int companions) =>
        companions == 1 ? "Der Platz gilt für Sie und eine Begleitperson." : "Der Platz gilt für Sie und {0} Begleitpersonen.";

    /// <summary>German source text (argument: the maximum) refusing more companions than an event allows.</summary>
    public static string CompanionLimit(int allowed) => allowed switch
    {
        0 => "Zu dieser Veranstaltung können keine Begleitpersonen mitkommen.",
        1 => "Es kann höchstens eine Begleitperson mitkommen.",
        _ => "Es können höchstens {0} Begleitpersonen mitkommen.",
    };

    public static IReadOnlyList<EventType> Types { get; } = Enum.GetValues<EventType>();

    /// <summary>German source text for the localizer.</summary>
    public static string Label(EventType type) => type switch
    {
        EventType.Netzwerktreffen => "Netzwerktreffen",
        EventType.Fortbildung => "Fortbildung",
        EventType.OnlineSeminar => "Online-Seminar",
        EventType.Exkursion => "Exkursion",
        EventType.Studienfahrt => "Studienfahrt",
        EventType.Werkstatt => "Werkstatt",
        EventType.Fachgespraech => "Fachgespräch",
        EventType.Tagung => "Tagung",
        _ => "Ortsbesuch",
    };

    public static string Label(PlaceMode mode) => mode switch
    {
        PlaceMode.OnSite => "Vor Ort",
        PlaceMode.Online => "Online",
        _ => "Hybrid (vor Ort und online)",
    };

    public static string Label(EventAudience audience) => audience switch
    {
        EventAudience.Public => "Öffentlich",
        EventAudience.Members => "Nur für Mitglieder",
        _ => "Nur für eingeladene Personen",
    };

    public static string Label(RegistrationStatus status) => status switch
    {
        RegistrationStatus.Confirmed => "Bestätigt",
        RegistrationStatus.Waitlisted => "Warteliste",
        RegistrationStatus.Pending => "Wartet auf Bestätigung",
        RegistrationStatus.Offered => "Platz angeboten",
        _ => "Abgemeldet",
    };

    /// <summary>The status as the API sends it: "confirmed", "waitlisted", "pending", "cancelled".</summary>
    public static string ApiName(RegistrationStatus status) => status.ToString().ToLowerInvariant();

    public static EventType? ParseType(string? value) =>
        Enum.TryParse<EventType>(value, ignoreCase: true, out var type) && Enum.IsDefined(type) && !int.TryParse(value, out _) ? type : null;

    public static RegistrationStatus? ParseStatus(string? value) =>
        Enum.TryParse<RegistrationStatus>(value, ignoreCase: true, out var status) && Enum.IsDefined(status) && !int.TryParse(value, out _) ? status : null;
}

/// <summary>
/// An event of the network. The seat counter <see cref="ConfirmedCount"/> lives on the row so that the capacity
/// check is one row: registrations lock this row (see <see cref="RegisterForEvent"/>) and bump <see cref="Version"/>,
/// which EF also checks as a concurrency token, so two writers can never both take the last seat.
/// </summary>
internal sealed class Event
{
    public const int TitleMaxLength = 200;
    public const int DescriptionMaxLength = 20000;
    public const int VenueMaxLength = 200;
    public const int AddressMaxLength = 300;
    public const int LinkMaxLength = 500;
    public const int OrganiserMaxLength = 200;
    public const int LanguageMaxLength = 50;
    public const int AccessibilityMaxLength = 2000;
    public const int FeeMaxLength = 300;
    public const int MaxCapacity = 100000;

    public Guid Id { get; init; } = Guid.NewGuid();

    public EventType Type { get; set; }

    public string Title { get; set; } = "";

    /// <summary>Markdown; rendered through the shared sanitising renderer.</summary>
    public string Description { get; set; } = "";

    public DateTime StartUtc { get; set; }

    public DateTime EndUtc { get; set; }

    public PlaceMode PlaceMode { get; set; }

    public string? VenueName { get; set; }

    public string? VenueAddress { get; set; }

    /// <summary>Shown only to confirmed participants and the office.</summary>
    public string? OnlineLink { get; set; }

    public string? Organiser { get; set; }

    public EventAudience Audience { get; set; }

    public string Language { get; set; } = "Deutsch";

    public string? AccessibilityInfo { get; set; }

    public string? FeeText { get; set; }

    /// <summary>Seats; null = unlimited.</summary>
    public int? Capacity { get; set; }

    public DateTime? RegistrationOpensUtc { get; set; }

    public DateTime? RegistrationClosesUtc { get; set; }

    /// <summary>Participants may cancel themselves until then; null = until the start.</summary>
    public DateTime? CancellationDeadlineUtc { get; set; }

    /// <summary>Moderated: registrations wait as Pending until the office confirms them.</summary>
    public bool RequiresConfirmation { get; set; }

    public EventStatus Status { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    /// <summary>Raised on every change participants should hear about; the later iCalendar SEQUENCE.</summary>
    public int Sequence { get; set; }

    /// <summary>Registrations with status Confirmed; kept with the row so the capacity check needs no count.</summary>
    public int ConfirmedCount { get; set; }

    /// <summary>The last number handed out on the waiting list; numbers only grow, so the order is stable.</summary>
    public int LastWaitlistNumber { get; set; }

    /// <summary>Optimistic concurrency token, raised by every writer of this row (both providers, no provider column type).</summary>
    public int Version { get; set; }

    public bool HasFreeSeat => Capacity is null || ConfirmedCount < Capacity;

    /// <summary>Months after the end that registration answers, accessibility needs and guest contacts are kept.</summary>
    public int RetentionMonths { get; set; } = DefaultRetentionMonths;

    public const int DefaultRetentionMonths = 12;

    /// <summary>When the retention job removed the registration data; the registrations stay as anonymous counts.</summary>
    public DateTime? RegistrationDataPurgedAtUtc { get; set; }
    public const int MaxCompanions = 20;
    public const int MaxOfferHours = 720;

    /// <summary>Companions one registration may bring (0 = none); each takes a seat of its own.</summary>
    public int CompanionsAllowed { get; set; }

    /// <summary>
    /// Hours a freed seat is offered to the next person on the waiting list before it passes on; null = people move
    /// up at once (no offer).
    /// </summary>
    public int? OfferHours { get; set; }

    /// <summary>
    /// The part of <see cref="ConfirmedCount"/> held for open offers. <see cref="ConfirmedCount"/> counts every seat
    /// taken — confirmed people, their companions and seats held by offers — so the capacity check stays one comparison
    /// on the locked row.
    /// </summary>
    public int HeldSeats { get; set; }

    /// <summary>Whether <paramref name="seats"/> seats (a person and their companions) are still free.</summary>
    public bool HasSeatsFor(int seats) => Capacity is null || ConfirmedCount + seats <= Capacity;
    /// <summary>The series this event is an occurrence of (see <see cref="EventSeries"/>); null for a single event.</summary>
    public Guid? SeriesId { get; set; }

    /// <summary>The Berlin date the series rule gave this occurrence; stays when the occurrence is moved.</summary>
    public DateOnly? OccurrenceDate { get; set; }

    /// <summary>Moved or changed on its own: editing the series no longer overwrites this occurrence.</summary>
    public bool ChangedInSeries { get; set; }

    /// <summary>Per-occurrence agenda or note (Markdown, rendered through the shared sanitising renderer).</summary>
    public string? Agenda { get; set; }

    /// <summary>Optional 8-digit AGS of the venue's municipality; gives the Regierungsbezirk for the calendar filter.</summary>
    public string? MunicipalityAgs { get; set; }
}

/// <summary>
/// One person's registration for one event. At most one row per person and event (unique index); cancelling keeps
/// the row with status Cancelled and registering again reuses it, so the unique index needs no filter.
/// </summary>
internal sealed class EventRegistration
{
    public Guid Id { get; init; } = Guid.NewGuid();

    public Guid EventId { get; set; }

    /// <summary>The account; null is reserved for guests registering by e-mail (later).</summary>
    public Guid? PersonId { get; set; }

    public RegistrationStatus Status { get; set; }

    public DateTime RegisteredAtUtc { get; set; }

    public DateTime? CancelledAtUtc { get; set; }

    /// <summary>Number on the waiting list (set while Waitlisted); the position is the count of smaller numbers still waiting plus one.</summary>
    public int? WaitlistNumber { get; set; }

    /// <summary>Name of a guest without an account (set when <see cref="PersonId"/> is null); removed by the retention job.</summary>
    public string? GuestName { get; set; }

    public string? GuestEmail { get; set; }

    /// <summary>Codes of <see cref="AccessibilityNeeds"/> asked at registration, comma-separated.</summary>
    public string? AccessibilityNeedCodes { get; set; }

    /// <summary>Free text for the need "Sonstiges".</summary>
    public string? AccessibilityNote { get; set; }
    /// <summary>When the reminder mail before the event was queued; set once, so no one is reminded twice.</summary>
    public DateTime? ReminderSentAtUtc { get; set; }
    /// <summary>Companions the person brings; the registration takes 1 + this many seats.</summary>
    public int Companions { get; set; }

    /// <summary>While Offered: until when the seat is held.</summary>
    public DateTime? OfferExpiresUtc { get; set; }

    /// <summary>A mail the offer job still has to write for this registration (set in the same transaction as the change).</summary>
    public RegistrationNotice? PendingNotice { get; set; }

    /// <summary>Seats this registration takes when confirmed or offered.</summary>
    public int Seats => 1 + Companions;
}

/// <summary>Mails about a registration that the offer job writes after the change was committed.</summary>
internal enum RegistrationNotice
{
    /// <summary>"Ein Platz ist frei geworden — bitte bis … bestätigen".</summary>
    Offer,

    /// <summary>The office lowered the capacity and moved the person back to the head of the waiting list.</summary>
    MovedToWaitlist,
}

internal sealed class EventConfiguration : IEntityTypeConfiguration<Event>
{
    public void Configure(EntityTypeBuilder<Event> builder)
    {
        builder.ToTable("Events");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Type).HasConversion<string>().HasMaxLength(30);
        builder.Property(e => e.Title).HasMaxLength(Event.TitleMaxLength);
        builder.Property(e => e.Description).HasMaxLength(Event.DescriptionMaxLength);
        builder.Property(e => e.PlaceMode).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.VenueName).HasMaxLength(Event.VenueMaxLength);
        builder.Property(e => e.VenueAddress).HasMaxLength(Event.AddressMaxLength);
        builder.Property(e => e.OnlineLink).HasMaxLength(Event.LinkMaxLength);
        builder.Property(e => e.Organiser).HasMaxLength(Event.OrganiserMaxLength);
        builder.Property(e => e.Audience).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.Language).HasMaxLength(Event.LanguageMaxLength);
        builder.Property(e => e.AccessibilityInfo).HasMaxLength(Event.AccessibilityMaxLength);
        builder.Property(e => e.FeeText).HasMaxLength(Event.FeeMaxLength);
        builder.Property(e => e.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.Version).IsConcurrencyToken();
        // The calendar lists upcoming events in start order, filtered by audience: counting them and finding a page's
        // ids is answered from this index alone, without reading the rows.
        builder.HasIndex(e => new { e.EndUtc, e.StartUtc, e.Audience, e.Id });
        builder.HasIndex(e => new { e.Type, e.StartUtc });
        builder.Property(e => e.RetentionMonths).HasDefaultValue(Event.DefaultRetentionMonths);
        builder.Property(e => e.Agenda).HasMaxLength(EventSeries.AgendaMaxLength);
        builder.Property(e => e.MunicipalityAgs).HasMaxLength(8);
        builder.HasOne<EventSeries>().WithMany().HasForeignKey(e => e.SeriesId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Quartiersnetz.Data.Reference.Municipality>().WithMany().HasForeignKey(e => e.MunicipalityAgs).OnDelete(DeleteBehavior.Restrict);
        // A series' occurrences in order; one row per series and original date.
        builder.HasIndex(e => new { e.SeriesId, e.OccurrenceDate }).IsUnique();
    }
}

internal sealed class EventRegistrationConfiguration : IEntityTypeConfiguration<EventRegistration>
{
    public void Configure(EntityTypeBuilder<EventRegistration> builder)
    {
        builder.ToTable("EventRegistrations");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        builder.HasOne<Event>().WithMany().HasForeignKey(r => r.EventId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<UserAccount>().WithMany().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Cascade);
        // One row per person and event; NULL person ids (guests, later) do not collide on either provider.
        builder.HasIndex(r => new { r.EventId, r.PersonId }).IsUnique();
        // Participant list by status and the waiting list in order; with the list's other sort keys and the key the
        // list's page is chosen from the index alone (ParticipantList.PageAsync).
        builder.HasIndex(r => new { r.EventId, r.Status, r.WaitlistNumber, r.RegisteredAtUtc, r.Id })
            .HasDatabaseName("IX_EventRegistrations_ListOrder");
        // A person's registrations with what "Meine Veranstaltungen" tests and joins (status, event, waiting-list place),
        // so its counts and pages do not read each registration's row: SQLite at national scale 1.4 -> 0.1 ms per query.
        builder.HasIndex(r => new { r.PersonId, r.Status, r.EventId, r.WaitlistNumber }).HasDatabaseName("IX_EventRegistrations_Person");
        builder.Property(r => r.GuestName).HasMaxLength(EventGuestRequest.NameMaxLength);
        builder.Property(r => r.GuestEmail).HasMaxLength(256);
        builder.Property(r => r.AccessibilityNeedCodes).HasMaxLength(200);
        builder.Property(r => r.AccessibilityNote).HasMaxLength(AccessibilityNeeds.NoteMaxLength);
        builder.Property(r => r.PendingNotice).HasConversion<string>().HasMaxLength(20);
        builder.Ignore(r => r.Seats);
        // The offer job looks for expired offers and for mails still to write.
        builder.HasIndex(r => new { r.Status, r.OfferExpiresUtc });
        // Filtered: almost every row has no notice, and a plain index on a NULL-heavy column was not used for IS NOT NULL
        // (SQLite scanned all registrations on every pass of the notice job).
        builder.HasIndex(r => r.PendingNotice).HasFilter("\"PendingNotice\" IS NOT NULL");
    }
}
