using System.Globalization;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Platform.Localization;

namespace Quartiersnetz.UnitTests;

/// <summary>The app's localizer without translations: the German source text, formatted in the current culture.</summary>
internal sealed class SourceTexts : IStringLocalizer<Texts>
{
    public LocalizedString this[string name] => new(name, name);

    public LocalizedString this[string name, params object[] arguments] => new(name, string.Format(CultureInfo.CurrentCulture, name, arguments));

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => [];
}
