using System.Globalization;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Platform.Localization;

namespace Quartiersnetz.UnitTests.Platform;

public sealed class CountTextsTests
{
    [Theory]
    [InlineData(0, "0 Meldungen")]
    [InlineData(1, "1 Meldung")]
    [InlineData(2, "2 Meldungen")]
    [InlineData(12, "12 Meldungen")]
    public void A_count_takes_the_singular_only_for_one(int count, string expected)
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            Assert.Equal(expected, new SourceTexts().Count(count, "1 Meldung", "{0} Meldungen").Value);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }
}
