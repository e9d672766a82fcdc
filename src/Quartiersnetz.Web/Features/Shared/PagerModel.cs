using Microsoft.AspNetCore.WebUtilities;

namespace Quartiersnetz.Features.Shared;

/// <summary>What the shared pager partial needs: the page, the page count and the other query values to keep.</summary>
internal sealed record PagerModel(int Page, int TotalPages, string Path, IReadOnlyDictionary<string, string?> Query)
{
    public string UrlFor(int page)
    {
        var values = Query.Where(q => !string.IsNullOrEmpty(q.Value)).ToDictionary(q => q.Key, q => q.Value);
        values["seite"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return QueryHelpers.AddQueryString(Path, values);
    }
}
