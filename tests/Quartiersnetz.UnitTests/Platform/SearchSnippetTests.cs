using Quartiersnetz.Platform.Search;

namespace Quartiersnetz.UnitTests.Platform;

/// <summary>
/// The snippet of a hit: a window of the excerpt around the first matching word, with every match inside it marked. The
/// analysis stops after the window, which must not change what is shown.
/// </summary>
public sealed class SearchSnippetTests
{
    private static readonly string Filler = string.Concat(Enumerable.Repeat("Die Sitzung beginnt pünktlich und endet am Abend. ", 12));

    [Fact]
    public void A_match_late_in_the_excerpt_opens_the_window_shortly_before_it()
    {
        var excerpt = Filler + "Das Quartiersmanagement lädt ein. " + Filler;

        var parts = SearchService.Snippet(excerpt, Terms("Quartier"));

        Assert.Equal("… ", parts[0].Text);
        Assert.Equal(["Quartiersmanagement"], parts.Where(p => p.Marked).Select(p => p.Text));
        Assert.Equal(" …", parts[^1].Text);
        Assert.InRange(string.Concat(parts.Select(p => p.Text)).Length, 100, 230);
    }

    [Fact]
    public void Every_match_inside_the_window_is_marked_and_none_after_it()
    {
        var excerpt = "Wohnungen im Stadtteil: neue Wohnungen am Markt. " + Filler + "Noch mehr Wohnungen.";

        var parts = SearchService.Snippet(excerpt, Terms("Wohnung"));

        Assert.Equal(["Wohnungen", "Wohnungen"], parts.Where(p => p.Marked).Select(p => p.Text));
        Assert.Equal("Wohnungen", parts[0].Text);
        Assert.DoesNotContain("Noch mehr", string.Concat(parts.Select(p => p.Text)), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_match_the_snippet_is_the_start_of_the_excerpt()
    {
        var parts = SearchService.Snippet(Filler, Terms("Spielplatz"));

        Assert.DoesNotContain(parts, p => p.Marked);
        Assert.StartsWith("Die Sitzung beginnt", parts[0].Text, StringComparison.Ordinal);
        Assert.Equal(" …", parts[^1].Text);
    }

    [Theory]
    [InlineData("Quartier")]
    [InlineData("Beteiligung")]
    [InlineData("Abend")]
    [InlineData("Sitzung")]
    public void Stopping_after_the_window_shows_what_analysing_the_whole_excerpt_shows(string word)
    {
        var excerpt = Filler[..300] + "Bürgerbeteiligung im Quartier, Quartiersmanagement und Beteiligung am Abend. " + Filler;
        var terms = Terms(word);

        var parts = SearchService.Snippet(excerpt, terms);

        // Every mark of the shown text, found by analysing the whole excerpt.
        var shown = string.Concat(parts.Select(p => p.Text)).Trim('…', ' ');
        var offset = excerpt.IndexOf(shown, StringComparison.Ordinal);
        Assert.True(offset >= 0);
        var expected = GermanAnalyzer.Shared.Locate(excerpt)
            .Where(t => terms.Contains(t.Term) && t.Start >= offset && t.End <= offset + shown.Length)
            .Select(t => (t.Start, t.End))
            .Distinct()
            .Count();
        Assert.Equal(expected, parts.Count(p => p.Marked));
        Assert.NotEqual(0, expected);
    }

    private static HashSet<string> Terms(string word) => [.. GermanAnalyzer.Shared.AnalyseQueryWord(word)];
}
