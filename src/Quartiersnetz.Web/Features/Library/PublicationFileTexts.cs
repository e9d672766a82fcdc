using Quartiersnetz.Data;
using Quartiersnetz.Platform.Files;

namespace Quartiersnetz.Features.Library;

/// <summary>Publication files waiting for their text (<see cref="DocumentTextJob"/>); the text makes the publication findable by its content.</summary>
internal sealed class PublicationFileTexts : IDocumentTextQueue
{
    public async Task<IReadOnlyList<PendingDocumentText>> NextAsync(QuartiersnetzDbContext db, int max, CancellationToken cancellationToken) =>
        [.. (await db.Set<PublicationFile>().Where(f => f.TextStatus == DocumentTextStatus.Pending)
                .OrderBy(f => f.UploadedAtUtc).ThenBy(f => f.Id).Take(max).ToListAsync(cancellationToken))
            .Select(f => new PendingDocumentText(f.Id, f.FileKey, f.Extension, text =>
            {
                f.Text = text;
                f.TextStatus = text is null ? DocumentTextStatus.Failed : DocumentTextStatus.Extracted;
            }))];
}
