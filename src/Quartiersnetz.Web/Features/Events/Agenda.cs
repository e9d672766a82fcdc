using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Files;

namespace Quartiersnetz.Features.Events;

/// <summary>What kind of slot an agenda item is; the German label is what the page and the PDF show.</summary>
internal enum AgendaItemType
{
    Vortrag,
    Diskussion,
    BerichtFoerdergeber,
    Austausch,
    Pause,
}

/// <summary>
/// One timed slot of an event's agenda (Tagesordnung): a talk, a discussion, the funders' report, a break. Each date of
/// a series is its own <see cref="Event"/>, so every occurrence has its own agenda. Items may overlap: parallel
/// sessions are real; the office page points the overlap out instead of refusing it.
/// </summary>
internal sealed class AgendaItem
{
    public const int TitleMaxLength = 200;
    public const int DescriptionMaxLength = 4000;

    /// <summary>An agenda longer than this is a programme booklet; the free-text programme is the place for that.</summary>
    public const int MaxPerEvent = 60;

    /// <summary>Item kind in the topic assignment table (<see cref="Topics.TopicAssignment"/>).</summary>
    public const string TopicKind = Topics.TopicKinds.AgendaItem;

    public Guid Id { get; init; } = Guid.NewGuid();

    public Guid EventId { get; set; }

    public DateTime StartUtc { get; set; }

    public DateTime EndUtc { get; set; }

    /// <summary>Order among items that start at the same time (parallel sessions); otherwise the start time orders.</summary>
    public int SortOrder { get; set; }

    public string Title { get; set; } = "";

    /// <summary>Markdown, rendered through the sanitising renderer.</summary>
    public string Description { get; set; } = "";

    public AgendaItemType Type { get; set; }
}

/// <summary>
/// Who speaks in an item: a person of the directory (<see cref="AccountId"/>; their name and organisation are read
/// from the profile and shown only as far as its visibility allows) or an external speaker typed in by the office.
/// </summary>
internal sealed class AgendaSpeaker
{
    public const int NameMaxLength = 200;
    public const int OrganisationMaxLength = 200;
    public const int BioMaxLength = 1000;

    /// <summary>A panel rarely has more; the limit keeps one item from turning into a list of participants.</summary>
    public const int MaxPerItem = 12;

    public Guid Id { get; init; } = Guid.NewGuid();

    public Guid AgendaItemId { get; set; }

    public int SortOrder { get; set; }

    public Guid? AccountId { get; set; }

    public string? Name { get; set; }

    public string? Organisation { get; set; }

    public string? Bio { get; set; }
}

/// <summary>Slides or a document of an agenda item; the same file rules and visibility as <see cref="EventDocument"/>.</summary>
internal sealed class AgendaMaterial
{
    public const int MaxPerItem = 10;

    public Guid Id { get; init; } = Guid.NewGuid();

    public Guid AgendaItemId { get; set; }

    /// <summary>Kept beside the item so a download checks the event's visibility without a second join.</summary>
    public Guid EventId { get; set; }

    public string Title { get; set; } = "";

    /// <summary>Storage key made by the app (<see cref="IFileStorage"/>), never the uploaded name.</summary>
    public string FileKey { get; set; } = "";

    public string Extension { get; set; } = "";

    public long SizeBytes { get; set; }

    public bool ParticipantsOnly { get; set; }

    public DateTime UploadedAtUtc { get; set; }
}

internal sealed class AgendaItemConfiguration : IEntityTypeConfiguration<AgendaItem>
{
    public void Configure(EntityTypeBuilder<AgendaItem> builder)
    {
        builder.ToTable("AgendaItems");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Title).HasMaxLength(AgendaItem.TitleMaxLength);
        builder.Property(i => i.Description).HasMaxLength(AgendaItem.DescriptionMaxLength);
        builder.Property(i => i.Type).HasConversion<string>().HasMaxLength(30);
        builder.HasOne<Event>().WithMany().HasForeignKey(i => i.EventId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(i => new { i.EventId, i.StartUtc, i.SortOrder });
    }
}

internal sealed class AgendaSpeakerConfiguration : IEntityTypeConfiguration<AgendaSpeaker>
{
    public void Configure(EntityTypeBuilder<AgendaSpeaker> builder)
    {
        builder.ToTable("AgendaSpeakers");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Name).HasMaxLength(AgendaSpeaker.NameMaxLength);
        builder.Property(s => s.Organisation).HasMaxLength(AgendaSpeaker.OrganisationMaxLength);
        builder.Property(s => s.Bio).HasMaxLength(AgendaSpeaker.BioMaxLength);
        builder.HasOne<AgendaItem>().WithMany().HasForeignKey(s => s.AgendaItemId).OnDelete(DeleteBehavior.Cascade);
        // A deleted account leaves the slot without a directory speaker rather than deleting the agenda line.
        builder.HasOne<UserAccount>().WithMany().HasForeignKey(s => s.AccountId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(s => new { s.AgendaItemId, s.SortOrder });
    }
}

internal sealed class AgendaMaterialConfiguration : IEntityTypeConfiguration<AgendaMaterial>
{
    public void Configure(EntityTypeBuilder<AgendaMaterial> builder)
    {
        builder.ToTable("AgendaMaterials");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Title).HasMaxLength(EventDocument.TitleMaxLength);
        builder.Property(m => m.FileKey).HasMaxLength(120);
        builder.Property(m => m.Extension).HasMaxLength(10);
        builder.HasOne<AgendaItem>().WithMany().HasForeignKey(m => m.AgendaItemId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => new { m.AgendaItemId, m.UploadedAtUtc });
        builder.HasIndex(m => m.EventId);
    }
}

internal static class AgendaLabels
{
    /// <summary>German source text of a type, for the localizer.</summary>
    public static string Label(AgendaItemType type) => type switch
    {
        AgendaItemType.Vortrag => "Vortrag",
        AgendaItemType.Diskussion => "Diskussion",
        AgendaItemType.BerichtFoerdergeber => "Bericht der Fördergeber",
        AgendaItemType.Austausch => "Austausch",
        _ => "Pause",
    };

    public static IReadOnlyList<AgendaItemType> Types { get; } = Enum.GetValues<AgendaItemType>();
}

/// <summary>What the agenda partial of the event page needs.</summary>
internal sealed record AgendaPartialModel(Guid EventId, IReadOnlyList<AgendaItemView> Items, IReadOnlyDictionary<Guid, string> Descriptions);
