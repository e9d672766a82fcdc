using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Events;
using Quartiersnetz.Features.Library;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Files;

namespace Quartiersnetz.Features.Projects;

/// <summary>
/// A document of a project (concept, final report, flyer): a PDF or Word file checked by its content, with a title and an
/// optional description. It follows its project's visibility like the photos. Its text is extracted in the background
/// (<see cref="DocumentTextJob"/>) and searched with the project.
/// </summary>
internal sealed class ProjectDocument : IExtractableDocument
{
    public const int TitleMaxLength = 200;
    public const int DescriptionMaxLength = 1000;

    public Guid Id { get; init; } = Guid.NewGuid();

    public Guid ProjectId { get; set; }

    public string Title { get; set; } = "";

    public string? Description { get; set; }

    /// <summary>Storage key made by the app (projects/{id}/…), never the uploaded name.</summary>
    public string FileKey { get; set; } = "";

    /// <summary>Extension of the detected format ("pdf", "docx").</summary>
    public string Extension { get; set; } = "";

    public long SizeBytes { get; set; }

    /// <summary>A PDF's page count, read at the upload check; null for Word files.</summary>
    public int? PageCount { get; set; }

    public DateTime UploadedAtUtc { get; set; }

    public DocumentTextStatus TextStatus { get; set; }

    /// <summary>The extracted text, part of the project's search document.</summary>
    public string? Text { get; set; }
}

/// <summary>A publication of the library a project names (its final report, the working aid it followed).</summary>
internal sealed class ProjectPublication
{
    public Guid ProjectId { get; set; }

    public Guid PublicationId { get; set; }
}

/// <summary>An event a project names (where it was presented, the workshop it came from).</summary>
internal sealed class ProjectEvent
{
    public Guid ProjectId { get; set; }

    public Guid EventId { get; set; }
}

internal sealed class ProjectDocumentConfiguration : IEntityTypeConfiguration<ProjectDocument>
{
    public void Configure(EntityTypeBuilder<ProjectDocument> builder)
    {
        builder.ToTable("ProjectDocuments");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Title).HasMaxLength(ProjectDocument.TitleMaxLength);
        builder.Property(d => d.Description).HasMaxLength(ProjectDocument.DescriptionMaxLength);
        builder.Property(d => d.FileKey).HasMaxLength(200);
        builder.Property(d => d.Extension).HasMaxLength(10);
        builder.HasOne<Project>().WithMany().HasForeignKey(d => d.ProjectId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(d => new { d.ProjectId, d.UploadedAtUtc });
        builder.Property(d => d.TextStatus).HasConversion<string>().HasMaxLength(20);
        builder.Property(d => d.Text).HasMaxLength(DocumentText.MaxLength);
        // The extraction job picks the waiting documents.
        builder.HasIndex(d => d.TextStatus);
    }
}

