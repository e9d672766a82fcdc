using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Quartiersnetz.Data.Reference;
using Quartiersnetz.Features.ProgrammeAreas;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.Features.Projects;

/// <summary>Where a project stands in the district (not in the review).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ProjectStatus>))]
internal enum ProjectStatus
{
    Geplant,
    Laufend,
    Abgeschlossen,
}

/// <summary>Where a project stands in the office's review. Only <see cref="Published"/> projects are shown to anyone but the proposer and the office.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ProjectReviewState>))]
internal enum ProjectReviewState
{
    /// <summary>Saved by the proposer, not yet sent to the office.</summary>
    Draft,

    /// <summary>Sent to the office for review; the proposer may still improve it.</summary>
    Submitted,

    /// <summary>The office sent it back with a note; the proposer revises and submits again.</summary>
    Returned,

    Published,
}

internal static class ProjectLabels
{
    public static string Label(ProjectStatus status) => status switch
    {
        ProjectStatus.Geplant => "Geplant",
        ProjectStatus.Laufend => "Laufend",
        _ => "Abgeschlossen",
    };

    public static string Label(ProjectReviewState state) => state switch
    {
        ProjectReviewState.Draft => "Entwurf",
        ProjectReviewState.Submitted => "Zur Prüfung eingereicht",
        ProjectReviewState.Returned => "Zur Überarbeitung zurückgegeben",
        _ => "Veröffentlicht",
    };

    /// <summary>A value from a form or a query string; numbers are refused so that only the names count.</summary>
    public static TEnum? Parse<TEnum>(string? value)
        where TEnum : struct, Enum =>
        Enum.TryParse<TEnum>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(value, out _) ? parsed : null;
}

/// <summary>
/// A good-practice project of the Praxisdatenbank: what a municipality did in a programme area, how, with what result
/// and what others can learn from it. Members propose projects; the office reviews and publishes them. Published projects
/// are public (they are the network's shared knowledge); the contact's e-mail address is shown to members only.
/// </summary>
internal sealed class Project
{
    public const int SlugMaxLength = 120;
    public const int TitleMaxLength = 200;
    public const int SummaryMaxLength = 600;
    public const int TextMaxLength = 10000;
    public const int FundingMaxLength = 1000;
    public const int PartnersMaxLength = 2000;
    public const int NameMaxLength = 200;
    public const int EmailMaxLength = 254;
    public const int UrlMaxLength = 500;
    public const int NoteMaxLength = 2000;
    public const int MinYear = 1971;

    /// <summary>The item kind of projects in the topic assignment table.</summary>
    public const string TopicKind = "project";

    public Guid Id { get; init; } = Guid.NewGuid();

    public string Slug { get; set; } = "";

    public string Title { get; set; } = "";

    /// <summary>Plain text teaser for lists, search hits and the map.</summary>
    public string Summary { get; set; } = "";

    public string MunicipalityAgs { get; set; } = "";

    /// <summary>The programme area the project is in; null for a project of the whole town.</summary>
    public Guid? ProgrammeAreaId { get; set; }

    public UrbanDevelopmentProgramme Programme { get; set; } = UrbanDevelopmentProgramme.SozialerZusammenhalt;

    public ProjectStatus Status { get; set; }

    public int? StartYear { get; set; }

    public int? EndYear { get; set; }

    /// <summary>Total costs in euros, when known.</summary>
    public decimal? CostsEuro { get; set; }

    /// <summary>Funding sources as the proposer names them ("Städtebauförderung (Bund/Land), Eigenanteil der Stadt").</summary>
    public string? FundingSources { get; set; }

    /// <summary>Partners, one per line.</summary>
    public string? Partners { get; set; }

    public string? ContactName { get; set; }

    public string? ContactOrganisation { get; set; }

    /// <summary>Shown to signed-in members only; the public sees the name and organisation.</summary>
    public string? ContactEmail { get; set; }

    /// <summary>Markdown, rendered through the shared sanitising renderer.</summary>
    public string Goals { get; set; } = "";

    public string? Approach { get; set; }

    public string? Results { get; set; }

    public string? LessonsLearned { get; set; }

    public string? WebsiteUrl { get; set; }

    public string? VideoUrl { get; set; }

    /// <summary>Where the project is on the map; without it, the map uses its programme area's or municipality's point.</summary>
    public double? Latitude { get; set; }

    public double? Longitude { get; set; }

    public ProjectReviewState ReviewState { get; set; }

