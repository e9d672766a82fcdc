using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Quartiersnetz.Data.Reference;
using Quartiersnetz.Features.Organisations;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Files;

namespace Quartiersnetz.Features.Library;

/// <summary>The kinds of publication the network issues (PRODUCT.md: "Arbeitshilfen, Abschlussberichte …").</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PublicationType>))]
internal enum PublicationType
{
    Arbeitshilfe,
    Abschlussbericht,
    Zwischenbericht,
    Dokumentation,
    Fachstudie,
    Fachempfehlung,
    Argumentationshilfe,
    Sonstiges,
}

/// <summary>Who may read a published publication.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PublicationVisibility>))]
internal enum PublicationVisibility
{
    /// <summary>Everyone; in the library, search, sitemap and feeds for the public.</summary>
    Public,

    /// <summary>Signed-in members of the network (any role).</summary>
    Members,
}

internal static class PublicationLabels
{
    /// <summary>German singular for pages and the search's type line (a localizer key).</summary>
    public static string Label(PublicationType type) => type switch
    {
        PublicationType.Arbeitshilfe => "Arbeitshilfe",
        PublicationType.Abschlussbericht => "Abschlussbericht",
        PublicationType.Zwischenbericht => "Zwischenbericht",
        PublicationType.Dokumentation => "Dokumentation",
        PublicationType.Fachstudie => "Fachstudie",
        PublicationType.Fachempfehlung => "Fachempfehlung",
        PublicationType.Argumentationshilfe => "Argumentationshilfe",
        _ => "Sonstige Veröffentlichung",
    };

    public static string Label(PublicationVisibility visibility) => visibility == PublicationVisibility.Public ? "Öffentlich" : "Nur für Mitglieder";

    /// <summary>schema.org type of the publication page's JSON-LD: reports are Reports, the rest CreativeWorks.</summary>
    public static string SchemaType(PublicationType type) =>
        type is PublicationType.Abschlussbericht or PublicationType.Zwischenbericht or PublicationType.Dokumentation or PublicationType.Fachstudie
            ? "Report" : "CreativeWork";

    /// <summary>DataCite resourceTypeGeneral of the type.</summary>
    public static string DataCiteType(PublicationType type) =>
        type is PublicationType.Abschlussbericht or PublicationType.Zwischenbericht or PublicationType.Fachstudie ? "Report" : "Text";

    /// <summary>A value from a form or a query string; numbers are refused so that only the names count.</summary>
    public static TEnum? Parse<TEnum>(string? value)
        where TEnum : struct, Enum =>
        Enum.TryParse<TEnum>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(value, out _) ? parsed : null;
}

/// <summary>
/// A publication of the library: working aid, report, study. <see cref="PublishedAtUtc"/> null is a draft only the office
/// sees. Authors and editors are <see cref="PublicationContributor"/> rows, files are <see cref="PublicationFile"/> rows
/// with their extracted text.
/// </summary>
internal sealed class Publication
{
    public const int SlugMaxLength = 120;
    public const int TitleMaxLength = 300;
    public const int SubtitleMaxLength = 300;
    public const int PublisherMaxLength = 200;
    public const int AbstractMaxLength = 20000;
    public const int LicenceMaxLength = 100;
    public const int IdentifierMaxLength = 100;
    public const int MinYear = 1950;
    public const int CoverAltTextMaxLength = 300;
    public const int CoverCreditMaxLength = 200;

    /// <summary>The item kind of publications in the topic assignment table.</summary>
    public const string TopicKind = "publication";

    public Guid Id { get; init; } = Guid.NewGuid();

    public string Slug { get; set; } = "";

    public PublicationType Type { get; set; }

    public string Title { get; set; } = "";

    public string? Subtitle { get; set; }

    public string? Publisher { get; set; }

    public int Year { get; set; }

    /// <summary>The day of publication when known; the year alone is enough for a citation.</summary>
    public DateOnly? PublishedOn { get; set; }

    /// <summary>Markdown; rendered through the shared sanitising renderer.</summary>
    public string Abstract { get; set; } = "";

    /// <summary>ISO 639-1 code of the text's language ("de", "en").</summary>
    public string Language { get; set; } = "de";

    public string? Licence { get; set; }

    public string? Doi { get; set; }

    public string? Isbn { get; set; }

    public string? Urn { get; set; }

    public PublicationVisibility Visibility { get; set; }

    /// <summary>When the office published it; null while it is a draft.</summary>
    public DateTime? PublishedAtUtc { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    /// <summary>Storage key of the cover image (PNG, JPEG or WebP by content; the extension says which); null without one.</summary>
    public string? CoverKey { get; set; }

    /// <summary>What the cover shows, for people who cannot see it; set whenever <see cref="CoverKey"/> is.</summary>
    public string? CoverAltText { get; set; }

    /// <summary>Photo credit or rights holder of the cover, shown below it.</summary>
    public string? CoverCredit { get; set; }
}

/// <summary>An event a publication belongs to (the conference it documents, the workshop it came from).</summary>
internal sealed class PublicationEvent
{
    public Guid PublicationId { get; set; }

