using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Organisations;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Search;

namespace Quartiersnetz.IntegrationTests.Search;

/// <summary>Changes reach the index by themselves (bounded polling, no fixed sleep); the office's rebuild repairs what bypassed EF.</summary>
public sealed class SearchIndexUpdateTests(QuartiersnetzFactory factory) : IClassFixture<QuartiersnetzFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_saved_change_is_found_without_any_rebuild()
    {
        // A rebuild still running from the other test of this class could write back a document from before the change
        // (noted as an open race of the rebuild); this test is about single changes, so it starts on a quiet index.
        await SearchFixture.WaitForIndexAsync(factory);
        var client = factory.CreateClient();
        Guid id;
        await using (var scope = factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
            var organisation = new Organisation { Name = "Wasserturmverein Schimmelreiter", SortKey = "wasserturmverein", Type = OrganisationType.Sonstige };
            db.Add(organisation);
            await db.SaveChangesAsync(Ct);
            id = organisation.Id;
        }

        await UntilAsync(factory, client, "q=Schimmelreiter", titles => titles.Contains("Wasserturmverein Schimmelreiter"));

        await using (var scope = factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
            var organisation = await db.Set<Organisation>().SingleAsync(o => o.Id == id, Ct);
            organisation.Name = "Wasserturmverein Pferdeflüsterer";
            await db.SaveChangesAsync(Ct);
        }

        await UntilAsync(factory, client, "q=Pferdeflüsterer", titles => titles.Contains("Wasserturmverein Pferdeflüsterer"));
        Assert.Empty(SearchFixture.Titles(await SearchFixture.SearchAsync(client, "q=Schimmelreiter")));

        await using (var scope = factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
            db.Remove(await db.Set<Organisation>().SingleAsync(o => o.Id == id, Ct));
            await db.SaveChangesAsync(Ct);
        }

        await UntilAsync(factory, client, "q=Pferdeflüsterer", titles => titles.Count == 0);
    }

    [Fact]
    public async Task A_re_indexed_item_is_counted_with_its_new_facets()
    {
        // The facet table in memory reads a document when a search first meets it; a re-indexed item is a new document.
        await SearchFixture.WaitForIndexAsync(factory);
        var client = factory.CreateClient();
        Guid id;
        await using (var scope = factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
            var organisation = new Organisation { Name = "Kranichflugwerkstatt", SortKey = "kranichflugwerkstatt", Type = OrganisationType.Sonstige, MunicipalityAgs = "05913000" };
            db.Add(organisation);
            await db.SaveChangesAsync(Ct);
            id = organisation.Id;
        }

        await UntilAsync(factory, client, "q=Kranichflugwerkstatt", titles => titles.Contains("Kranichflugwerkstatt"));
        var before = await SearchFixture.SearchAsync(client, "q=Kranichflugwerkstatt");
        Assert.Equal(1, SearchFixture.FacetCount(before, "municipality", "05913000"));
        Assert.Equal(1, SearchFixture.FacetCount(before, "bezirk", "059"));

        await using (var scope = factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
            (await db.Set<Organisation>().SingleAsync(o => o.Id == id, Ct)).MunicipalityAgs = "05315000";
            await db.SaveChangesAsync(Ct);
        }

        await UntilAsync(factory, client, "q=Kranichflugwerkstatt&municipality=05315000", titles => titles.Contains("Kranichflugwerkstatt"));
        var after = await SearchFixture.SearchAsync(client, "q=Kranichflugwerkstatt");
        Assert.Equal(1, after.GetProperty("total").GetInt64());
        Assert.Equal(1, SearchFixture.FacetCount(after, "municipality", "05315000"));
        Assert.Equal(0, SearchFixture.FacetCount(after, "municipality", "05913000"));
        Assert.Equal(1, SearchFixture.FacetCount(after, "bezirk", "053"));
        Assert.Equal(0, SearchFixture.FacetCount(after, "bezirk", "059"));
    }

    [Fact]
    public async Task The_office_rebuilds_the_whole_index()
    {
        var client = factory.CreateClient();
        // Written past EF (as a bulk import would), so no change is recorded.
        await using (var scope = factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
            await db.Database.ExecuteSqlRawAsync(
                """INSERT INTO "Organisations" ("Id", "Name", "SortKey", "Type") VALUES ({0}, 'Rebuildwerkstatt Nachtigall', 'rebuildwerkstatt', {1})""",
                [Guid.NewGuid(), (int)OrganisationType.Sonstige], Ct);
        }

        Assert.Empty(SearchFixture.Titles(await SearchFixture.SearchAsync(client, "q=Nachtigall")));

        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var response = await office.SubmitFormAsync("/geschaeftsstelle/suchindex", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        await UntilAsync(factory, client, "q=Nachtigall", titles => titles.Contains("Rebuildwerkstatt Nachtigall"));
        // Everything else is back as well.
        Assert.NotEmpty(SearchFixture.Titles(await SearchFixture.SearchAsync(client, "q=Dortmund&kind=municipality")));
        await using (var scope = factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
            Assert.Contains(await db.Set<Platform.Audit.AuditEntry>().Select(e => e.Action).ToListAsync(Ct), a => a == "search.rebuild-requested");
        }

        await SearchFixture.WaitForIndexAsync(factory);
    }

    private static async Task UntilAsync(QuartiersnetzFactory factory, HttpClient client, string query, Func<List<string>, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var titles = SearchFixture.Titles(await SearchFixture.SearchAsync(client, query));
            if (done(titles))
            {
                return;
            }

            if (DateTime.UtcNow >= deadline)
            {
                // Tells a kept answer (the index has it) from an indexer that fell behind (changes still waiting).
                await using var scope = factory.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
                var waiting = await db.Set<SearchIndexPending>().CountAsync(Ct);
                var word = query.Split('&')[0]["q=".Length..];
                var indexed = await db.Set<SearchDocument>().Where(d => d.Title.Contains(word)).Select(d => d.Title).ToListAsync(Ct);
                Assert.Fail($"{query}: the search did not follow the change; got [{string.Join(" | ", titles)}]; "
                    + $"index has [{string.Join(" | ", indexed)}], {waiting} change(s) waiting.");
            }

            await Task.Delay(20, Ct);
        }
    }
}
