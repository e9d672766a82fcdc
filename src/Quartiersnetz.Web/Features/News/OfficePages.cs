using Quartiersnetz.Data;
using Quartiersnetz.Platform.Paging;

namespace Quartiersnetz.Features.News;

/// <summary>An article in the office's list, with its state.</summary>
internal sealed record OfficeNewsRow(Guid Id, string Slug, string Title, NewsVisibility Visibility, DateTime? PublishAtUtc, DateTime UpdatedAtUtc);

internal static class OfficeNews
{
    public const string Path = "/geschaeftsstelle/aktuelles";

    /// <summary>All articles, drafts first, then scheduled ones (soonest first), then the published ones newest first.</summary>
    public static Task<PagedResult<OfficeNewsRow>> PageAsync(QuartiersnetzDbContext db, DateTime nowUtc, PageRequest page, CancellationToken cancellationToken) =>
        db.Set<NewsArticle>().AsNoTracking()
            .OrderBy(a => a.PublishAtUtc == null ? 0 : a.PublishAtUtc > nowUtc ? 1 : 2)
            .ThenByDescending(a => a.PublishAtUtc).ThenBy(a => a.Id)
            .Select(a => new OfficeNewsRow(a.Id, a.Slug, a.Title, a.Visibility, a.PublishAtUtc, a.UpdatedAtUtc))
            .ToPageAsync(page, cancellationToken);

    /// <summary>Reads an upload into memory, at most <see cref="NewsImage.MaxFileBytes"/> + 1 bytes (more only proves it is too large).</summary>
    public static async Task<byte[]?> ReadAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is not { Length: > 0 })
        {
            return null;
        }

        if (file.Length > NewsImage.MaxFileBytes)
        {
            return new byte[NewsImage.MaxFileBytes + 1];
        }

        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }
}
