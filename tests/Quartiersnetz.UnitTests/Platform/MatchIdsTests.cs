using Quartiersnetz.Platform.Search;

namespace Quartiersnetz.UnitTests.Platform;

/// <summary>The pooled list a full-text match's ids are read into (SearchService).</summary>
public sealed class MatchIdsTests
{
    [Fact]
    public void Keeps_every_id_in_order_while_it_grows_past_its_first_array_and_is_empty_once_returned()
    {
        var expected = Enumerable.Range(0, 70_000).Select(i => (long)i * 3).ToArray();
        var ids = new MatchIds();
        foreach (var id in expected)
        {
            ids.Add(id);
        }

        Assert.Equal(expected.Length, ids.Count);
        Assert.Equal(expected, ids.Memory.ToArray());

        ids.Dispose();
        Assert.Equal(0, ids.Count);
        Assert.True(ids.Memory.IsEmpty);
    }
}
