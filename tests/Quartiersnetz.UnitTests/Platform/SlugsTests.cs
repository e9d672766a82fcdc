using Quartiersnetz.Platform.Text;

namespace Quartiersnetz.UnitTests.Platform;

public sealed class SlugsTests
{
    [Theory]
    [InlineData("Neue Förderrichtlinie 2026!", 120, "neue-foerderrichtlinie-2026")]
    [InlineData("  Straße & Grün  ", 120, "strasse-gruen")]
    [InlineData("Über -- uns", 120, "ueber-uns")]
    [InlineData("Quartiersmanagement Süd", 14, "quartiersmanag")]
    [InlineData("ab cd", 3, "ab")]
    [InlineData("!!!", 120, "")]
    public void Fold_folds_German_letters_and_joins_words_with_single_hyphens(string title, int maxLength, string expected) =>
        Assert.Equal(expected, Slugs.Fold(title, maxLength));

    [Theory]
    [InlineData("bericht", true)]
    [InlineData("bericht-2025", true)]
    [InlineData("Bericht", false)]
    [InlineData("bericht--2025", false)]
    [InlineData("-bericht", false)]
    [InlineData("bericht/2025", false)]
    [InlineData("", false)]
    public void IsValid_accepts_lower_case_letters_digits_and_single_inner_hyphens(string slug, bool valid) =>
        Assert.Equal(valid, Slugs.IsValid(slug));

    [Fact]
    public void FirstFree_numbers_from_2_and_fills_the_first_gap()
    {
        Assert.Equal("bericht", Slugs.FirstFree("bericht", ["bericht-2"]));
        Assert.Equal("bericht-2", Slugs.FirstFree("bericht", ["bericht"]));
        Assert.Equal("bericht-4", Slugs.FirstFree("bericht", ["bericht", "bericht-2", "bericht-3", "bericht-5"]));
    }
}
