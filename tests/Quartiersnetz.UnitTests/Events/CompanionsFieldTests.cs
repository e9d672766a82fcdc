using Quartiersnetz.Features.Events;

namespace Quartiersnetz.UnitTests.Events;

/// <summary>The companions field's messages use the singular where the number is one.</summary>
public sealed class CompanionsFieldTests
{
    [Theory]
    [InlineData(0, "Zu dieser Veranstaltung können keine Begleitpersonen mitkommen.")]
    [InlineData(1, "Es kann höchstens eine Begleitperson mitkommen.")]
    [InlineData(3, "Es können höchstens {0} Begleitpersonen mitkommen.")]
    public void More_companions_than_allowed_are_refused_in_words_that_fit_the_maximum(int allowed, string message)
    {
        var (value, error) = CompanionsField.Parse((allowed + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), allowed);

        Assert.Equal(0, value);
        Assert.NotNull(error);
        Assert.Equal(CompanionsField.Name, error.Field);
        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData(" 1 ", 1)]
    [InlineData("2", 2)]
    public void A_number_up_to_the_maximum_is_taken(string raw, int expected)
    {
        var (value, error) = CompanionsField.Parse(raw, 2);

        Assert.Null(error);
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("zwei")]
    [InlineData("1,5")]
    public void Text_that_is_not_a_whole_number_gets_a_message_naming_the_range(string raw)
    {
        var (_, error) = CompanionsField.Parse(raw, 2);

        Assert.NotNull(error);
        Assert.Equal("Bitte geben Sie die Zahl der Begleitpersonen als ganze Zahl von 0 bis {0} an.", error.Message);
    }

    [Fact]
    public void An_offered_seat_names_one_companion_in_the_singular()
    {
        Assert.Equal("Der Platz gilt für Sie und eine Begleitperson.", EventLabels.SeatWithCompanions(1));
        Assert.Equal("Der Platz gilt für Sie und {0} Begleitpersonen.", EventLabels.SeatWithCompanions(2));
    }
}
