using Quartiersnetz.Data.Reference;

namespace Quartiersnetz.UnitTests.Platform;

public sealed class GermanSortKeyTests
{
    [Theory]
    [InlineData("Köln", "koln")]
    [InlineData("Koeln", "koln")]
    [InlineData("MÜNSTER", "munster")]
    [InlineData("Gütersloh", "gutersloh")]
    [InlineData("Weißwasser", "weisswasser")]
    [InlineData("  Bad Oeynhausen ", "bad oynhausen")]
    [InlineData("Übach-Palenberg", "ubach-palenberg")]
    public void Folds_case_umlauts_transliterations_and_sharp_s(string name, string expected) =>
        Assert.Equal(expected, GermanSortKey.For(name));

    [Fact]
    public void Sorts_umlauts_with_their_base_letter_as_German_dictionaries_do()
    {
        string[] names = ["Zülpich", "Aachen", "Ölde", "Oberhausen", "Überlingen", "Unna", "Ahaus"];

        var sorted = names.OrderBy(GermanSortKey.For, StringComparer.Ordinal).ToArray();

        Assert.Equal(["Aachen", "Ahaus", "Oberhausen", "Ölde", "Überlingen", "Unna", "Zülpich"], sorted);
    }
}
