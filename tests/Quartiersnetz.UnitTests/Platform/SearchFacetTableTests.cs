using Quartiersnetz.Platform.Search;
using static Quartiersnetz.Platform.Search.SearchFacetTable;

namespace Quartiersnetz.UnitTests.Platform;

/// <summary>Facet counting and the order of hits over the in-memory facet table (the database only finds the ids).</summary>
public sealed class SearchFacetTableTests
{
    private static readonly Row[] Rows =
    [
        Document(1, SearchAudience.Public, SearchAudience.Office, "publication", 2020, "05913000", "Arbeitshilfe", "spielplatz plan", 20, "a"),
        Document(2, SearchAudience.Public, SearchAudience.Office, "publication", 2024, "05315000", "Fachstudie", "stadt", 40, "a", "b"),
        Document(3, SearchAudience.Members, SearchAudience.Office, "project", null, null, null, "spielplatz", 10, "b"),
        Document(4, SearchAudience.Public, SearchAudience.Public, "project", 2024, "05913000", null, "anderes", 7),
        Document(5, SearchAudience.Public, SearchAudience.Office, "event", 2024, null, null, "treffen", 7),
        Document(6, SearchAudience.Public, SearchAudience.Office, "event", null, null, null, "ohne jahr", 9),
    ];

    private static readonly long[] All = [1, 2, 3, 4, 5, 6];

    [Fact]
    public void Ids_the_table_does_not_hold_are_reported_so_the_search_covers_them_and_counts_again()
    {
        var table = new Snapshot(Rows, null);

        Assert.Equal(0, table.Count(All, SearchAudience.Public, Request(), Terms(), 0, 20).Unknown);
        var withNew = table.Count([1, 2, 7, 3, 8], SearchAudience.Members, Request(), Terms(), 0, 20);
        Assert.Equal(2, withNew.Unknown);
        Assert.Equal(3, withNew.Total);
        // Not held is not the same as not visible: the members' project is only hidden from the public.
        Assert.Equal(0, table.Count([3], SearchAudience.Public, Request(), Terms(), 0, 20).Unknown);
    }

    [Fact]
    public void Orders_title_hits_first_shorter_titles_first_then_newest_year_then_newest_document()
    {
        var table = new Snapshot(Rows, null);

        Assert.Equal([1L, 5, 4, 2, 6], table.Count(All, SearchAudience.Public, Request(), Terms("spielplatz"), 0, 20).Page);
        // Members see the members' project (its title is shorter) but not the document only the public is shown.
        Assert.Equal([3L, 1, 5, 2, 6], table.Count(All, SearchAudience.Members, Request(), Terms("spielplatz"), 0, 20).Page);
        // A page continues the same order; the total counts every visible match.
        var second = table.Count(All, SearchAudience.Public, Request(), Terms("spielplatz"), 1, 2);
        Assert.Equal([5L, 4], second.Page);
        Assert.Equal(5, second.Total);
    }

    [Fact]
    public void Counts_each_facet_with_the_other_facets_choices_applied_but_not_its_own()
    {
        var table = new Snapshot(Rows, null);

        var counted = table.Count(All, SearchAudience.Public, Request() with { Kinds = ["publication"], Years = [2024] }, Terms(), 0, 20);

        Assert.Equal([2L], counted.Page);
        Assert.Equal(1, counted.Total);
        // Kinds among the 2024 matches (the year chosen), years among the publications (the kind chosen); the event
        // without a year fails both choices and is counted nowhere.
        Assert.Equal([("event", 1L), ("project", 1L), ("publication", 1L)], Pairs(counted, SearchFacets.Kind));
        Assert.Equal([("2020", 1L), ("2024", 1L)], Pairs(counted, SearchFacets.Year));
        Assert.Equal([("05315000", 1L)], Pairs(counted, SearchFacets.Municipality));
        Assert.Equal([("053", 1L)], Pairs(counted, SearchFacets.Region));
        Assert.Equal([("Fachstudie", 1L)], Pairs(counted, SearchFacets.Type));
        Assert.Equal([("a", 1L), ("b", 1L)], Pairs(counted, SearchFacets.Topic));
    }

    [Fact]
    public void A_topic_choice_keeps_the_other_topics_countable_and_unknown_values_find_nothing()
    {
        var table = new Snapshot(Rows, null);

        var byTopic = table.Count(All, SearchAudience.Public, Request() with { Topics = ["b"] }, Terms(), 0, 20);
        Assert.Equal([2L], byTopic.Page);
        Assert.Equal([("a", 2L), ("b", 1L)], Pairs(byTopic, SearchFacets.Topic));

        var unknown = table.Count(All, SearchAudience.Public, Request() with { Kinds = ["nichtsdergleichen"] }, Terms(), 0, 20);
        Assert.Equal(0, unknown.Total);
        Assert.Empty(unknown.Page);
    }

    [Fact]
    public void Documents_read_later_are_added_and_ids_the_table_does_not_know_are_not_counted()
    {
        var first = new Snapshot(Rows[..2], null);
        Assert.True(first.MissesAny(All));
        Assert.Equal([3L, 4, 5, 6], first.Missing(All));
        Assert.Equal(2, first.Count(All, SearchAudience.Office, Request(), Terms(), 0, 20).Total);

        var later = new Snapshot(Rows[2..], first);
        Assert.False(later.MissesAny(All));
        Assert.Equal(4, later.ReadSinceFullRead);
        Assert.Equal([("event", 2L), ("project", 1L), ("publication", 2L)], Pairs(later.Count(All, SearchAudience.Office, Request(), Terms(), 0, 20), SearchFacets.Kind));
        // The earlier state is unchanged for the searches still reading it.
        Assert.Equal(2, first.Count(All, SearchAudience.Office, Request(), Terms(), 0, 20).Total);
    }

    private static Row Document(long id, SearchAudience min, SearchAudience max, string kind, int? year, string? ags, string? type, string titleTokens, int titleLength, params string[] topics) =>
        new(id, min, max, kind, year, ags, ags?[..3], type, titleLength, titleTokens) { Topics = topics };

    private static SearchRequest Request() => new("x", [], [], [], [], [], 1, 20);

    private static HashSet<string> Terms(params string[] terms) => [.. terms];

    private static List<(string, long)> Pairs(Counted counted, string facet) =>
        [.. counted.Facets[facet].Select(c => (c.Value, c.Count)).OrderBy(p => p.Value, StringComparer.Ordinal)];
}
