using Quartiersnetz.Features.EditorialPages;

namespace Quartiersnetz.UnitTests.EditorialPages;

/// <summary>The page tree in memory: paths, visibility through the pages above, the move check and the order.</summary>
public sealed class PageTreeTests
{
    private static readonly Guid About = Guid.NewGuid();
    private static readonly Guid History = Guid.NewGuid();
    private static readonly Guid Awards = Guid.NewGuid();
    private static readonly Guid Contact = Guid.NewGuid();
    private static readonly Guid Draft = Guid.NewGuid();
    private static readonly Guid UnderDraft = Guid.NewGuid();
    private static readonly Guid Statement = Guid.NewGuid();

    private static PageTree Tree() => new(
    [
        new PageNode(Contact, About, "kontakt", "Kontakt", 1, false, true, null),
        new PageNode(History, About, "geschichte", "Geschichte", 0, false, true, null),
        new PageNode(About, null, "ueber-uns", "Über uns", 0, true, true, null),
        new PageNode(Awards, History, "preise", "Preise", 0, false, true, null),
        new PageNode(Draft, null, "entwurf", "Entwurf", 1, false, false, null),
        new PageNode(UnderDraft, Draft, "drunter", "Drunter", 0, false, true, null),
        new PageNode(Statement, null, "barrierefreiheit", "Erklärung", 0, false, true, "barrierefreiheit"),
    ]);

    [Fact]
    public void Paths_follow_the_slugs_from_the_top()
    {
        var tree = Tree();

        Assert.Equal("/seiten/ueber-uns/geschichte/preise", tree.UrlOf(Awards));
        Assert.Equal(Awards, tree.Resolve("ueber-uns/geschichte/preise")?.Id);
        Assert.Equal(Awards, tree.Resolve("/ueber-uns/geschichte/preise/")?.Id);
        Assert.Null(tree.Resolve("geschichte"));
        Assert.Null(tree.Resolve("ueber-uns/preise"));
        Assert.Null(tree.Resolve("barrierefreiheit"));
        Assert.Null(tree.Resolve(""));
    }

    [Fact]
    public void A_page_is_public_only_when_it_and_every_page_above_it_are_published()
    {
        var tree = Tree();

        Assert.True(tree.IsPublic(Awards));
        Assert.False(tree.IsPublic(Draft));
        Assert.False(tree.IsPublic(UnderDraft));
        Assert.False(tree.IsPublic(Statement));
    }

    [Fact]
    public void A_page_counts_as_its_own_descendant_and_so_do_all_pages_below_it()
    {
        var tree = Tree();

        Assert.True(tree.IsSelfOrDescendant(About, About));
        Assert.True(tree.IsSelfOrDescendant(History, About));
        Assert.True(tree.IsSelfOrDescendant(Awards, About));
        Assert.False(tree.IsSelfOrDescendant(About, History));
        Assert.False(tree.IsSelfOrDescendant(Contact, History));
    }

    [Fact]
    public void The_tree_is_listed_depth_first_in_sort_order_without_system_pages()
    {
        var listed = string.Join(" ", Tree().Flatten().Select(x => x.Node.Slug + ":" + x.Depth));

        Assert.Equal("ueber-uns:0 geschichte:1 preise:2 kontakt:1 entwurf:0 drunter:1", listed);
    }

    [Theory]
    [InlineData("Über uns", "ueber-uns")]
    [InlineData("Geschichte & Auszeichnungen", "geschichte-auszeichnungen")]
    [InlineData("  Straße 2026!  ", "strasse-2026")]
    [InlineData("!!!", "seite")]
    public void Slugs_fold_German_letters(string title, string slug) => Assert.Equal(slug, EditPages.FoldedSlug(title));
}
