using Microsoft.AspNetCore.WebUtilities;

namespace Quartiersnetz.Features.Shared;

/// <summary>
/// What the shared pager partial needs: the page, the page count and the other query values to keep. A page with two
/// paged lists gives each its own <paramref name="PageParameter"/>, keeps the other's in <paramref name="Query"/>, and
/// names each pager with a <paramref name="Label"/> so screen readers can tell the two navigations apart.
/// </summary>
internal sealed record PagerModel(
    int Page, int TotalPages, string Path, IReadOnlyDictionary<string, string?> Query, string PageParameter = "seite", string? Label = null)
{
    public string UrlFor(int page)
    {
        var values = Query.Where(q => !string.IsNullOrEmpty(q.Value)).ToDictionary(q => q.Key, q => q.Value);
        values[PageParameter] = page.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return QueryHelpers.AddQueryString(Path, values);
    }
}
