using Quartiersnetz.Data;
using Quartiersnetz.Platform.Hosting;

namespace Quartiersnetz.Platform.Files;

/// <summary>
/// An uploaded document waiting for its text: where it is stored, its format, and what to do with the text once read
/// (null when it could not be read). <see cref="Complete"/> changes the tracked row; the job saves.
/// </summary>
internal sealed record PendingDocumentText(Guid Id, string FileKey, string Extension, Action<string?> Complete);

/// <summary>
/// One kind of uploaded document whose full text the search needs (publication files, project documents). A feature
/// registers one; <see cref="DocumentTextJob"/> reads the files. Saving the text re-indexes the item, because the
/// feature's search source watches the document's entity type.
/// </summary>
internal interface IDocumentTextQueue
{
    /// <summary>Up to <paramref name="max"/> documents waiting for their text, oldest first, tracked by <paramref name="db"/>.</summary>
    Task<IReadOnlyList<PendingDocumentText>> NextAsync(QuartiersnetzDbContext db, int max, CancellationToken cancellationToken);
}

/// <summary>An uploaded document row whose text the job extracts (publication files, project documents).</summary>
internal interface IExtractableDocument
{
    Guid Id { get; }

    /// <summary>Storage key made by the app (<see cref="IFileStorage"/>).</summary>
    string FileKey { get; }

    /// <summary>Extension of the detected format ("pdf", "docx").</summary>
    string Extension { get; }

    DateTime UploadedAtUtc { get; }

    DocumentTextStatus TextStatus { get; set; }

    /// <summary>The extracted text (at most <see cref="DocumentText.MaxLength"/>), searched with the item the document belongs to.</summary>
    string? Text { get; set; }
}

/// <summary>The rows of one document entity waiting for their text, oldest first; a feature registers one per entity.</summary>
internal sealed class DocumentTextQueue<TDocument> : IDocumentTextQueue
    where TDocument : class, IExtractableDocument
{
    public async Task<IReadOnlyList<PendingDocumentText>> NextAsync(QuartiersnetzDbContext db, int max, CancellationToken cancellationToken) =>
        [.. (await db.Set<TDocument>().Where(d => d.TextStatus == DocumentTextStatus.Pending)
                .OrderBy(d => d.UploadedAtUtc).ThenBy(d => d.Id).Take(max).ToListAsync(cancellationToken))
            .Select(d => new PendingDocumentText(d.Id, d.FileKey, d.Extension, text =>
            {
                d.Text = text;
                d.TextStatus = text is null ? DocumentTextStatus.Failed : DocumentTextStatus.Extracted;
            }))];
}

/// <summary>
/// Extracts the full text of uploaded documents in the background, so an upload answers at once whatever the file's
/// size. An upload wakes the job; it also polls, so files of another app node or of a restart are not forgotten. Two
/// nodes extracting the same file write the same text.
/// </summary>
internal sealed partial class DocumentTextJob(
    IServiceScopeFactory scopes, IFileStorage files, DocumentTextSignal signal, BackgroundStart start, ILogger<DocumentTextJob> logger) : PollingJob(logger, start)
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(30);

    private const int BatchSize = 3;

    protected override async Task RunPassAsync(CancellationToken stoppingToken)
    {
        while (await ExtractPendingAsync(stoppingToken) > 0)
        {
        }
    }

    protected override Task WaitAsync(CancellationToken stoppingToken) => signal.WaitAsync(PollInterval, stoppingToken);

    /// <summary>Extracts the text of up to a few waiting documents of each kind; returns how many were handled (also called by tests).</summary>
    public async Task<int> ExtractPendingAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        var handled = 0;
        foreach (var queue in scope.ServiceProvider.GetServices<IDocumentTextQueue>())
        {
            var pending = await queue.NextAsync(db, BatchSize, cancellationToken);
            foreach (var document in pending)
            {
                var text = await ReadAsync(document, cancellationToken);
                document.Complete(text);
                if (text is null)
                {
                    LogExtractionFailed(logger, document.Id);
                }
            }

            if (pending.Count == 0)
            {
                continue;
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                // A document was deleted while it was read; the others of the batch stay pending for the next pass, and the
                // other kinds of document go on.
                db.ChangeTracker.Clear();
                LogBatchDropped(logger);
            }

            // Counted also when the batch was dropped, so that the pass goes on and reads the remaining ones again.
            handled += pending.Count;
        }

        return handled;
    }

    /// <summary>The file's text, or null when it is missing or cannot be read: one bad file must not stop the others.</summary>
    private async Task<string?> ReadAsync(PendingDocumentText document, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await files.OpenReadAsync(document.FileKey, cancellationToken);
            if (stream is null)
            {
                return null;
            }

            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, cancellationToken);
            return DocumentText.Extract(buffer.ToArray(), document.Extension);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The text of document {DocumentId} could not be read; the file stays downloadable")]
    private static partial void LogExtractionFailed(ILogger logger, Guid documentId);

    [LoggerMessage(Level = LogLevel.Information, Message = "A document was deleted while its text was read; its batch is read again")]
    private static partial void LogBatchDropped(ILogger logger);
}

/// <summary>Wakes <see cref="DocumentTextJob"/> after an upload.</summary>
internal sealed class DocumentTextSignal : WakeSignal;
