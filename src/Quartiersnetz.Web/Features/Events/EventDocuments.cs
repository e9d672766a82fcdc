using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Files;

namespace Quartiersnetz.Features.Events;

/// <summary>
/// A file the office attaches to an event: invitation, programme flyer, directions, slides afterwards. Visible to
/// whoever may see the event, or only to its confirmed participants and the office (e.g. participant lists, slides
/// not meant for the public).
/// </summary>
internal sealed class EventDocument
{
    public const int TitleMaxLength = 200;

    public Guid Id { get; init; } = Guid.NewGuid();

    public Guid EventId { get; set; }

    public string Title { get; set; } = "";

    /// <summary>Storage key made by the app (<see cref="IFileStorage"/>), never the uploaded name.</summary>
    public string FileKey { get; set; } = "";

    /// <summary>File extension of the detected format ("pdf", "docx" …); the download name and type follow from it.</summary>
    public string Extension { get; set; } = "";

    public long SizeBytes { get; set; }

    public bool ParticipantsOnly { get; set; }

    public DateTime UploadedAtUtc { get; set; }
}

internal sealed class EventDocumentConfiguration : IEntityTypeConfiguration<EventDocument>
{
    public void Configure(EntityTypeBuilder<EventDocument> builder)
    {
        builder.ToTable("EventDocuments");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Title).HasMaxLength(EventDocument.TitleMaxLength);
        builder.Property(d => d.FileKey).HasMaxLength(120);
        builder.Property(d => d.Extension).HasMaxLength(10);
        builder.HasOne<Event>().WithMany().HasForeignKey(d => d.EventId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(d => new { d.EventId, d.UploadedAtUtc });
    }
}

/// <summary>A document as a list shows it.</summary>
internal sealed record EventDocumentView(Guid Id, string Title, string Extension, long SizeBytes, bool ParticipantsOnly)
{
    public string Label => DocumentContent.All.FirstOrDefault(k => k.Extension == Extension)?.Label ?? Extension.ToUpperInvariant();

    public string Size => DocumentContent.FormatSize(SizeBytes);
}

/// <summary>Upload, remove, list and open event documents. Each upload gets a new key; the file is deleted only after the row is gone.</summary>
internal static class EventDocuments
{
    /// <summary>Configuration key of the largest document accepted, in megabytes (the site-wide request limit still applies).</summary>
    public const string MaxMegabytesKey = "Events:MaxDocumentMegabytes";

    public const int DefaultMaxMegabytes = 20;

    /// <summary>More would make the event page a file archive; the library (publications) is the place for that.</summary>
    public const int MaxPerEvent = 30;

    /// <summary>The request limit of the upload page: the largest configurable document plus the form around it.</summary>
    public const long MaxRequestBytes = 30L * 1024 * 1024;

    public enum Problem
    {
        None,
        NotFound,
        Missing,
        TooLarge,
        UnknownType,
        TitleMissing,
        TitleTooLong,
        TooMany,

        /// <summary>The file name promises another accepted format than the content is (slides.pptx that is a PDF).</summary>
        NameMismatch,
    }

    public static long MaxBytes(IConfiguration configuration) =>
        Math.Clamp(configuration.GetValue(MaxMegabytesKey, DefaultMaxMegabytes), 1, 25) * 1024L * 1024L;

    public static async Task<Problem> UploadAsync(
        QuartiersnetzDbContext db, IFileStorage files, AuditLog audit, AuditActor actor, TimeProvider clock,
        Guid eventId, byte[] content, string? title, string? uploadedFileName, bool participantsOnly, long maxBytes, CancellationToken cancellationToken)
    {
        var ev = await db.Set<Event>().AsNoTracking().Where(e => e.Id == eventId)
            .Select(e => new { e.Title, Documents = db.Set<EventDocument>().Count(d => d.EventId == e.Id) })
            .SingleOrDefaultAsync(cancellationToken);
        if (ev is null)
        {
            return Problem.NotFound;
        }

        var problem = Check(content, maxBytes, uploadedFileName, ev.Documents, out var kind);
        var name = string.IsNullOrWhiteSpace(title) ? DefaultTitle(uploadedFileName) : title.Trim();
        if (problem != Problem.None)
        {
            return problem;
        }

        if (name.Length == 0)
        {
            return Problem.TitleMissing;
        }

        if (name.Length > EventDocument.TitleMaxLength)
        {
            return Problem.TitleTooLong;
        }

        var document = new EventDocument
        {
            EventId = eventId,
            Title = name,
            FileKey = $"events/{eventId:N}-{Guid.NewGuid():N}.{kind!.Extension}",
            Extension = kind.Extension,
            SizeBytes = content.Length,
            ParticipantsOnly = participantsOnly,
            UploadedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        await files.SaveAsync(document.FileKey, content, cancellationToken);
        db.Set<EventDocument>().Add(document);
        audit.Record(actor, "event.document_added", "Veranstaltung", eventId.ToString(), ev.Title,
        [
            new AuditChange("Dokument", null, $"{name} ({kind.Label}, {DocumentContent.FormatSize(content.Length)})"),
            new AuditChange("Sichtbar für", null, participantsOnly ? "Teilnehmende" : "alle, die die Veranstaltung sehen"),
        ]);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            // No row points at the file: it would be an orphan.
            await files.DeleteAsync(document.FileKey, CancellationToken.None);
            throw;
        }

        return Problem.None;
    }

