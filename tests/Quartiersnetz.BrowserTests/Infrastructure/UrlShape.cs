using System.Text.RegularExpressions;

namespace Quartiersnetz.BrowserTests.Infrastructure;

/// <summary>
/// The "shape" of a URL: the path with ids replaced by placeholders and the sorted query keys without
/// values. /gemeinden?page=2 and /gemeinden?page=7 share one; a crawl visits only a few of each. Public pages addressed
/// by a slug (/themen/{slug}, /aktuelles/{slug}) fold like ids: the 50 topic pages are one template, and visiting them all
/// spent a sixth of the crawl's budget.
/// </summary>
internal static partial class UrlShape
{
    public static string Of(Uri url)
    {
        var path = Slugs().Replace(Digits().Replace(Guids().Replace(url.AbsolutePath, "{id}"), "{n}"), "$1{slug}");
        var keys = url.Query.TrimStart('?')
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => Uri.UnescapeDataString(pair.Split('=')[0]).ToLowerInvariant())
            .Distinct()
            .Order(StringComparer.Ordinal);
        var query = string.Join('&', keys);
        return query.Length == 0 ? path : path + "?" + query;
    }

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex Guids();

    [GeneratedRegex("^(/(?:themen|aktuelles)/)[^/]+$")]
    private static partial Regex Slugs();

    [GeneratedRegex("[0-9]+")]
    private static partial Regex Digits();
}
