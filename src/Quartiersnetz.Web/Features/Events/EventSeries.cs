using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Quartiersnetz.Features.Events;

/// <summary>
/// A recurring event ("jeden 3. Mittwoch im Monat, 10:00–13:00 Uhr"). The series holds the RFC 5545 rule, the Berlin
/// wall-clock start and end time and the template of every occurrence; each occurrence is an ordinary
/// <see cref="Event"/> row with <see cref="Event.SeriesId"/>, so registration, capacity, feeds and pages work per date.
/// Times are local wall-clock times: 10:00 stays 10:00 across the change to summer time.
/// </summary>
internal sealed class EventSeries
{
    public const int RuleMaxLength = 500;
    public const int AgendaMaxLength = 20000;

    public Guid Id { get; init; } = Guid.NewGuid();

    /// <summary>The RRULE value without the "RRULE:" prefix, e.g. FREQ=MONTHLY;BYDAY=3WE;COUNT=12.</summary>
    public string Rule { get; set; } = "";

    /// <summary>DTSTART's date in Berlin; the rule counts from here.</summary>
    public DateOnly FirstDate { get; set; }

    /// <summary>Berlin wall-clock start of each occurrence.</summary>
    public TimeOnly StartTime { get; set; }

    /// <summary>Berlin wall-clock end of each occurrence (same day).</summary>
    public TimeOnly EndTime { get; set; }

    public EventType Type { get; set; }

    public string Title { get; set; } = "";

    public string Description { get; set; } = "";

    public PlaceMode PlaceMode { get; set; }

    public string? VenueName { get; set; }

    public string? VenueAddress { get; set; }

    public string? OnlineLink { get; set; }

    public string? Organiser { get; set; }

    public EventAudience Audience { get; set; }

    public string Language { get; set; } = "Deutsch";

    public string? AccessibilityInfo { get; set; }

    public string? FeeText { get; set; }

    public int? Capacity { get; set; }

    public bool RequiresConfirmation { get; set; }

    public string? MunicipalityAgs { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime UpdatedAtUtc { get; set; }
}

internal sealed class EventSeriesConfiguration : IEntityTypeConfiguration<EventSeries>
{
    public void Configure(EntityTypeBuilder<EventSeries> builder)
    {
        builder.ToTable("EventSeries");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Rule).HasMaxLength(EventSeries.RuleMaxLength);
        builder.Property(s => s.Type).HasConversion<string>().HasMaxLength(30);
        builder.Property(s => s.Title).HasMaxLength(Event.TitleMaxLength);
        builder.Property(s => s.Description).HasMaxLength(Event.DescriptionMaxLength);
        builder.Property(s => s.PlaceMode).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.VenueName).HasMaxLength(Event.VenueMaxLength);
        builder.Property(s => s.VenueAddress).HasMaxLength(Event.AddressMaxLength);
        builder.Property(s => s.OnlineLink).HasMaxLength(Event.LinkMaxLength);
        builder.Property(s => s.Organiser).HasMaxLength(Event.OrganiserMaxLength);
        builder.Property(s => s.Audience).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.Language).HasMaxLength(Event.LanguageMaxLength);
        builder.Property(s => s.AccessibilityInfo).HasMaxLength(Event.AccessibilityMaxLength);
        builder.Property(s => s.FeeText).HasMaxLength(Event.FeeMaxLength);
        builder.Property(s => s.MunicipalityAgs).HasMaxLength(8);
        builder.HasOne<Quartiersnetz.Data.Reference.Municipality>().WithMany().HasForeignKey(s => s.MunicipalityAgs).OnDelete(DeleteBehavior.Restrict);
    }
}