    private static Problem Check(byte[] content, long maxBytes, string? fileName, int existing, out DocumentKind? kind)
    {
        kind = null;
        if (existing >= MaxPerEvent)
        {
            return Problem.TooMany;
        }

        return CheckFile(content, maxBytes, fileName, out kind);
    }

    /// <summary>
    /// The file rules of every download the office attaches to an event (its documents, agenda materials): not empty,
    /// at most <paramref name="maxBytes"/>, and by content one of <see cref="DocumentContent.All"/>. The content decides the
    /// format; a name whose extension promises another accepted format (a ".pptx" that is a PDF) is refused, because
    /// readers would get something other than the link said. Unknown or missing extensions are left to the content.
    /// </summary>
    public static Problem CheckFile(byte[] content, long maxBytes, string? fileName, out DocumentKind? kind)
    {
        kind = null;
        if (content.Length == 0)
        {
            return Problem.Missing;
        }

        if (content.Length > maxBytes)
        {
            return Problem.TooLarge;
        }

        kind = DocumentContent.Detect(content);
        if (kind is null)
        {
            return Problem.UnknownType;
        }

        return ClaimedKind(fileName) is { } claimed && claimed != kind ? Problem.NameMismatch : Problem.None;
    }

    /// <summary>The accepted format the file name's extension names, or null for any other name.</summary>
    public static DocumentKind? ClaimedKind(string? fileName)
    {
        var extension = Path.GetExtension(fileName ?? "").TrimStart('.').ToLowerInvariant();
        extension = extension == "jpeg" ? "jpg" : extension;
        return DocumentContent.All.FirstOrDefault(k => k.Extension == extension);
    }

    public static async Task<Problem> RemoveAsync(
        QuartiersnetzDbContext db, IFileStorage files, AuditLog audit, AuditActor actor, Guid eventId, Guid documentId, CancellationToken cancellationToken)
    {
        var document = await db.Set<EventDocument>().SingleOrDefaultAsync(d => d.Id == documentId && d.EventId == eventId, cancellationToken);
        if (document is null)
        {
            return Problem.NotFound;
        }

        var eventTitle = await db.Set<Event>().Where(e => e.Id == eventId).Select(e => e.Title).SingleAsync(cancellationToken);
        db.Set<EventDocument>().Remove(document);
        audit.Record(actor, "event.document_removed", "Veranstaltung", eventId.ToString(), eventTitle,
            [new AuditChange("Dokument", document.Title, null)]);
        await db.SaveChangesAsync(cancellationToken);
        // After the commit: a failed delete leaves an orphan file, never a row pointing at a missing file.
        await files.DeleteAsync(document.FileKey, cancellationToken);
        return Problem.None;
    }

    /// <summary>The event's documents in upload order; participants-only ones only when <paramref name="participant"/> is true.</summary>
    public static async Task<IReadOnlyList<EventDocumentView>> ListAsync(
        QuartiersnetzDbContext db, Guid eventId, bool participant, CancellationToken cancellationToken) =>
        await db.Set<EventDocument>().AsNoTracking()
            .Where(d => d.EventId == eventId && (participant || !d.ParticipantsOnly))
            .OrderBy(d => d.UploadedAtUtc).ThenBy(d => d.Title)
            .Select(d => new EventDocumentView(d.Id, d.Title, d.Extension, d.SizeBytes, d.ParticipantsOnly))
            .ToListAsync(cancellationToken);

    /// <summary>
    /// The stored document if the viewer may download it: they may see the event, and for participants-only documents
    /// they are the office or confirmed for the event. Null otherwise, so a hidden document looks like a missing one.
    /// </summary>
    public static async Task<(EventDocument Document, string EventTitle)?> FindForViewerAsync(
        QuartiersnetzDbContext db, EventViewer viewer, Guid eventId, Guid documentId, CancellationToken cancellationToken)
    {
        var me = viewer.AccountId ?? Guid.Empty;
        var row = await db.Set<EventDocument>().AsNoTracking()
            .Where(d => d.Id == documentId && d.EventId == eventId)
            .Join(db.Set<Event>().Where(ListEvents.VisibleTo(db, viewer)), d => d.EventId, e => e.Id, (d, e) => new
            {
                e.Title,
                Document = d,
                Confirmed = db.Set<EventRegistration>().Any(r => r.EventId == e.Id && r.PersonId == me && r.Status == RegistrationStatus.Confirmed),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (row?.Document is not { } document || (document.ParticipantsOnly && !viewer.IsOffice && !row.Confirmed))
        {
            return null;
        }

        return (document, row.Title);
    }

    /// <summary>The title as an ASCII slug keeps the download name plain on every system.</summary>
    public static string DownloadName(string title, string extension)
    {
        var slug = Topics.Topic.SlugFor(title);
        slug = slug.Length > 60 ? slug[..60].Trim('-') : slug;
        return $"{(slug.Length == 0 ? "dokument" : slug)}.{extension}";
    }

    /// <summary>The uploaded name without its extension as a first title; the office can type a better one.</summary>
    public static string DefaultTitle(string? fileName)
    {
        var name = Path.GetFileNameWithoutExtension(fileName ?? "").Replace('_', ' ').Trim();
        name = new string([.. name.Where(c => !char.IsControl(c))]);
        return name.Length <= EventDocument.TitleMaxLength ? name : name[..EventDocument.TitleMaxLength].Trim();
    }
}
