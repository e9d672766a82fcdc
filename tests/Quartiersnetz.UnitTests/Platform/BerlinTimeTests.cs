using Quartiersnetz.Platform.Paging;
using Quartiersnetz.Platform.Time;

namespace Quartiersnetz.UnitTests.Platform;

public sealed class BerlinTimeTests
{
    [Theory]
    [InlineData("2026-01-15T11:00:00Z", "15.01.2026, 12:00 Uhr")]
    [InlineData("2026-07-15T11:00:00Z", "15.07.2026, 13:00 Uhr")]
    [InlineData("2026-03-29T00:59:00Z", "29.03.2026, 01:59 Uhr")]
    [InlineData("2026-03-29T01:00:00Z", "29.03.2026, 03:00 Uhr")]
    [InlineData("2026-10-25T00:30:00Z", "25.10.2026, 02:30 Uhr")]
    [InlineData("2026-10-25T01:30:00Z", "25.10.2026, 02:30 Uhr")]
    public void Shows_UTC_instants_in_Berlin_time_across_daylight_saving(string utc, string expected)
    {
        var instant = DateTime.Parse(utc, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal);

        Assert.Equal(expected, BerlinTime.FormatDateTime(instant));
    }

    [Theory]
    [InlineData(null, null, 1, 20)]
    [InlineData(-3, 0, 1, 1)]
    [InlineData(4, 5000, 4, PageRequest.MaxPageSize)]
    public void Lenient_paging_corrects_values_from_the_address_bar(int? page, int? size, int expectedPage, int expectedSize)
    {
        var request = PageRequest.Lenient(page, size, 20);

        Assert.Equal(new PageRequest(expectedPage, expectedSize), request);
    }

    [Fact]
    public void A_paged_result_knows_its_neighbours()
    {
        var result = new PagedResult<int>([1, 2], Page: 2, PageSize: 2, TotalCount: 5);

        Assert.Equal(3, result.TotalPages);
        Assert.True(result.HasPrevious);
        Assert.True(result.HasNext);
    }
}
