using Quartiersnetz.Platform.Search;

namespace Quartiersnetz.UnitTests.Platform;

/// <summary>The stored id lists of frequent terms (SearchPostings): their encoding, how clauses combine them, when the job merges.</summary>
public sealed class SearchPostingsTests
{
    [Fact]
    public void Ids_come_back_from_their_encoding_in_order_small_gaps_in_one_byte_and_large_ids_whole()
    {
        long[] ids = [1, 2, 3, 130, 131, 16_500, 2_000_000, 1L << 40, (1L << 40) + 1];
        var encoded = SearchPostings.Encode(ids, out var length);
        try
        {
            // Gaps 1, 1, 1, 127, 1 → a byte each; 16,369 → two; 1,983,500 → three; 2^40 − 2,000,000 → six; 1 → one.
            Assert.Equal(5 + 2 + 3 + 6 + 1, length);
            using var decoded = SearchPostings.Decode(encoded.AsSpan(0, length));
            Assert.Equal(ids, decoded.Span.ToArray());
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(encoded);
        }

        var many = Enumerable.Range(1, 70_000).Select(i => (long)i * 7).ToArray();
        var manyEncoded = SearchPostings.Encode(many, out var manyLength);
        using (var decoded = SearchPostings.Decode(manyEncoded.AsSpan(0, manyLength)))
        {
            Assert.Equal(many.Length, manyLength);
            Assert.Equal(many, decoded.Span.ToArray());
        }

        System.Buffers.ArrayPool<byte>.Shared.Return(manyEncoded);
        using var none = SearchPostings.Decode(SearchPostings.Encode([], out var noLength).AsSpan(0, noLength));
        Assert.Equal(0, none.Count);
    }

    [Fact]
    public void A_clause_takes_any_of_its_terms_and_every_clause_must_hold()
    {
        using var quartier = MatchIds.Copy([1, 3, 5, 7, 9]);
        using var quartiere = MatchIds.Copy([2, 3, 4, 11]);
        using var stadt = MatchIds.Copy([3, 4, 5, 9, 12]);
        var lists = new Dictionary<string, MatchIds> { ["quartier"] = quartier, ["quartiere"] = quartiere, ["stadt"] = stadt };

        using (var one = SearchPostings.Combine([new SearchClause("Quartier", ["quartier"], false)], lists))
        {
            Assert.Equal([1L, 3, 5, 7, 9], one.Span.ToArray());
        }

        using (var either = SearchPostings.Combine([new SearchClause("Quartier", ["quartier", "quartiere"], false)], lists))
        {
            Assert.Equal([1L, 2, 3, 4, 5, 7, 9, 11], either.Span.ToArray());
        }

        using (var both = SearchPostings.Combine([new SearchClause("Quartier", ["quartier", "quartiere"], false), new SearchClause("Stadt", ["stadt"], false)], lists))
        {
            Assert.Equal([3L, 4, 5, 9], both.Span.ToArray());
        }

        // The lists themselves are not changed by combining them.
        Assert.Equal([1L, 3, 5, 7, 9], quartier.Span.ToArray());
    }

    [Theory]
    [InlineData(0, null, 0, null, null, true, true)] // nothing chosen yet on this node
    [InlineData(0, null, 0, null, 3_600.0, false, false)] // no term qualified an hour ago
    [InlineData(0, null, 0, null, 90_000.0, true, true)] // … and again after a day
    [InlineData(0, null, 600, 3_600.0, null, false, false)] // lists current, nothing changed
    [InlineData(199, 60.0, 600, 3_600.0, null, false, false)] // a few recent changes: the searches read them beside the lists
    [InlineData(200, 60.0, 600, 3_600.0, null, true, false)] // 200 changes
    [InlineData(3, 601.0, 600, 3_600.0, null, true, false)] // the oldest change ten minutes old
    [InlineData(3, 60.0, 600, 86_401.0, null, true, true)] // the terms were chosen a day ago
    public void The_job_merges_when_enough_changed_or_long_enough_ago_and_chooses_the_terms_daily(
        int changes, double? oldestChangeSeconds, int lists, double? selectedSeconds, double? sinceNoTermsSeconds, bool merge, bool chooseTerms)
    {
        var state = new SearchPostings.State(changes, oldestChangeSeconds, lists, selectedSeconds);
        var since = sinceNoTermsSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
        Assert.Equal((merge, chooseTerms), SearchPostingsJob.Decide(state, since));
    }
}
