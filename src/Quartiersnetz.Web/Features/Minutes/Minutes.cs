using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Quartiersnetz.Data.Reference;
using Quartiersnetz.Features.Events;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.Features.Minutes;

/// <summary>Where the minutes stand. Only forward, except that the office may take minutes under review back to draft.</summary>
internal enum MinutesState
{
    /// <summary>Entwurf: the office writes; nobody else sees it.</summary>
    Draft,

    /// <summary>Zur Abstimmung: the event's confirmed participants read it and may point out corrections.</summary>
    InReview,

    /// <summary>Veröffentlicht: locked; the event's audience reads it; a change needs a note.</summary>
    Published,
}

/// <summary>Why a revision was written.</summary>
internal enum RevisionKind
{
    Saved,
    Autosaved,
    Restored,
    ChangedAfterPublication,
}

internal enum MinutesItemKind
{
    /// <summary>Beschluss.</summary>
    Decision,

    /// <summary>Aufgabe (follow-up) with a responsible person or municipality and a due date.</summary>
    FollowUp,
}

/// <summary>
/// The minutes (Protokoll) of one event. Each date of a series is its own event, so every occurrence has its own
/// minutes, as it has its own agenda. The text is Markdown; every save writes a <see cref="MinutesRevision"/>.
/// <see cref="Revision"/> is the number of the newest revision and the concurrency token: a save names the revision it
/// started from, and one made on top of a newer revision is refused instead of overwriting it.
/// </summary>
internal sealed class EventMinutes
{
    public const int TextMaxLength = 100_000;
    public const int NoteMaxLength = 500;

    public Guid Id { get; init; } = Guid.NewGuid();

    public Guid EventId { get; set; }

    public MinutesState State { get; set; }

    public string Text { get; set; } = "";

    public int Revision { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    public DateTime? PublishedAtUtc { get; set; }
}

/// <summary>One saved version of the minutes' text: who, when, why (and the note a change after publication needs).</summary>
internal sealed class MinutesRevision
{
    public Guid Id { get; init; } = Guid.NewGuid();

    public Guid MinutesId { get; set; }

    public int Number { get; set; }

    public string Text { get; set; } = "";

    /// <summary>Null once the author's account is deleted: the text stays part of the record, the name goes.</summary>
    public Guid? AuthorId { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public RevisionKind Kind { get; set; }

    public string? Note { get; set; }
}

/// <summary>A decision (Beschluss) or follow-up (Aufgabe) of the minutes. Follow-ups are open until closed with a note.</summary>
internal sealed class MinutesItem
{
    public const int TextMaxLength = 2000;
    public const int ClosingNoteMaxLength = 1000;

    /// <summary>A meeting's minutes with more than this are a work plan; the limit keeps the page readable.</summary>
    public const int MaxPerMinutes = 100;

    public Guid Id { get; init; } = Guid.NewGuid();

    public Guid MinutesId { get; set; }

    /// <summary>Kept beside the minutes so the task list checks the event's visibility without a second join.</summary>
    public Guid EventId { get; set; }

    public MinutesItemKind Kind { get; set; }

    public string Text { get; set; } = "";

    public Guid? ResponsibleAccountId { get; set; }

    public string? ResponsibleAgs { get; set; }

    public DateOnly? DueDate { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime? ClosedAtUtc { get; set; }

    public Guid? ClosedById { get; set; }

    public string? ClosingNote { get; set; }

    public bool IsOpen => Kind == MinutesItemKind.FollowUp && ClosedAtUtc is null;
}

internal sealed class EventMinutesConfiguration : IEntityTypeConfiguration<EventMinutes>
{
    public void Configure(EntityTypeBuilder<EventMinutes> builder)
    {
        builder.ToTable("EventMinutes");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.Text).HasMaxLength(EventMinutes.TextMaxLength);
        // The optimistic check: an UPDATE names the revision it read, so two editors can never both win.
        builder.Property(m => m.Revision).IsConcurrencyToken();
        builder.HasOne<Event>().WithMany().HasForeignKey(m => m.EventId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => m.EventId).IsUnique();
    }
}

internal sealed class MinutesRevisionConfiguration : IEntityTypeConfiguration<MinutesRevision>
{
    public void Configure(EntityTypeBuilder<MinutesRevision> builder)
    {
        builder.ToTable("MinutesRevisions");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Text).HasMaxLength(EventMinutes.TextMaxLength);
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(30);
        builder.Property(r => r.Note).HasMaxLength(EventMinutes.NoteMaxLength);
        builder.HasOne<EventMinutes>().WithMany().HasForeignKey(r => r.MinutesId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<UserAccount>().WithMany().HasForeignKey(r => r.AuthorId).OnDelete(DeleteBehavior.SetNull);
        // A second writer of the same number fails here even where the concurrency token did not catch it (first save).
        builder.HasIndex(r => new { r.MinutesId, r.Number }).IsUnique();
        builder.HasIndex(r => r.AuthorId);
    }
}

internal sealed class MinutesItemConfiguration : IEntityTypeConfiguration<MinutesItem>
{
    public void Configure(EntityTypeBuilder<MinutesItem> builder)
    {
        builder.ToTable("MinutesItems");
        builder.HasKey(i => i.Id);
        builder.Ignore(i => i.IsOpen);
        builder.Property(i => i.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.Text).HasMaxLength(MinutesItem.TextMaxLength);
        builder.Property(i => i.ResponsibleAgs).HasMaxLength(8);
        builder.Property(i => i.ClosingNote).HasMaxLength(MinutesItem.ClosingNoteMaxLength);
        // Two people closing the same task at once: the UPDATE names "still open", so the second one fails instead of
        // replacing the first one's note.
        builder.Property(i => i.ClosedAtUtc).IsConcurrencyToken();
        builder.HasOne<EventMinutes>().WithMany().HasForeignKey(i => i.MinutesId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<UserAccount>().WithMany().HasForeignKey(i => i.ResponsibleAccountId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<UserAccount>().WithMany().HasForeignKey(i => i.ClosedById).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Municipality>().WithMany().HasForeignKey(i => i.ResponsibleAgs).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(i => new { i.MinutesId, i.CreatedAtUtc });
        builder.HasIndex(i => new { i.Kind, i.ClosedAtUtc, i.DueDate });
        builder.HasIndex(i => i.ResponsibleAccountId);
        builder.HasIndex(i => i.ResponsibleAgs);
    }
}

internal static class MinutesLabels
{
    public static string Label(MinutesState state) => state switch
    {
        MinutesState.Draft => "Entwurf",
        MinutesState.InReview => "zur Abstimmung",
        _ => "veröffentlicht",
    };

    public static string Label(RevisionKind kind) => kind switch
    {
        RevisionKind.Saved => "gespeichert",
        RevisionKind.Autosaved => "automatisch gespeichert",
        RevisionKind.Restored => "wiederhergestellt",
        _ => "Änderung nach Veröffentlichung",
    };

    public static string ApiName(MinutesState state) => state switch
    {
        MinutesState.Draft => "draft",
        MinutesState.InReview => "inReview",
        _ => "published",
    };
}