internal sealed class ProjectPublicationConfiguration : IEntityTypeConfiguration<ProjectPublication>
{
    public void Configure(EntityTypeBuilder<ProjectPublication> builder)
    {
        builder.ToTable("ProjectPublications");
        builder.HasKey(l => new { l.ProjectId, l.PublicationId });
        builder.HasOne<Project>().WithMany().HasForeignKey(l => l.ProjectId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Publication>().WithMany().HasForeignKey(l => l.PublicationId).OnDelete(DeleteBehavior.Cascade);
        // The publication's page lists the projects that name it.
        builder.HasIndex(l => l.PublicationId);
    }
}

internal sealed class ProjectEventConfiguration : IEntityTypeConfiguration<ProjectEvent>
{
    public void Configure(EntityTypeBuilder<ProjectEvent> builder)
    {
        builder.ToTable("ProjectEvents");
        builder.HasKey(l => new { l.ProjectId, l.EventId });
        builder.HasOne<Project>().WithMany().HasForeignKey(l => l.ProjectId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Event>().WithMany().HasForeignKey(l => l.EventId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(l => l.EventId);
    }
}

/// <summary>A document as the project page, the edit page and the API list it.</summary>
internal sealed record ProjectDocumentView(Guid Id, string Title, string? Description, string Extension, long SizeBytes, int? PageCount)
{
    /// <summary>"PDF" or "Word".</summary>
    public string Label => DocumentContent.All.FirstOrDefault(k => k.Extension == Extension)?.Label ?? Extension.ToUpperInvariant();

    /// <summary>"1,4 MB" in German notation.</summary>
    public string Size => DocumentContent.FormatSize(SizeBytes);

    /// <summary>Where it is downloaded (set with its project's id).</summary>
    public string Url { get; init; } = "";
}

/// <summary>
/// Whoever may edit a project (<see cref="SaveProject.MayEdit"/>) adds and removes its documents. The file rules are the
/// library's (<see cref="SavePublication.CheckDocument"/>); a refused file leaves neither a row nor a file behind.
/// </summary>
internal static class ProjectDocuments
{
    /// <summary>Configuration key of the largest document accepted, in megabytes.</summary>
    public const string MaxMegabytesKey = "Projects:MaxDocumentMegabytes";

    public const int DefaultMaxMegabytes = 20;

    /// <summary>A project page is not an archive; a larger collection belongs in the library.</summary>
    public const int MaxPerProject = 10;

    /// <summary>The edit page's request limit: the largest configurable document (25 MB) plus the form around it.</summary>
    public const long MaxRequestBytes = 30L * 1024 * 1024;

    public static long MaxBytes(IConfiguration configuration) =>
        Math.Clamp(configuration.GetValue(MaxMegabytesKey, DefaultMaxMegabytes), 1, 25) * 1024L * 1024L;

    public static async Task<ProjectRefusal?> AddAsync(
        QuartiersnetzDbContext db, IFileStorage files, AuditLog audit, TimeProvider clock, ProjectEditor editor, Guid id, byte[]? content,
        string? uploadedFileName, string? title, string? description, long maxBytes, CancellationToken cancellationToken)
    {
        var project = await db.Set<Project>().AsNoTracking().Where(p => p.Id == id)
            .Select(p => new { p.Title, p.ProposedByAccountId, p.ReviewState, Documents = db.Set<ProjectDocument>().Count(d => d.ProjectId == p.Id) })
            .SingleOrDefaultAsync(cancellationToken);
        if (project is null || !SaveProject.MayEdit(editor, project.ProposedByAccountId, project.ReviewState))
        {
            return new ProjectRefusal("", "Dieses Projekt gibt es nicht mehr.");
        }

        if (project.Documents >= MaxPerProject)
        {
            return new ProjectRefusal("document", "Ein Projekt kann höchstens {0} Dokumente haben. Bitte entfernen Sie zuerst ein anderes.", MaxPerProject);
        }

        content ??= [];
        if (content.Length == 0)
        {
            return File(SavePublication.FileProblem.Missing, maxBytes);
        }

        if (string.IsNullOrWhiteSpace(title))
        {
            return new ProjectRefusal("documentTitle", "Bitte geben Sie dem Dokument einen Titel, z. B. Abschlussbericht 2024.");
        }

        if (title.Trim().Length > ProjectDocument.TitleMaxLength || (description?.Trim().Length ?? 0) > ProjectDocument.DescriptionMaxLength)
        {
            return new ProjectRefusal("documentTitle", "Der Titel darf höchstens {0}, die Beschreibung höchstens {1} Zeichen haben.",
                ProjectDocument.TitleMaxLength, ProjectDocument.DescriptionMaxLength);
        }

        var problem = SavePublication.CheckDocument(content, maxBytes, uploadedFileName, out var kind, out var pages);
        if (problem != SavePublication.FileProblem.None)
        {
            return File(problem, maxBytes);
        }

        var document = new ProjectDocument
        {
            ProjectId = id,
            Title = title.Trim(),
            Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim(),
            FileKey = $"projects/{id:N}/{Guid.NewGuid():N}.{kind.Extension}",
            Extension = kind.Extension,
            SizeBytes = content.Length,
            PageCount = pages,
            UploadedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        await files.SaveAsync(document.FileKey, content, cancellationToken);
        db.Add(document);
        audit.Record(editor.Actor, "project.document-added", "Praxisprojekt", id.ToString(), project.Title,
            [new AuditChange("Dokument", null, $"{document.Title} ({kind.Label}, {DocumentContent.FormatSize(content.Length)})")]);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            // No row, no file: a failed save must not leave the stored document behind.
            await files.DeleteAsync(document.FileKey, CancellationToken.None);
            throw;
        }

        return null;
    }

    public static async Task<bool> RemoveAsync(
        QuartiersnetzDbContext db, IFileStorage files, AuditLog audit, ProjectEditor editor, Guid id, Guid documentId, CancellationToken cancellationToken)
    {
        var project = await db.Set<Project>().AsNoTracking().Where(p => p.Id == id)
            .Select(p => new { p.Title, p.ProposedByAccountId, p.ReviewState }).SingleOrDefaultAsync(cancellationToken);
        var document = await db.Set<ProjectDocument>().AsNoTracking().Where(d => d.Id == documentId && d.ProjectId == id)
            .Select(d => new { d.Title, d.FileKey }).SingleOrDefaultAsync(cancellationToken);
        if (project is null || document is null || !SaveProject.MayEdit(editor, project.ProposedByAccountId, project.ReviewState))
        {
            return false;
        }

        db.Remove(Stub(documentId, id));
        audit.Record(editor.Actor, "project.document-removed", "Praxisprojekt", id.ToString(), project.Title,
            [new AuditChange("Dokument", document.Title, null)]);
        await db.SaveChangesAsync(cancellationToken);
        // After the commit: a failed delete leaves an orphan file, never a row pointing at a missing file.
        await files.DeleteAsync(document.FileKey, CancellationToken.None);
        return true;
    }

    /// <summary>
    /// A document to delete by its key without reading its row: the extracted text can be megabytes. It carries the
    /// project, which the search index re-indexes when a document goes.
    /// </summary>
    internal static ProjectDocument Stub(Guid documentId, Guid projectId) => new() { Id = documentId, ProjectId = projectId };

    /// <summary>The project's documents in upload order, one query.</summary>
    public static async Task<List<ProjectDocumentView>> ListAsync(QuartiersnetzDbContext db, Guid id, CancellationToken cancellationToken) =>
        [.. (await db.Set<ProjectDocument>().AsNoTracking().Where(d => d.ProjectId == id).OrderBy(d => d.UploadedAtUtc).ThenBy(d => d.Id)
                .Select(d => new ProjectDocumentView(d.Id, d.Title, d.Description, d.Extension, d.SizeBytes, d.PageCount)).ToListAsync(cancellationToken))
            .Select(d => d with { Url = $"/praxisprojekte/{id}/dokumente/{d.Id}" })];

    /// <summary>The library's German message for a file problem, as a refusal of the upload field.</summary>
    private static ProjectRefusal File(SavePublication.FileProblem problem, long maxBytes)
    {
        var (message, args) = SavePublication.Describe(problem, maxBytes);
        return new ProjectRefusal("document", message, args);
    }
}
