using Quartiersnetz.Platform.Email;

namespace Quartiersnetz.UnitTests.Platform;

public sealed class EmailRetryDelayTests
{
    [Theory]
    [InlineData(1, 30)]
    [InlineData(2, 60)]
    [InlineData(3, 120)]
    [InlineData(4, 240)]
    [InlineData(7, 1920)]
    [InlineData(8, 3600)]
    [InlineData(50, 3600)]
    public void Waits_twice_as_long_after_each_failure_but_at_most_an_hour(int failedAttempts, int expectedSeconds)
    {
        var settings = new EmailSettings { RetryBaseDelay = TimeSpan.FromSeconds(30) };

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), settings.RetryDelay(failedAttempts));
    }

    [Fact]
    public void A_base_delay_longer_than_an_hour_is_kept_as_it_is()
    {
        var settings = new EmailSettings { RetryBaseDelay = TimeSpan.FromHours(2) };

        Assert.Equal(TimeSpan.FromHours(2), settings.RetryDelay(5));
    }
}
