using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Quartiersnetz.Features.Library;

namespace Quartiersnetz.Features.Studies;

/// <summary>Where a commissioned study stands, from the plan to the final report.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StudyStatus>))]
internal enum StudyStatus
{
    Planned,
    Tendered,
    Awarded,
    InProgress,
    Completed,
    Cancelled,
}

internal static class StudyLabels
{
    /// <summary>German label (a localizer key).</summary>
    public static string Label(StudyStatus status) => status switch
    {
        StudyStatus.Planned => "In Planung",
        StudyStatus.Tendered => "Ausgeschrieben",
        StudyStatus.Awarded => "Vergeben",
        StudyStatus.InProgress => "In Bearbeitung",
        StudyStatus.Completed => "Abgeschlossen",
        _ => "Abgebrochen",
    };

    /// <summary>The kinds of deliverable a study contract names; each becomes a publication of that type.</summary>
    public static IReadOnlyList<PublicationType> DeliverableTypes { get; } =
    [
        PublicationType.Zwischenbericht, PublicationType.Abschlussbericht, PublicationType.Dokumentation, PublicationType.Fachstudie,
        PublicationType.Arbeitshilfe, PublicationType.Fachempfehlung, PublicationType.Sonstiges,
    ];
}

/// <summary>
/// A research contract the network commissions (Forschungsauftrag): its question, contractor, budget, period, status and
/// steering group, and the reports it owes (<see cref="StudyDeliverable"/>), which become publications of the library.
/// <see cref="PublishedAtUtc"/> null is a draft only the office sees. The budget and the steering group are shown to
/// members only: they are the network's internal business, the question and the results are for everyone.
/// </summary>
internal sealed class Study
{
    public const int SlugMaxLength = 120;
    public const int TitleMaxLength = 300;
    public const int QuestionMaxLength = 20000;
    public const int ContractorMaxLength = 300;
    public const int SteeringGroupMaxLength = 4000;

    /// <summary>The item kind of studies in the topic assignment table.</summary>
    public const string TopicKind = "study";

    public Guid Id { get; init; } = Guid.NewGuid();

    public string Slug { get; set; } = "";

    public string Title { get; set; } = "";

    /// <summary>The research question and the contract's scope (Markdown, sanitised when shown).</summary>
    public string Question { get; set; } = "";

    /// <summary>The commissioned institute or office; empty while the contract is not awarded.</summary>
    public string? Contractor { get; set; }

    public decimal? BudgetEuro { get; set; }

    public DateOnly? AwardedOn { get; set; }

    public DateOnly? StartOn { get; set; }

    public DateOnly? EndOn { get; set; }

    public StudyStatus Status { get; set; }

    /// <summary>Members of the steering group (Lenkungsgruppe), one per line as the office writes them ("Name, Stadt").</summary>
    public string? SteeringGroup { get; set; }

    public PublicationVisibility Visibility { get; set; }

    public DateTime? PublishedAtUtc { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime UpdatedAtUtc { get; set; }
}

/// <summary>
/// A report the contract owes (interim report, final report …), due on a date; once it exists it is a publication of the
/// library, and <see cref="PublicationId"/> links it.
/// </summary>
internal sealed class StudyDeliverable
{
    public const int TitleMaxLength = 300;

    public Guid Id { get; init; } = Guid.NewGuid();

    public Guid StudyId { get; set; }

    public int Position { get; set; }

    public PublicationType Type { get; set; }

    public string Title { get; set; } = "";

    public DateOnly? DueOn { get; set; }

    public Guid? PublicationId { get; set; }
}

internal sealed class StudyConfiguration : IEntityTypeConfiguration<Study>
{
    public void Configure(EntityTypeBuilder<Study> builder)
    {
        builder.ToTable("Studies");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Slug).HasMaxLength(Study.SlugMaxLength);
        builder.HasIndex(s => s.Slug).IsUnique();
        builder.Property(s => s.Title).HasMaxLength(Study.TitleMaxLength);
        builder.Property(s => s.Question).HasMaxLength(Study.QuestionMaxLength);
        builder.Property(s => s.Contractor).HasMaxLength(Study.ContractorMaxLength);
        builder.Property(s => s.BudgetEuro).HasPrecision(14, 2);
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.SteeringGroup).HasMaxLength(Study.SteeringGroupMaxLength);
        builder.Property(s => s.Visibility).HasConversion<string>().HasMaxLength(20);
        // The list shows published ones, newest contract first.
        builder.HasIndex(s => new { s.PublishedAtUtc, s.Visibility });
    }
}

internal sealed class StudyDeliverableConfiguration : IEntityTypeConfiguration<StudyDeliverable>
{
    public void Configure(EntityTypeBuilder<StudyDeliverable> builder)
    {
        builder.ToTable("StudyDeliverables");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Type).HasConversion<string>().HasMaxLength(30);
        builder.Property(d => d.Title).HasMaxLength(StudyDeliverable.TitleMaxLength);
        builder.HasOne<Study>().WithMany().HasForeignKey(d => d.StudyId).OnDelete(DeleteBehavior.Cascade);
        // Deleting the publication leaves the deliverable owed again, not gone.
        builder.HasOne<Publication>().WithMany().HasForeignKey(d => d.PublicationId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(d => new { d.StudyId, d.Position });
        // A publication's page names the study it came from.
        builder.HasIndex(d => d.PublicationId);
    }
}
