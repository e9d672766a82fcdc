using Quartiersnetz.Data;
using Quartiersnetz.Platform.Files;
using Quartiersnetz.Platform.Hosting;

namespace Quartiersnetz.Features.Library;

/// <summary>
/// Extracts the full text of uploaded publication files in the background, so an upload answers at once whatever the
/// file's size. Saving the text re-indexes the publication (its search source watches <see cref="PublicationFile"/>).
/// An upload wakes the job; it also polls, so files of another app node or of a restart are not forgotten. Two nodes
/// extracting the same file write the same text.
/// </summary>
internal sealed partial class PublicationTextJob(
    IServiceScopeFactory scopes, IFileStorage files, PublicationTextSignal signal, ILogger<PublicationTextJob> logger) : PollingJob(logger)
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

    /// <summary>Extracts the text of up to a few waiting files; returns how many were handled (also called by tests).</summary>
    public async Task<int> ExtractPendingAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        var pending = await db.Set<PublicationFile>().Where(f => f.TextStatus == PublicationTextStatus.Pending)
            .OrderBy(f => f.UploadedAtUtc).ThenBy(f => f.Id).Take(BatchSize).ToListAsync(cancellationToken);
        foreach (var file in pending)
        {
            string? text = null;
            await using (var stream = await files.OpenReadAsync(file.FileKey, cancellationToken))
            {
                if (stream is not null)
                {
                    using var buffer = new MemoryStream();
                    await stream.CopyToAsync(buffer, cancellationToken);
                    text = PublicationText.Extract(buffer.ToArray(), file.Extension);
                }
            }

            file.Text = text;
            file.TextStatus = text is null ? PublicationTextStatus.Failed : PublicationTextStatus.Extracted;
            if (text is null)
            {
                LogExtractionFailed(logger, file.Id);
            }
        }

        if (pending.Count > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return pending.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The text of publication file {FileId} could not be read; the file stays downloadable")]
    private static partial void LogExtractionFailed(ILogger logger, Guid fileId);
}

/// <summary>Wakes <see cref="PublicationTextJob"/> after an upload.</summary>
internal sealed class PublicationTextSignal : WakeSignal;
