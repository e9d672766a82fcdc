using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Quartiersnetz.Features.EditorialPages;

/// <summary>
/// A page the office writes (Über uns, Kontakt, Leichte Sprache …), in a tree: its public address is the path of slugs
/// from the top, /seiten/ueber-uns/geschichte. A page with a <see cref="SystemKey"/> is not part of the tree: its text is
/// shown inside a fixed page of the app (the accessibility statement), which keeps the legally required frame.
/// <see cref="Revision"/> is the number of the latest revision; the edit form carries it back, so a save over someone
/// else's newer save is refused instead of silently replacing it.
/// </summary>
internal sealed class EditorialPage
{
    public const int SlugMaxLength = 80;
    public const int TitleMaxLength = 200;
    public const int DescriptionMaxLength = 300;
    public const int BodyMaxLength = 50000;
    public const int SystemKeyMaxLength = 40;
    public const int AuthorMaxLength = 200;

    public Guid Id { get; init; } = Guid.NewGuid();

    public Guid? ParentId { get; set; }

    /// <summary>Address part, unique among the siblings: lower-case letters, digits and single dashes.</summary>
    public string Slug { get; set; } = "";

    public string Title { get; set; } = "";

    /// <summary>For search engines and link previews (meta description); a plain excerpt of the text when empty.</summary>
    public string? Description { get; set; }

    /// <summary>Markdown; rendered through the shared sanitising renderer.</summary>
    public string Body { get; set; } = "";

    /// <summary>Position among the siblings, ascending.</summary>
    public int SortOrder { get; set; }

    /// <summary>A top-level page with this flag appears in the site's main navigation once published.</summary>
    public bool ShowInNavigation { get; set; }

    public bool Published { get; set; }

    /// <summary>Set for pages that fill a fixed page of the app (e.g. "barrierefreiheit"); they cannot be moved or deleted.</summary>
    public string? SystemKey { get; set; }

    public int Revision { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime UpdatedUtc { get; set; }

    /// <summary>Display name of whoever saved last; kept as text so it survives the account.</summary>
    public string UpdatedBy { get; set; } = "";
}

/// <summary>
/// One saved state of a page's content. Written with every save; restoring an old one writes a new revision with the old
/// content, so the history is never rewritten.
/// </summary>
internal sealed class EditorialPageRevision
{
    public const int NoteMaxLength = 200;

    public Guid Id { get; init; } = Guid.NewGuid();

    public Guid PageId { get; set; }

    /// <summary>1, 2, 3 … per page.</summary>
    public int Number { get; set; }

    public string Title { get; set; } = "";

    public string? Description { get; set; }

    public string Body { get; set; } = "";

    public string Author { get; set; } = "";

    public DateTime CreatedUtc { get; set; }

    public string? Note { get; set; }
}

internal sealed class EditorialPageConfiguration : IEntityTypeConfiguration<EditorialPage>
{
    public void Configure(EntityTypeBuilder<EditorialPage> builder)
    {
        builder.ToTable("EditorialPages");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Slug).HasMaxLength(EditorialPage.SlugMaxLength);
        builder.Property(p => p.Title).HasMaxLength(EditorialPage.TitleMaxLength);
        builder.Property(p => p.Description).HasMaxLength(EditorialPage.DescriptionMaxLength);
        builder.Property(p => p.Body).HasMaxLength(EditorialPage.BodyMaxLength);
        builder.Property(p => p.SystemKey).HasMaxLength(EditorialPage.SystemKeyMaxLength);
        builder.Property(p => p.UpdatedBy).HasMaxLength(EditorialPage.AuthorMaxLength);
        // A second save from a form loaded at the same revision fails here even when both passed the check in the handler.
        builder.Property(p => p.Revision).IsConcurrencyToken();
        builder.HasOne<EditorialPage>().WithMany().HasForeignKey(p => p.ParentId).OnDelete(DeleteBehavior.Restrict);
        // NULLs are distinct in a unique index on both providers, so the top level gets its own filtered index.
        builder.HasIndex(p => new { p.ParentId, p.Slug }).IsUnique();
        builder.HasIndex(p => p.Slug).IsUnique().HasFilter("\"ParentId\" IS NULL AND \"SystemKey\" IS NULL").HasDatabaseName("IX_EditorialPages_TopLevelSlug");
        builder.HasIndex(p => p.SystemKey).IsUnique();
    }
}

internal sealed class EditorialPageRevisionConfiguration : IEntityTypeConfiguration<EditorialPageRevision>
{
    public void Configure(EntityTypeBuilder<EditorialPageRevision> builder)
    {
        builder.ToTable("EditorialPageRevisions");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Title).HasMaxLength(EditorialPage.TitleMaxLength);
        builder.Property(r => r.Description).HasMaxLength(EditorialPage.DescriptionMaxLength);
        builder.Property(r => r.Body).HasMaxLength(EditorialPage.BodyMaxLength);
        builder.Property(r => r.Author).HasMaxLength(EditorialPage.AuthorMaxLength);
        builder.Property(r => r.Note).HasMaxLength(EditorialPageRevision.NoteMaxLength);
        builder.HasOne<EditorialPage>().WithMany().HasForeignKey(r => r.PageId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.PageId, r.Number }).IsUnique();
    }
}
