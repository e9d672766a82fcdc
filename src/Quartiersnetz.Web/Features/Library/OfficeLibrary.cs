using Quartiersnetz.Data;
using Quartiersnetz.Platform.Paging;

namespace Quartiersnetz.Features.Library;

/// <summary>A publication in the office's list, with its state and how many files still wait for their text.</summary>
internal sealed record OfficePublicationRow(Guid Id, string Title, PublicationType Type, int Year, PublicationVisibility Visibility, DateTime? PublishedAtUtc, int Files);

internal static class OfficeLibrary
{
    public const string Path = "/geschaeftsstelle/bibliothek";

    /// <summary>All publications, drafts first, then the newest.</summary>
    public static Task<PagedResult<OfficePublicationRow>> PageAsync(QuartiersnetzDbContext db, PageRequest page, CancellationToken cancellationToken) =>
        db.Set<Publication>().AsNoTracking()
            .OrderBy(p => p.PublishedAtUtc == null ? 0 : 1).ThenByDescending(p => p.UpdatedAtUtc).ThenBy(p => p.Id)
            .Select(p => new OfficePublicationRow(p.Id, p.Title, p.Type, p.Year, p.Visibility, p.PublishedAtUtc,
                db.Set<PublicationFile>().Count(f => f.PublicationId == p.Id)))
            .ToPageAsync(page, cancellationToken);
}
