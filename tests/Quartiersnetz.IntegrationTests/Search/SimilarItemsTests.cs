using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Data;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Search;

namespace Quartiersnetz.IntegrationTests.Search;

/// <summary>
/// "Ähnliche Inhalte" on item pages: items sharing a topic first, then text neighbours; never the item itself, never
/// people, never what the viewer may not see, and the public's kept page never carries a member's list.
/// </summary>
public sealed class SimilarItemsTests(SearchFixture fixture) : IClassFixture<SearchFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string GuidePage => "/bibliothek/" + Platform.Text.Slugs.Fold(SearchFixture.PublicGuide, Features.Library.Publication.SlugMaxLength);

    [Fact]
    public async Task A_publication_page_lists_items_sharing_its_topic_but_not_itself_or_what_the_public_may_not_see()
    {
        var page = await fixture.Factory.CreateBrowserLikeClient().GetDocumentAsync(GuidePage);

        var titles = SimilarTitles(page);
        Assert.Equal("Ähnliche Inhalte", page.QuerySelector("#similar-items h2")!.TextContent);
        Assert.Contains("Dortmund Nordstadt", titles);
        // She shares the topic too, but people are not offered as similar content.
        Assert.DoesNotContain("Friederike Quellwasser", titles);
        Assert.InRange(titles.Count, 1, SimilarItemsQuery.MaxItems);
        Assert.DoesNotContain(SearchFixture.PublicGuide, titles);
        Assert.DoesNotContain(SearchFixture.MembersStudy, titles);
        Assert.DoesNotContain(SearchFixture.DraftDocumentation, titles);
        var nordstadt = page.QuerySelectorAll("#similar-items li").Single(li => li.QuerySelector("a")!.TextContent == "Dortmund Nordstadt");
        Assert.Equal($"/programmgebiete/{fixture.Ids["nordstadt"]}", nordstadt.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("Programmgebiete", nordstadt.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Members_see_members_items_and_the_public_page_kept_meanwhile_stays_public()
    {
        var anonymous = fixture.Factory.CreateBrowserLikeClient();
        var member = await fixture.Factory.CreateClientSignedInAsync(Roles.MemberStaff);

        // The public page is kept (output cache); the member's answer is built for members and must not replace it.
        Assert.DoesNotContain(SearchFixture.MembersStudy, SimilarTitles(await anonymous.GetDocumentAsync(GuidePage)));
        var memberTitles = SimilarTitles(await member.GetDocumentAsync(GuidePage));
        Assert.Contains(SearchFixture.MembersStudy, memberTitles);
        Assert.DoesNotContain(SearchFixture.DraftDocumentation, memberTitles);
        Assert.DoesNotContain(SearchFixture.MembersStudy, SimilarTitles(await anonymous.GetDocumentAsync(GuidePage)));
    }

    [Fact]
    public async Task An_area_page_lists_the_publication_that_shares_its_topic()
    {
        var titles = SimilarTitles(await fixture.Factory.CreateBrowserLikeClient().GetDocumentAsync($"/programmgebiete/{fixture.Ids["nordstadt"]}"));

        Assert.Contains(SearchFixture.PublicGuide, titles);
        Assert.DoesNotContain("Dortmund Nordstadt", titles);
        Assert.DoesNotContain(SearchFixture.MembersStudy, titles);
    }

    [Fact]
    public async Task A_topic_page_lists_items_of_the_topic_but_never_members_items_to_the_public_even_after_a_member_looked()
    {
        var anonymous = fixture.Factory.CreateBrowserLikeClient();
        var member = await fixture.Factory.CreateClientSignedInAsync(Roles.MemberStaff);
        var topicPage = "/themen/" + SearchFixture.TopicSlug;

        var page = await anonymous.GetDocumentAsync(topicPage);
        var titles = SimilarTitles(page);
        Assert.Equal("Ähnliche Inhalte", page.QuerySelector("#similar-items h2")!.TextContent);
        Assert.Contains(SearchFixture.PublicGuide, titles);
        Assert.Contains("Dortmund Nordstadt", titles);
        Assert.DoesNotContain("Quartiersarbeit Testfeld", titles);
        Assert.DoesNotContain("Friederike Quellwasser", titles);
        Assert.DoesNotContain(SearchFixture.MembersStudy, titles);
        Assert.DoesNotContain(SearchFixture.DraftDocumentation, titles);

        Assert.Contains(SearchFixture.MembersStudy, SimilarTitles(await member.GetDocumentAsync(topicPage)));
        Assert.DoesNotContain(SearchFixture.MembersStudy, SimilarTitles(await anonymous.GetDocumentAsync(topicPage)));
        // One section opened on its own pages shows no similar items.
        Assert.Empty(SimilarTitles(await anonymous.GetDocumentAsync(topicPage + "?bereich=publication")));
    }

    [Fact]
    public async Task A_municipality_page_has_no_similar_items()
    {
        // Its neighbours would be the other towns of its region, not content about it (the page's sections list that).
        Assert.Null((await fixture.Factory.CreateBrowserLikeClient().GetDocumentAsync("/gemeinden/05913000")).QuerySelector("#similar-items"));
    }

    [Fact]
    public async Task Text_neighbours_follow_when_no_topic_is_shared()
    {
        // The report has no topic: its neighbours share its telling words (here "Stadterneuerung").
        var titles = await FindAsync("publication", fixture.Ids["report"], SearchAudience.Public);

        Assert.Contains(SearchFixture.PublicGuide, titles);
        Assert.DoesNotContain(SearchFixture.PublicReport, titles);
        Assert.DoesNotContain(SearchFixture.MembersStudy, titles);
        Assert.Contains(SearchFixture.MembersStudy, await FindAsync("publication", fixture.Ids["report"], SearchAudience.Members));
    }

    [Fact]
    public async Task An_item_the_viewer_may_not_see_or_that_does_not_exist_has_no_similar_items()
    {
        Assert.Empty(await FindAsync("publication", fixture.Ids["study"], SearchAudience.Public));
        Assert.Empty(await FindAsync("publication", fixture.Ids["draft"], SearchAudience.Members));
        Assert.Empty(await FindAsync("publication", Guid.NewGuid(), SearchAudience.Office));
        Assert.NotEmpty(await FindAsync("publication", fixture.Ids["draft"], SearchAudience.Office));
    }

    [Fact]
    public async Task Documents_of_the_format_before_term_rows_are_rebuilt_at_start_and_find_their_text_neighbours_again()
    {
        // An installation indexed before the term rows existed: the migration adds an empty table, the documents say
        // format 1. Without the rebuild the report would have no text neighbours at all.
        await using (var scope = fixture.Factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
            await db.Set<SearchDocumentTerm>().ExecuteDeleteAsync(Ct);
            await db.Set<SearchDocument>().ExecuteUpdateAsync(s => s.SetProperty(d => d.Format, 1), Ct);
        }

        Assert.Empty(await FindAsync("publication", fixture.Ids["report"], SearchAudience.Office));

        await using (var scope = fixture.Factory.CreateScope())
        {
            await new SearchIndexSeed(scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>(), scope.ServiceProvider.GetRequiredService<SearchIndexer>())
                .SeedAsync(Ct);
        }

        await SearchFixture.WaitForIndexAsync(fixture.Factory);
        await using (var scope = fixture.Factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
            Assert.False(await db.Set<SearchDocument>().AnyAsync(d => d.Format < SearchDocument.CurrentFormat, Ct));
            // Every document's telling terms are its rows, no more and no fewer.
            var documents = await db.Set<SearchDocument>().Select(d => new { d.Id, d.SimilarTerms }).ToListAsync(Ct);
            var rows = (await db.Set<SearchDocumentTerm>().Select(t => new { t.DocumentId, t.Term }).ToListAsync(Ct))
                .ToLookup(t => t.DocumentId, t => t.Term);
            Assert.Contains(documents, d => d.SimilarTerms.Length > 0);
            Assert.All(documents, d => Assert.Equal(
                d.SimilarTerms.Split(' ', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal),
                rows[d.Id].Order(StringComparer.Ordinal)));
            Assert.Equal(documents.Count, rows.Count + documents.Count(d => d.SimilarTerms.Length == 0));
        }

        Assert.Contains(SearchFixture.PublicGuide, await FindAsync("publication", fixture.Ids["report"], SearchAudience.Public));
    }

    private async Task<List<string>> FindAsync(string kind, Guid key, SearchAudience audience)
    {
        await using var scope = fixture.Factory.CreateScope();
        var query = scope.ServiceProvider.GetRequiredService<SimilarItemsQuery>();
        return [.. (await query.FindAsync(new SearchItemRef(kind, key.ToString()), audience, null, Ct)).Select(i => i.Title)];
    }

    private static List<string> SimilarTitles(IHtmlDocument page) => [.. page.QuerySelectorAll("#similar-items li a").Select(a => a.TextContent)];
}
