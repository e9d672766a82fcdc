namespace Quartiersnetz.Platform.Paging;

/// <summary>A requested page. Every list in the app is paged; the page size is capped.</summary>
internal readonly record struct PageRequest(int Page, int PageSize)
{
    public const int MaxPageSize = 100;

    public int Skip => (Page - 1) * PageSize;

    /// <summary>Clamps values from a page's query string (bad values there are corrected, not rejected).</summary>
    public static PageRequest Lenient(int? page, int? pageSize, int defaultSize) =>
        new(Math.Max(1, page ?? 1), Math.Clamp(pageSize ?? defaultSize, 1, MaxPageSize));
}

/// <summary>One page of results with what a pager needs.</summary>
internal sealed record PagedResult<T>(IReadOnlyList<T> Items, int Page, int PageSize, int TotalCount)
{
    public int TotalPages => TotalCount == 0 ? 1 : (TotalCount + PageSize - 1) / PageSize;

    public bool HasPrevious => Page > 1;

    public bool HasNext => Page < TotalPages;
}

internal static class PagingQueryableExtensions
{
    public static async Task<PagedResult<T>> ToPageAsync<T>(this IQueryable<T> query, PageRequest request, CancellationToken cancellationToken)
    {
        var total = await query.CountAsync(cancellationToken);
        return await query.ToPageAsync(request, total, cancellationToken);
    }

    /// <summary>A page whose total the caller counted already (e.g. several lists counted in one statement).</summary>
    public static async Task<PagedResult<T>> ToPageAsync<T>(this IQueryable<T> query, PageRequest request, int total, CancellationToken cancellationToken)
    {
        var items = await query.Skip(request.Skip).Take(request.PageSize).ToListAsync(cancellationToken);
        return new PagedResult<T>(items, request.Page, request.PageSize, total);
    }
}