    /// <summary>Chosen by the office for the home page.</summary>
    public bool IsFeatured { get; set; }

    /// <summary>The office's note when it returned the proposal; cleared when it is published.</summary>
    public string? ReviewNote { get; set; }

    /// <summary>The member who proposed it; null when the office entered it or the account was deleted.</summary>
    public Guid? ProposedByAccountId { get; set; }

    public DateTime? SubmittedAtUtc { get; set; }

    public DateTime? PublishedAtUtc { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime UpdatedAtUtc { get; set; }
}

/// <summary>A photo of a project, re-encoded as JPEG (no metadata kept), with the alt text and credit that must go with it.</summary>
internal sealed class ProjectImage
{
    public const int AltTextMaxLength = 300;
    public const int CreditMaxLength = 200;

    public Guid Id { get; init; } = Guid.NewGuid();

    public Guid ProjectId { get; set; }

    public int Position { get; set; }

    /// <summary>Storage key made by the app, never the uploaded name.</summary>
    public string FileKey { get; set; } = "";

    public string AltText { get; set; } = "";

    public string? Credit { get; set; }

    public DateTime UploadedAtUtc { get; set; }
}

internal sealed class ProjectConfiguration : IEntityTypeConfiguration<Project>
{
    public void Configure(EntityTypeBuilder<Project> builder)
    {
        builder.ToTable("Projects");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Slug).HasMaxLength(Project.SlugMaxLength);
        builder.HasIndex(p => p.Slug).IsUnique();
        builder.Property(p => p.Title).HasMaxLength(Project.TitleMaxLength);
        builder.Property(p => p.Summary).HasMaxLength(Project.SummaryMaxLength);
        builder.Property(p => p.MunicipalityAgs).HasMaxLength(8);
        builder.Property(p => p.Programme).HasConversion<string>().HasMaxLength(40);
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.ReviewState).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.CostsEuro).HasPrecision(14, 2);
        builder.Property(p => p.FundingSources).HasMaxLength(Project.FundingMaxLength);
        builder.Property(p => p.Partners).HasMaxLength(Project.PartnersMaxLength);
        builder.Property(p => p.ContactName).HasMaxLength(Project.NameMaxLength);
        builder.Property(p => p.ContactOrganisation).HasMaxLength(Project.NameMaxLength);
        builder.Property(p => p.ContactEmail).HasMaxLength(Project.EmailMaxLength);
        builder.Property(p => p.Goals).HasMaxLength(Project.TextMaxLength);
        builder.Property(p => p.Approach).HasMaxLength(Project.TextMaxLength);
        builder.Property(p => p.Results).HasMaxLength(Project.TextMaxLength);
        builder.Property(p => p.LessonsLearned).HasMaxLength(Project.TextMaxLength);
        builder.Property(p => p.WebsiteUrl).HasMaxLength(Project.UrlMaxLength);
        builder.Property(p => p.VideoUrl).HasMaxLength(Project.UrlMaxLength);
        builder.Property(p => p.ReviewNote).HasMaxLength(Project.NoteMaxLength);
        builder.HasOne<Municipality>().WithMany().HasForeignKey(p => p.MunicipalityAgs).OnDelete(DeleteBehavior.Restrict);
        // A deleted area leaves its projects with their municipality.
        builder.HasOne<ProgrammeArea>().WithMany().HasForeignKey(p => p.ProgrammeAreaId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<UserAccount>().WithMany().HasForeignKey(p => p.ProposedByAccountId).OnDelete(DeleteBehavior.SetNull);
        // The public list (published, newest first), the office's queue (by state), a municipality's and an area's sections.
        builder.HasIndex(p => new { p.ReviewState, p.PublishedAtUtc });
        builder.HasIndex(p => p.MunicipalityAgs);
        builder.HasIndex(p => p.ProgrammeAreaId);
        builder.HasIndex(p => p.ProposedByAccountId);
    }
}

internal sealed class ProjectImageConfiguration : IEntityTypeConfiguration<ProjectImage>
{
    public void Configure(EntityTypeBuilder<ProjectImage> builder)
    {
        builder.ToTable("ProjectImages");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.FileKey).HasMaxLength(200);
        builder.Property(i => i.AltText).HasMaxLength(ProjectImage.AltTextMaxLength);
        builder.Property(i => i.Credit).HasMaxLength(ProjectImage.CreditMaxLength);
        builder.HasOne<Project>().WithMany().HasForeignKey(i => i.ProjectId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(i => new { i.ProjectId, i.Position });
    }
}
