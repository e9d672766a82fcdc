using Microsoft.AspNetCore.Mvc.Localization;
using Microsoft.Extensions.Localization;

namespace Quartiersnetz.Platform.Localization;

/// <summary>
/// A count with its noun in the right number ("1 Meldung", "3 Meldungen"): German has one singular, and the localizer
/// would otherwise say "1 Meldungen". Both texts go through the localizer, so a translation brings its own forms.
/// </summary>
internal static class CountTexts
{
    public static LocalizedHtmlString Count(this IViewLocalizer l, int count, string one, string many) =>
        count == 1 ? l[one, count] : l[many, count];

    public static LocalizedString Count(this IStringLocalizer l, int count, string one, string many) =>
        count == 1 ? l[one, count] : l[many, count];
}
