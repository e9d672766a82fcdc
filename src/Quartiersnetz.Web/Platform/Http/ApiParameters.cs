using Microsoft.Extensions.Localization;
using Quartiersnetz.Platform.Localization;
using Quartiersnetz.Platform.Paging;

namespace Quartiersnetz.Platform.Http;

/// <summary>The checks every list endpoint of the API makes the same way, with the same German messages.</summary>
internal static class ApiParameters
{
    /// <summary>Adds "page" and "pageSize" errors for values outside 1… and 1…<see cref="PageRequest.MaxPageSize"/>.</summary>
    public static void CheckPaging(Dictionary<string, string[]> errors, IStringLocalizer<Texts> l, int page, int pageSize)
    {
        if (page < 1)
        {
            errors["page"] = [l["Die Seite muss 1 oder größer sein."]];
        }

        if (pageSize is < 1 or > PageRequest.MaxPageSize)
        {
            errors["pageSize"] = [l["Die Seitengröße muss zwischen 1 und {0} liegen.", PageRequest.MaxPageSize]];
        }
    }

    /// <summary>An echoed value stays short: a 2,000-character parameter must not come back whole in the answer.</summary>
    public static string Clip(string value) => value.Length <= 60 ? value : value[..60] + "…";
}
