using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.IntegrationTests.Profile;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.IntegrationTests.Topics;

public sealed class TopicOfficeTests(QuartiersnetzFactory factory) : IClassFixture<QuartiersnetzFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient? _office;

    private async Task<HttpClient> OfficeAsync() => _office ??= await factory.CreateClientSignedInAsync(Roles.Office);

    private static string Page(Topic topic) => $"/geschaeftsstelle/themen/{topic.Id}";

    private async Task<HttpResponseMessage> MergeAsync(Topic source, Guid target) =>
        await (await OfficeAsync()).SubmitFormAsync(Page(source), new Dictionary<string, string> { ["TargetId"] = target.ToString() }, "form[action*='handler=Merge']");

    private Task<int> AuditCountAsync(Topic topic) =>
        factory.QueryAsync(db => db.Set<AuditEntry>().CountAsync(a => a.SubjectType == "Topic" && a.SubjectId == topic.Id.ToString(), Ct));

    [Fact]
    public async Task The_ten_Handlungsfelder_and_their_sub_topics_are_seeded_once_and_survive_a_restart()
    {
        var seeded = TopicSeed.Vocabulary.Select(v => Topic.SlugFor(v.Name)).ToList();
        var before = await factory.QueryAsync(db => db.Set<Topic>().AsNoTracking().Where(t => seeded.Contains(t.Slug)).ToListAsync(Ct));
        Assert.Equal(20, before.Count);
        Assert.Equal(10, before.Count(t => t.ParentId is null));
        var praevention = before.Single(t => t.Slug == "praevention-sicherheit-gesundheit");
        Assert.Equal(praevention.Id, before.Single(t => t.Slug == "gesundheit").ParentId);
        Assert.Equal(before.Single(t => t.Slug == "organisation-finanzierung-und-management-von-stadtteilprojekten").Id, before.Single(t => t.Slug == "verfuegungsfonds").ParentId);

        // The app starts again on the same database: nothing is added twice.
        await using (var restarted = QuartiersnetzFactory.On(factory.Database, factory.Smtp))
        {
            using var client = restarted.CreateClient();
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/themen", UriKind.Relative), Ct)).StatusCode);
        }

        var slugs = await factory.QueryAsync(db => db.Set<Topic>().AsNoTracking().Select(t => t.Slug).ToListAsync(Ct));
        Assert.Equal(slugs.Count, slugs.Distinct().Count());
        Assert.Equal(20, slugs.Count(s => before.Any(b => b.Slug == s)));
    }

    [Fact]
    public async Task Seeding_again_never_undoes_an_office_rename()
    {
        await using (var scope = factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
            var topic = await db.Set<Topic>().SingleAsync(t => t.Slug == "digitalisierung", Ct);
            topic.Rename("Digitalisierung im Quartier");
            await db.SaveChangesAsync(Ct);
        }

        await using (var scope = factory.CreateScope())
        {
            foreach (var seed in scope.ServiceProvider.GetServices<IStartupSeed>())
            {
                await seed.SeedAsync(Ct);
            }
        }

        var names = await factory.QueryAsync(db => db.Set<Topic>().AsNoTracking().Where(t => t.Slug.StartsWith("digitalisierung")).Select(t => t.Name).ToListAsync(Ct));
        Assert.Equal(["Digitalisierung im Quartier"], names);
    }

    [Fact]
    public async Task The_office_creates_a_sub_topic_and_it_is_audited()
    {
        var parent = await factory.CreateTopicAsync("Feld");

        using var response = await (await OfficeAsync()).SubmitFormAsync("/geschaeftsstelle/themen", new Dictionary<string, string>
        {
            ["Input.Name"] = "Stadtteilbüros im Wandel",
            ["Input.ParentId"] = parent.Id.ToString(),
            ["Input.Description"] = "Wie Stadtteilbüros arbeiten.",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var created = await factory.QueryAsync(db => db.Set<Topic>().AsNoTracking().SingleAsync(t => t.Slug == "stadtteilbueros-im-wandel", Ct));
        Assert.Equal(parent.Id, created.ParentId);
        Assert.Equal("Wie Stadtteilbüros arbeiten.", created.Description);
        Assert.Equal(1, await AuditCountAsync(created));
    }

    [Fact]
    public async Task Renaming_keeps_the_address_and_records_before_and_after()
    {
        var topic = await factory.CreateTopicAsync("Alter Name");

        using var response = await (await OfficeAsync()).SubmitFormAsync(Page(topic), new Dictionary<string, string>
        {
            ["Input.Name"] = "Neuer Name fürs Thema",
            ["Input.ParentId"] = "",
            ["Input.Description"] = "",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var renamed = await factory.TopicAsync(topic.Id);
        Assert.Equal("Neuer Name fürs Thema", renamed.Name);
        Assert.Equal(topic.Slug, renamed.Slug);
        var entry = await factory.QueryAsync(db => db.Set<AuditEntry>().AsNoTracking().SingleAsync(a => a.SubjectId == topic.Id.ToString() && a.Action == "topic.updated", Ct));
        Assert.Contains(topic.Name, entry.Changes, StringComparison.Ordinal);
        Assert.Contains("Neuer Name f", entry.Changes, StringComparison.Ordinal); // the JSON escapes the ü
        var page = await factory.CreateBrowserLikeClient().GetDocumentAsync($"/themen/{topic.Slug}");
        Assert.Equal("Neuer Name fürs Thema", page.QuerySelector("h1")?.TextContent);
    }

    [Fact]
    public async Task Retiring_hides_the_topic_and_reactivating_brings_it_back()
    {
        var topic = await factory.CreateTopicAsync("Stilllegbar");
        var office = await OfficeAsync();

        using (var retire = await office.SubmitFormAsync(Page(topic), new Dictionary<string, string>(), "form[action*='handler=Retire']"))
        {
            Assert.Equal(HttpStatusCode.Redirect, retire.StatusCode);
        }

        Assert.Equal(TopicStatus.Retired, (await factory.TopicAsync(topic.Id)).Status);
        var anonymous = factory.CreateBrowserLikeClient();
        await anonymous.GetDocumentAsync($"/themen/{topic.Slug}", HttpStatusCode.NotFound);
        Assert.Null((await anonymous.GetDocumentAsync("/themen")).QuerySelector($"a[href='/themen/{topic.Slug}']"));

        using (var reactivate = await office.SubmitFormAsync(Page(topic), new Dictionary<string, string>(), "form[action*='handler=Reactivate']"))
        {
            Assert.Equal(HttpStatusCode.Redirect, reactivate.StatusCode);
        }

        Assert.Equal(TopicStatus.Active, (await factory.TopicAsync(topic.Id)).Status);
        Assert.NotNull((await anonymous.GetDocumentAsync("/themen")).QuerySelector($"a[href='/themen/{topic.Slug}']"));
        Assert.Equal(2, await AuditCountAsync(topic));
    }

    [Fact]
    public async Task Merging_moves_every_assignment_to_the_target_and_collapses_duplicates()
    {
        var source = await factory.CreateTopicAsync("Quelle");
        var target = await factory.CreateTopicAsync("Ziel");
        await factory.AssignAsync(source.Id, "person", "a", "b");
        await factory.AssignAsync(source.Id, "project", "b");
        await factory.AssignAsync(target.Id, "person", "b", "c");

        using var response = await MergeAsync(source, target.Id);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Empty(await factory.ItemKeysAsync(source.Id));
        var atTarget = await factory.QueryAsync(db => db.Set<TopicAssignment>().AsNoTracking().Where(a => a.TopicId == target.Id)
            .OrderBy(a => a.ItemKind).ThenBy(a => a.ItemKey).Select(a => a.ItemKind + ":" + a.ItemKey).ToListAsync(Ct));
        Assert.Equal(["person:a", "person:b", "person:c", "project:b"], atTarget);
        var merged = await factory.TopicAsync(source.Id);
        Assert.Equal(TopicStatus.Retired, merged.Status);
        Assert.Equal(target.Id, merged.MergedIntoId);
        Assert.True(await factory.QueryAsync(db => db.Set<AuditEntry>().AnyAsync(a => a.Action == "topic.merged" && a.SubjectId == source.Id.ToString(), Ct)));
    }

    [Fact]
    public async Task The_address_of_a_merged_topic_redirects_permanently_to_the_target()
    {
        var source = await factory.CreateTopicAsync("Weiterleitung");
        var target = await factory.CreateTopicAsync("Weiterleitungsziel");
        using (var merge = await MergeAsync(source, target.Id))
        {
            Assert.Equal(HttpStatusCode.Redirect, merge.StatusCode);
        }

        using var response = await factory.CreateBrowserLikeClient().GetAsync(new Uri($"/themen/{source.Slug}", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal($"/themen/{target.Slug}", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Merging_a_topic_into_itself_is_refused_and_changes_nothing()
    {
        var topic = await factory.CreateTopicAsync("Selbst");
        await factory.AssignAsync(topic.Id, "person", "x");

        using var response = await MergeAsync(topic, topic.Id);

        await AssertRefusedAsync(response, "Ein Thema kann nicht mit sich selbst zusammengeführt werden.");
        await AssertUnchangedAsync(topic, ["x"]);
    }

    [Fact]
    public async Task Merging_into_a_retired_topic_is_refused_and_changes_nothing()
    {
        var topic = await factory.CreateTopicAsync("Aktiv");
        var retired = await factory.CreateTopicAsync("Ruhend");
        await using (var scope = factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
            (await db.Set<Topic>().SingleAsync(t => t.Id == retired.Id, Ct)).Status = TopicStatus.Retired;
            await db.SaveChangesAsync(Ct);
        }

        await factory.AssignAsync(topic.Id, "person", "y");

        using var response = await MergeAsync(topic, retired.Id);

        await AssertRefusedAsync(response, "In ein stillgelegtes Thema kann nicht zusammengeführt werden.");
        await AssertUnchangedAsync(topic, ["y"]);
        Assert.Empty(await factory.ItemKeysAsync(retired.Id));
    }

    [Fact]
    public async Task Merging_a_topic_that_still_has_sub_topics_is_refused_and_changes_nothing()
    {
        var parent = await factory.CreateTopicAsync("Elternfeld");
        var child = await factory.CreateTopicAsync("Kindthema", parent.Id);
        var target = await factory.CreateTopicAsync("Anderes Feld");
        await factory.AssignAsync(parent.Id, "person", "z");

        using var response = await MergeAsync(parent, target.Id);

        await AssertRefusedAsync(response, "Dieses Thema hat noch aktive Unterthemen.");
        await AssertUnchangedAsync(parent, ["z"]);
        Assert.Equal(parent.Id, (await factory.TopicAsync(child.Id)).ParentId);
    }

    [Theory]
    [InlineData("", "Bitte geben Sie einen Namen ein.")]
    [InlineData("   ", "Bitte geben Sie einen Namen ein.")]
    [InlineData("Gender Mainstreaming", "Ein Thema mit diesem Namen gibt es schon.")]
    [InlineData("gender mainstreaming", "Ein Thema mit diesem Namen gibt es schon.")]
    [InlineData("Gender-Mainstreaming!", "Ein Thema mit dieser Adresse gibt es schon")]
    public async Task Creating_with_an_empty_or_duplicate_name_is_refused_and_stores_nothing(string name, string message)
    {
        var count = await factory.QueryAsync(db => db.Set<Topic>().CountAsync(Ct));

        using var response = await (await OfficeAsync()).SubmitFormAsync("/geschaeftsstelle/themen", new Dictionary<string, string>
        {
            ["Input.Name"] = name,
            ["Input.ParentId"] = "",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ParseAsync();
        Assert.Contains(message, page.QuerySelector("[role=alert]")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(count, await factory.QueryAsync(db => db.Set<Topic>().CountAsync(Ct)));
    }

    [Fact]
    public async Task Renaming_to_the_name_of_another_topic_is_refused_and_changes_nothing()
    {
        var topic = await factory.CreateTopicAsync("Umbenennbar");

        using var response = await (await OfficeAsync()).SubmitFormAsync(Page(topic), new Dictionary<string, string>
        {
            ["Input.Name"] = "Verfügungsfonds",
            ["Input.ParentId"] = "",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Ein Thema mit diesem Namen gibt es schon.", (await response.ParseAsync()).QuerySelector("[role=alert]")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(topic.Name, (await factory.TopicAsync(topic.Id)).Name);
        Assert.Equal(0, await AuditCountAsync(topic));
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string message)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await response.ParseAsync();
        Assert.Contains(message, page.QuerySelector("[role=alert]")?.TextContent, StringComparison.Ordinal);
    }

    private async Task AssertUnchangedAsync(Topic topic, string[] keys)
    {
        var stored = await factory.TopicAsync(topic.Id);
        Assert.Equal(TopicStatus.Active, stored.Status);
        Assert.Null(stored.MergedIntoId);
        Assert.Equal(keys, await factory.ItemKeysAsync(topic.Id));
        Assert.Equal(0, await AuditCountAsync(topic));
    }
}
