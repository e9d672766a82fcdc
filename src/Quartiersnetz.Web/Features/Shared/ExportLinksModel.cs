using Microsoft.AspNetCore.WebUtilities;

namespace Quartiersnetz.Features.Shared;

/// <summary>
/// The download links of a list: the export address with the list's current filters, so the file holds what the
/// list shows (all pages of it).
/// </summary>
internal sealed record ExportLinksModel(string ExportPath, IReadOnlyDictionary<string, string?> Filters)
{
    public string UrlFor(string format)
    {
        var values = Filters.Where(q => !string.IsNullOrEmpty(q.Value)).ToDictionary(q => q.Key, q => q.Value);
        values["format"] = format;
        return QueryHelpers.AddQueryString(ExportPath, values);
    }
}
