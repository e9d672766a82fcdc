using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
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
    public async Task The_migration_that_adds_term_rows_fills_them_from_the_stored_terms_and_text_neighbours_are_found_again()
    {
        // An installation indexed before the term rows existed: their table is empty. The migration fills it (a
        // rebuild would empty each kind's search while it runs); without it the report would have no text neighbours.
        await using (var scope = fixture.Factory.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>().Set<SearchDocumentTerm>().ExecuteDeleteAsync(Ct);
        }

        Assert.Empty(await FindAsync("publication", fixture.Ids["report"], SearchAudience.Office));

        await using (var scope = fixture.Factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
            var migrations = db.GetService<IMigrationsAssembly>();
            var type = migrations.Migrations.Single(m => m.Key.EndsWith("_SearchDocumentTerms", StringComparison.Ordinal)).Value;
            var fill = migrations.CreateMigration(type, db.Database.ProviderName!).UpOperations.OfType<SqlOperation>()
                .Single(o => o.Sql.Contains("\"SimilarTerms\"", StringComparison.Ordinal));
            await db.Database.ExecuteSqlRawAsync(fill.Sql, Ct);

            // Every offered document's telling terms are its rows, with its audiences; people (not offered) have none.
            var documents = await db.Set<SearchDocument>().Select(d => new { d.Id, d.Kind, d.SimilarTerms, d.MinAudience, d.MaxAudience }).ToListAsync(Ct);
            var rows = (await db.Set<SearchDocumentTerm>().ToListAsync(Ct)).ToLookup(t => t.DocumentId);
            Assert.Contains(documents, d => d.Kind == "person" && d.SimilarTerms.Length > 0);
            Assert.All(documents, d =>
            {
                var expected = d.Kind == "person" ? [] : d.SimilarTerms.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                Assert.Equal(expected.Order(StringComparer.Ordinal), rows[d.Id].Select(t => t.Term).Order(StringComparer.Ordinal));
                Assert.All(rows[d.Id], t => Assert.Equal((d.MinAudience, d.MaxAudience), (t.MinAudience, t.MaxAudience)));
            });
            Assert.All(rows, r => Assert.Contains(documents, d => d.Id == r.Key));
            // The office's kept empty answer from before the fill.
            scope.ServiceProvider.GetRequiredService<Quartiersnetz.Platform.Caching.PublicPageCacheEviction>().EvictSearch();
        }

        Assert.Contains(SearchFixture.PublicGuide, await FindAsync("publication", fixture.Ids["report"], SearchAudience.Public));
    }

    [Fact]
    public async Task Documents_the_caller_may_not_see_do_not_take_the_places_of_a_terms_range()
    {
        // More member-only documents with the report's telling term than a term's range holds, all newer than the
        // guide: the public must still find the guide through the shared word, members get the newer ones first.
        await using (var scope = fixture.Factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
            async Task<List<string>> TermsOf(string key) => await db.Set<SearchDocumentTerm>()
                .Where(t => db.Set<SearchDocument>().Any(d => d.Id == t.DocumentId && d.Kind == "publication" && d.Key == key && d.MinAudience == SearchAudience.Public))
                .Select(t => t.Term).ToListAsync(Ct);
            // A telling term the report shares with the guide (how the public finds the guide from the report).
            var term = (await TermsOf(fixture.Ids["report"].ToString())).Intersect(await TermsOf(fixture.Ids["guide"].ToString())).First();
            for (var i = 0; i < 210; i++)
            {
                db.Add(new SearchDocument
                {
                    Kind = "publication", Key = $"crowd-{i}", MinAudience = SearchAudience.Members, MaxAudience = SearchAudience.Office,
                    Title = $"Interne Notiz {i}", Url = $"/bibliothek/interne-notiz-{i}", Excerpt = "", TitleTokens = "", BodyTokens = term,
                    PartTokens = "", SimilarTerms = term, Format = SearchDocument.CurrentFormat, IndexedAtUtc = DateTime.UtcNow,
                    Terms = [new SearchDocumentTerm { Term = term, MinAudience = SearchAudience.Members, MaxAudience = SearchAudience.Office }],
                });
            }

            await db.SaveChangesAsync(Ct);
        }

        try
        {
            Assert.Contains(SearchFixture.PublicGuide, await FindAsync("publication", fixture.Ids["report"], SearchAudience.Public));
            Assert.Contains(await FindAsync("publication", fixture.Ids["report"], SearchAudience.Members), t => t.StartsWith("Interne Notiz", StringComparison.Ordinal));
        }
        finally
        {
            await using var scope = fixture.Factory.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
            var crowd = db.Set<SearchDocument>().Where(d => d.Key.StartsWith("crowd-"));
            await db.Set<SearchDocumentTerm>().Where(t => crowd.Any(d => d.Id == t.DocumentId)).ExecuteDeleteAsync(Ct);
            await crowd.ExecuteDeleteAsync(Ct);
            // The members' kept answer has the crowd in it (the indexer evicts on its writes; these were written around it).
            scope.ServiceProvider.GetRequiredService<Quartiersnetz.Platform.Caching.PublicPageCacheEviction>().EvictSearch();
        }
    }

    [Fact]
    public async Task The_migration_that_gives_topic_rows_their_audiences_fills_them_from_the_documents()
    {
        // An installation indexed before: every topic row has the columns' defaults (nobody's candidate). The migration
        // fills them from the documents; without it the area would have no topic neighbours.
        await using (var scope = fixture.Factory.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>().Set<SearchDocumentTopic>().ExecuteUpdateAsync(
                u => u.SetProperty(t => t.SimilarCandidate, false).SetProperty(t => t.MinAudience, SearchAudience.Public).SetProperty(t => t.MaxAudience, SearchAudience.Public), Ct);
        }

        await using (var scope = fixture.Factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
            var migrations = db.GetService<IMigrationsAssembly>();
            var type = migrations.Migrations.Single(m => m.Key.EndsWith("_SearchTopicAudiences", StringComparison.Ordinal)).Value;
            var fill = migrations.CreateMigration(type, db.Database.ProviderName!).UpOperations.OfType<SqlOperation>().Single();
            await db.Database.ExecuteSqlRawAsync(fill.Sql, Ct);

            // Every topic row has its document's audiences; people's rows are no candidates, all others are.
            var rows = await db.Set<SearchDocumentTopic>()
                .Join(db.Set<SearchDocument>(), t => t.DocumentId, d => d.Id, (t, d) => new { t.SimilarCandidate, t.MinAudience, t.MaxAudience, d.Kind, Min = d.MinAudience, Max = d.MaxAudience })
                .ToListAsync(Ct);
            Assert.Contains(rows, r => r.Kind == "person");
            Assert.Contains(rows, r => r.Min != SearchAudience.Public);
            Assert.All(rows, r => Assert.Equal((r.Kind != "person", r.Min, r.Max), (r.SimilarCandidate, r.MinAudience, r.MaxAudience)));
        }

        Assert.Contains(SearchFixture.PublicGuide, await FindAsync("area", fixture.Ids["nordstadt"], SearchAudience.Public));
    }

    [Fact]
    public async Task People_and_documents_the_caller_may_not_see_do_not_take_the_places_of_a_topics_range()
    {
        // Two public items that share only a topic, and more newer people and member-only documents of that topic than
        // a topic's range holds: the public must still find the one from the other, members get the newer ones first.
        var slug = "testfeld-gedraenge";
        var (item, older) = (Guid.NewGuid(), Guid.NewGuid());
        await using (var scope = fixture.Factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
            SearchDocument Document(string kind, string key, string title, SearchAudience min, bool candidate) => new()
            {
                Kind = kind, Key = key, MinAudience = min, MaxAudience = SearchAudience.Office, Title = title, Url = "/" + key, Excerpt = "",
                TitleTokens = "", BodyTokens = "", PartTokens = "", SimilarTerms = "", Format = SearchDocument.CurrentFormat, IndexedAtUtc = DateTime.UtcNow,
                Topics = [new SearchDocumentTopic { TopicSlug = slug, SimilarCandidate = candidate, MinAudience = min, MaxAudience = SearchAudience.Office }],
            };
            db.Add(Document("publication", older.ToString(), "Älterer Leitfaden im Gedränge", SearchAudience.Public, candidate: true));
            await db.SaveChangesAsync(Ct);
            db.Add(Document("publication", item.ToString(), "Neuer Bericht im Gedränge", SearchAudience.Public, candidate: true));
            await db.SaveChangesAsync(Ct);
            for (var i = 0; i < 210; i++)
            {
                db.Add(Document("person", $"crowd-person-{i}", $"Person {i}", SearchAudience.Members, candidate: false));
                db.Add(Document("publication", $"crowd-note-{i}", $"Interne Notiz {i}", SearchAudience.Members, candidate: true));
            }

            await db.SaveChangesAsync(Ct);
        }

        try
        {
            Assert.Equal(["Älterer Leitfaden im Gedränge"], await FindAsync("publication", item, SearchAudience.Public));
            var members = await FindAsync("publication", item, SearchAudience.Members);
            Assert.All(members, t => Assert.StartsWith("Interne Notiz", t, StringComparison.Ordinal));
            Assert.Equal(SimilarItemsQuery.MaxItems, members.Count);
        }
        finally
        {
            await using var scope = fixture.Factory.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
            await db.Set<SearchDocumentTopic>().Where(t => t.TopicSlug == slug).ExecuteDeleteAsync(Ct);
            await db.Set<SearchDocument>().Where(d => d.Key.StartsWith("crowd-") || d.Key == item.ToString() || d.Key == older.ToString()).ExecuteDeleteAsync(Ct);
            scope.ServiceProvider.GetRequiredService<Quartiersnetz.Platform.Caching.PublicPageCacheEviction>().EvictSearch();
        }
    }

    private async Task<List<string>> FindAsync(string kind, Guid key, SearchAudience audience)
    {
        await using var scope = fixture.Factory.CreateScope();
        var query = scope.ServiceProvider.GetRequiredService<SimilarItemsQuery>();
        return [.. (await query.FindAsync(new SearchItemRef(kind, key.ToString()), audience, null, Ct)).Select(i => i.Title)];
    }

    private static List<string> SimilarTitles(IHtmlDocument page) => [.. page.QuerySelectorAll("#similar-items li a").Select(a => a.TextContent)];
}