    public Guid EventId { get; set; }
}

/// <summary>
/// Two related publications. The link has no direction: it is stored once, and each side's page lists the other.
/// </summary>
internal sealed class PublicationRelation
{
    public Guid PublicationId { get; set; }

    public Guid RelatedPublicationId { get; set; }
}

/// <summary>An author or editor, in the order of the title page.</summary>
internal sealed class PublicationContributor
{
    public const int NameMaxLength = 200;

    public Guid Id { get; init; } = Guid.NewGuid();

    public Guid PublicationId { get; set; }

    public int Position { get; set; }

    public string Name { get; set; } = "";

    /// <summary>True for an editor (Herausgeberin, Herausgeber), false for an author.</summary>
    public bool IsEditor { get; set; }

    /// <summary>The person of the directory this name stands for (see <see cref="ContributorLinks"/>), or null.</summary>
    public Guid? PersonId { get; set; }

    /// <summary>The organisation of the directory this name stands for (see <see cref="ContributorLinks"/>), or null.</summary>
    public Guid? OrganisationId { get; set; }
}

/// <summary>A file of a publication (the report itself, an annex), with its extracted full text for the search.</summary>
internal sealed class PublicationFile : IExtractableDocument
{
    public const int TitleMaxLength = 200;

    /// <summary>The longest text kept of one file (<see cref="DocumentText.MaxLength"/>).</summary>
    public const int TextMaxLength = DocumentText.MaxLength;

    public Guid Id { get; init; } = Guid.NewGuid();

    public Guid PublicationId { get; set; }

    public string Title { get; set; } = "";

    /// <summary>Storage key made by the app (<see cref="IFileStorage"/>), never the uploaded name.</summary>
    public string FileKey { get; set; } = "";

    /// <summary>Extension of the detected format ("pdf", "docx").</summary>
    public string Extension { get; set; } = "";

    public long SizeBytes { get; set; }

    public int? PageCount { get; set; }

    public DocumentTextStatus TextStatus { get; set; }

    public string? Text { get; set; }

    public int DownloadCount { get; set; }

    public DateTime UploadedAtUtc { get; set; }
}

/// <summary>A municipality a publication is about (a study of its programme area, the documentation of a visit there).</summary>
internal sealed class PublicationMunicipality
{
    public Guid PublicationId { get; set; }

    public string Ags { get; set; } = "";
}

/// <summary>A programme area (Fördergebiet) a publication is about: its evaluation, the documentation of a project there.</summary>
internal sealed class PublicationArea
{
    public Guid PublicationId { get; set; }

    public Guid AreaId { get; set; }
}

internal sealed class PublicationConfiguration : IEntityTypeConfiguration<Publication>
{
    public void Configure(EntityTypeBuilder<Publication> builder)
    {
        builder.ToTable("Publications");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Slug).HasMaxLength(Publication.SlugMaxLength);
        builder.HasIndex(p => p.Slug).IsUnique();
        builder.Property(p => p.Type).HasConversion<string>().HasMaxLength(30);
        builder.Property(p => p.Title).HasMaxLength(Publication.TitleMaxLength);
        builder.Property(p => p.Subtitle).HasMaxLength(Publication.SubtitleMaxLength);
        builder.Property(p => p.Publisher).HasMaxLength(Publication.PublisherMaxLength);
        builder.Property(p => p.Abstract).HasMaxLength(Publication.AbstractMaxLength);
        builder.Property(p => p.Language).HasMaxLength(2);
        builder.Property(p => p.Licence).HasMaxLength(Publication.LicenceMaxLength);
        builder.Property(p => p.Doi).HasMaxLength(Publication.IdentifierMaxLength);
        builder.Property(p => p.Isbn).HasMaxLength(Publication.IdentifierMaxLength);
        builder.Property(p => p.Urn).HasMaxLength(Publication.IdentifierMaxLength);
        builder.Property(p => p.Visibility).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.CoverKey).HasMaxLength(120);
        builder.Property(p => p.CoverAltText).HasMaxLength(Publication.CoverAltTextMaxLength);
        builder.Property(p => p.CoverCredit).HasMaxLength(Publication.CoverCreditMaxLength);
        // The library lists published ones newest first, per type and per year. The list order's index carries the
        // columns the filters test, so a filtered page and its count read the narrow index, not the wide rows (whose
        // abstracts put one row on each page): PostgreSQL 5.4 -> 2.0 ms for type, topic and year at national scale.
        builder.HasIndex(p => new { p.PublishedAtUtc, p.Id, p.Visibility, p.Type, p.Year })
            .IsDescending(true, false, false, false, false)
            .HasDatabaseName("IX_Publications_ListOrder");
        builder.HasIndex(p => new { p.Type, p.Year });
    }
}

internal sealed class PublicationContributorConfiguration : IEntityTypeConfiguration<PublicationContributor>
{
    public void Configure(EntityTypeBuilder<PublicationContributor> builder)
    {
        builder.ToTable("PublicationContributors");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Name).HasMaxLength(PublicationContributor.NameMaxLength);
        builder.HasOne<Publication>().WithMany().HasForeignKey(c => c.PublicationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => new { c.PublicationId, c.Position });
        // A person's or organisation's page lists their publications; deleting them keeps the name on the title page.
        builder.HasOne<UserAccount>().WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(c => c.OrganisationId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(c => c.PersonId);
        builder.HasIndex(c => c.OrganisationId);
    }
}

internal sealed class PublicationMunicipalityConfiguration : IEntityTypeConfiguration<PublicationMunicipality>
{
    public void Configure(EntityTypeBuilder<PublicationMunicipality> builder)
    {
        builder.ToTable("PublicationMunicipalities");
        builder.HasKey(m => new { m.PublicationId, m.Ags });
        builder.Property(m => m.Ags).HasMaxLength(8);
        builder.HasOne<Publication>().WithMany().HasForeignKey(m => m.PublicationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Municipality>().WithMany().HasForeignKey(m => m.Ags).OnDelete(DeleteBehavior.Cascade);
        // A municipality's page lists its publications.
        builder.HasIndex(m => m.Ags);
    }
}

internal sealed class PublicationAreaConfiguration : IEntityTypeConfiguration<PublicationArea>
{
    public void Configure(EntityTypeBuilder<PublicationArea> builder)
    {
        builder.ToTable("PublicationAreas");
        builder.HasKey(a => new { a.PublicationId, a.AreaId });
        builder.HasOne<Publication>().WithMany().HasForeignKey(a => a.PublicationId).OnDelete(DeleteBehavior.Cascade);
        // Deleting an area removes it from its publications; they stay.
        builder.HasOne<Quartiersnetz.Features.ProgrammeAreas.ProgrammeArea>().WithMany().HasForeignKey(a => a.AreaId).OnDelete(DeleteBehavior.Cascade);
        // An area's page lists its publications.
        builder.HasIndex(a => a.AreaId);
    }
}

internal sealed class PublicationFileConfiguration : IEntityTypeConfiguration<PublicationFile>
{
    public void Configure(EntityTypeBuilder<PublicationFile> builder)
    {
        builder.ToTable("PublicationFiles");
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Title).HasMaxLength(PublicationFile.TitleMaxLength);
        builder.Property(f => f.FileKey).HasMaxLength(120);
        builder.Property(f => f.Extension).HasMaxLength(10);
        builder.Property(f => f.TextStatus).HasConversion<string>().HasMaxLength(20);
        builder.Property(f => f.Text).HasMaxLength(PublicationFile.TextMaxLength);
        builder.HasOne<Publication>().WithMany().HasForeignKey(f => f.PublicationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(f => new { f.PublicationId, f.UploadedAtUtc });
        // The extraction job picks the waiting files.
        builder.HasIndex(f => f.TextStatus);
    }
}

internal sealed class PublicationEventConfiguration : IEntityTypeConfiguration<PublicationEvent>
{
    public void Configure(EntityTypeBuilder<PublicationEvent> builder)
    {
        builder.ToTable("PublicationEvents");
        builder.HasKey(e => new { e.PublicationId, e.EventId });
        builder.HasOne<Publication>().WithMany().HasForeignKey(e => e.PublicationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Quartiersnetz.Features.Events.Event>().WithMany().HasForeignKey(e => e.EventId).OnDelete(DeleteBehavior.Cascade);
        // An event's documentation: the publications linked to it.
        builder.HasIndex(e => e.EventId);
    }
}

internal sealed class PublicationRelationConfiguration : IEntityTypeConfiguration<PublicationRelation>
{
    public void Configure(EntityTypeBuilder<PublicationRelation> builder)
    {
        builder.ToTable("PublicationRelations");
        builder.HasKey(r => new { r.PublicationId, r.RelatedPublicationId });
        builder.HasOne<Publication>().WithMany().HasForeignKey(r => r.PublicationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Publication>().WithMany().HasForeignKey(r => r.RelatedPublicationId).OnDelete(DeleteBehavior.Cascade);
        // The other direction: a publication's page also lists those that name it.
        builder.HasIndex(r => r.RelatedPublicationId);
    }
}
