using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.IntegrationTests.Profile;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Privacy;

namespace Quartiersnetz.IntegrationTests.Topics;

public sealed class TopicPageTests(QuartiersnetzFactory factory) : IClassFixture<QuartiersnetzFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static List<string> People(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelectorAll("#items-person a").Select(a => a.TextContent).Order(StringComparer.Ordinal).ToList();

    private async Task<Topic> TopicWithPeopleAsync()
    {
        var topic = await factory.CreateTopicAsync("Sichtbarkeit", description: "Wer wen sieht.");
        await factory.CreateTaggedPersonAsync(topic, "Anna Öffentlich", ProfileVisibility.Public);
        await factory.CreateTaggedPersonAsync(topic, "Ben Mitglied", ProfileVisibility.Members);
        await factory.CreateTaggedPersonAsync(topic, "Cem Geschäftsstelle", ProfileVisibility.Office);
        await factory.CreateTaggedPersonAsync(topic, "Dora Ungelistet", ProfileVisibility.Public, listed: false);
        return topic;
    }

    [Fact]
    public async Task The_overview_shows_active_topics_as_a_tree()
    {
        var page = await factory.CreateBrowserLikeClient().GetDocumentAsync("/themen");

        var feld = page.QuerySelectorAll("#topic-tree > li").Single(li => li.QuerySelector("a")?.TextContent == "Prävention (Sicherheit, Gesundheit)");
        var subTopics = feld.QuerySelector("ul")!.QuerySelectorAll("a").Select(a => a.TextContent).ToList();
        Assert.Equal(["Gesundheit", "Sicherheit und Kriminalprävention"], subTopics);
    }

    [Fact]
    public async Task Anonymous_visitors_see_only_listed_people_with_a_public_name()
    {
        var topic = await TopicWithPeopleAsync();

        var page = await factory.CreateBrowserLikeClient().GetDocumentAsync($"/themen/{topic.Slug}");

        Assert.Equal(topic.Name, page.QuerySelector("h1")?.TextContent);
        Assert.Equal("Wer wen sieht.", page.QuerySelector("#topic-description")?.TextContent);
        Assert.Equal(["Anna Öffentlich"], People(page));
        Assert.DoesNotContain("Ben Mitglied", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Cem", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Dora", page.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Members_also_see_people_whose_name_is_for_members()
    {
        var topic = await TopicWithPeopleAsync();
        var member = await factory.CreateClientSignedInAsync(Roles.MemberStaff);

        var page = await member.GetDocumentAsync($"/themen/{topic.Slug}");

        Assert.Equal(["Anna Öffentlich", "Ben Mitglied"], People(page));
    }

    [Fact]
    public async Task The_office_sees_every_listed_person_but_never_those_without_listing_consent()
    {
        var topic = await TopicWithPeopleAsync();
        var office = await factory.CreateClientSignedInAsync(Roles.Office);

        var page = await office.GetDocumentAsync($"/themen/{topic.Slug}");

        Assert.Equal(["Anna Öffentlich", "Ben Mitglied", "Cem Geschäftsstelle"], People(page));
        var link = page.QuerySelectorAll("#items-person a").Single(a => a.TextContent == "Anna Öffentlich");
        Assert.StartsWith("/personen/", link.GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signed_in_viewers_share_what_their_audience_sees_a_tagged_viewer_sees_themselves_and_a_saved_change_shows_at_once()
    {
        var topic = await factory.CreateTopicAsync("Geteilte Sicht");
        await factory.CreateTaggedPersonAsync(topic, "Anna Öffentlich", ProfileVisibility.Public);
        var ben = await factory.CreateTaggedPersonAsync(topic, "Ben Mitglied", ProfileVisibility.Members);
        // Cem's name is for the office only; Cem is a member and still finds himself, other members do not.
        var cem = await factory.CreateTaggedPersonAsync(topic, "Cem Geschäftsstelle", ProfileVisibility.Office);
        var member = await factory.CreateClientSignedInAsync(Roles.MemberStaff);
        var otherMember = await factory.CreateClientSignedInAsync(Roles.Expert);
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        // The indexer's own writes come first, so that nothing but this test's changes drops what is kept.
        await Search.SearchFixture.WaitForIndexAsync(factory);
        var path = $"/themen/{topic.Slug}";

        // Asked in turn, each audience gets its own answer: the office's never reaches members, Cem's own never others.
        Assert.Equal(["Anna Öffentlich", "Ben Mitglied", "Cem Geschäftsstelle"], People(await office.GetDocumentAsync(path)));
        Assert.Equal(["Anna Öffentlich", "Ben Mitglied"], People(await member.GetDocumentAsync(path)));
        Assert.Equal(["Anna Öffentlich", "Ben Mitglied", "Cem Geschäftsstelle"], People(await cem.Client.GetDocumentAsync(path)));
        Assert.Equal(["Anna Öffentlich", "Ben Mitglied"], People(await otherMember.GetDocumentAsync(path)));
        Assert.Equal(["Anna Öffentlich"], People(await factory.CreateBrowserLikeClient().GetDocumentAsync(path)));

        // Changed behind the app's back: nothing drops the members' answer, so another member gets the kept one.
        await using (var scope = factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
            await db.Users.Where(u => u.Id == ben.Id).ExecuteUpdateAsync(u => u.SetProperty(p => p.DisplayName, "Ben Umbenannt"), Ct);
        }

        Assert.Equal(["Anna Öffentlich", "Ben Mitglied"], People(await otherMember.GetDocumentAsync(path)));

        // A change saved through the app (a newly tagged person) drops it: both members see the current state.
        await factory.CreateTaggedPersonAsync(topic, "Dora Neu", ProfileVisibility.Members);
        foreach (var client in new[] { member, otherMember })
        {
            Assert.Equal(["Anna Öffentlich", "Ben Umbenannt", "Dora Neu"], People(await client.GetDocumentAsync(path)));
        }
    }

    [Fact]
    public async Task A_withdrawn_listing_consent_removes_the_person_from_the_topic_page()
    {
        var topic = await factory.CreateTopicAsync("Widerruf");
        var person = await factory.CreateTaggedPersonAsync(topic, "Eva Widerruf", ProfileVisibility.Public);
        await using (var scope = factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
            (await db.Set<ConsentRecord>().SingleAsync(c => c.UserId == person.Id, Ct)).WithdrawnAtUtc = DateTime.UtcNow;
            await db.SaveChangesAsync(Ct);
        }

        var page = await factory.CreateBrowserLikeClient().GetDocumentAsync($"/themen/{topic.Slug}");

        Assert.Empty(People(page));
    }

    [Fact]
    public async Task An_unknown_topic_is_not_found()
    {
        await factory.CreateBrowserLikeClient().GetDocumentAsync("/themen/gibt-es-nicht", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_api_lists_active_topics_with_their_parent()
    {
        var topics = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/topics", Ct);

        var fonds = topics.EnumerateArray().Single(t => t.GetProperty("slug").GetString() == "verfuegungsfonds");
        Assert.Equal("Verfügungsfonds", fonds.GetProperty("name").GetString());
        Assert.Equal("organisation-finanzierung-und-management-von-stadtteilprojekten", fonds.GetProperty("parentSlug").GetString());
    }

    [Fact]
    public async Task The_api_returns_one_topic_with_its_sub_topics()
    {
        var topic = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/topics/praevention-sicherheit-gesundheit", Ct);

        Assert.Equal("Prävention (Sicherheit, Gesundheit)", topic.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, topic.GetProperty("parentSlug").ValueKind);
        Assert.Equal(["gesundheit", "sicherheit-und-kriminalpraevention"], topic.GetProperty("subTopics").EnumerateArray().Select(t => t.GetProperty("slug").GetString()).ToList());
    }

    [Fact]
    public async Task The_api_answers_an_unknown_topic_with_a_German_problem()
    {
        using var response = await factory.CreateClient().GetAsync(new Uri("/api/v1/topics/raumfahrt", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("Es gibt kein aktives Thema mit der Adresse „raumfahrt“.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task My_data_lists_the_topics_of_the_person()
    {
        var topic = await factory.CreateTopicAsync("Meine Daten");
        var person = await factory.CreateTaggedPersonAsync(topic, "Mia Daten", ProfileVisibility.Public);
        await factory.AssignPersonTopicsAsync(person.Id, "gender-mainstreaming", topic.Slug);

        var data = await person.Client.GetFromJsonAsync<JsonElement>("/konto/meine-daten/download", Ct);

        var topics = data.GetProperty("Themenfelder").EnumerateArray().Select(t => t.GetString()).ToList();
        Assert.Equal(["Gender Mainstreaming", topic.Name], topics);
        var page = await person.Client.GetDocumentAsync("/konto/meine-daten");
        Assert.Contains(topic.Name, page.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_person_page_links_the_persons_topics()
    {
        var topic = await factory.CreateTopicAsync("Personenseite");
        var person = await factory.CreateTaggedPersonAsync(topic, "Paul Seite", ProfileVisibility.Public);

        var page = await factory.CreateBrowserLikeClient().GetDocumentAsync($"/personen/{person.Id}");

        Assert.Equal(topic.Name, page.QuerySelector($"#person-topics a[href='/themen/{topic.Slug}']")?.TextContent);
    }

    [Fact]
    public async Task Deleting_an_account_removes_the_persons_topic_assignments()
    {
        var topic = await factory.CreateTopicAsync("Löschen");
        var person = await factory.CreateTaggedPersonAsync(topic, "Fritz Fort", ProfileVisibility.Public);
        await factory.AssignPersonTopicsAsync(person.Id, "verfuegungsfonds", topic.Slug);

        await using (var scope = factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
            foreach (var contributor in scope.ServiceProvider.GetServices<IPersonalDataContributor>())
            {
                await contributor.EraseAsync(person.Id, Ct);
            }

            await db.SaveChangesAsync(Ct);
        }

        Assert.Empty(await factory.PersonTopicSlugsAsync(person.Id));
    }
}

/// <summary>A broad topic shows the first items of each kind and pages through all of them in the opened section.</summary>
public sealed class TopicPagePagingTests(QuartiersnetzFactory factory) : IClassFixture<QuartiersnetzFactory>
{
    [Fact]
    public async Task The_topic_page_shows_a_preview_per_kind_and_the_opened_section_pages_through_all_items()
    {
        var topic = await factory.CreateTopicAsync("Breit");
        const int count = DetailsModel.PageSize + 5;
        for (var i = 0; i < count; i++)
        {
            await factory.CreateTaggedPersonAsync(topic, $"Breite Person {i:00}", ProfileVisibility.Public);
        }

        var client = factory.CreateBrowserLikeClient();
        var overview = await client.GetDocumentAsync($"/themen/{topic.Slug}");
        var first = await client.GetDocumentAsync($"/themen/{topic.Slug}?bereich=person");
        var second = await client.GetDocumentAsync($"/themen/{topic.Slug}?bereich=person&seite=2");
        var unknownKind = await client.GetDocumentAsync($"/themen/{topic.Slug}?bereich=gibt-es-nicht");

        Assert.Equal(DetailsModel.PreviewSize, overview.QuerySelectorAll("#items-person li").Length);
        var all = overview.QuerySelector("#all-person");
        Assert.Equal($"/themen/{topic.Slug}?bereich=person", all?.GetAttribute("href"));
        Assert.Contains($"Alle {count} Einträge", all?.TextContent, StringComparison.Ordinal);
        Assert.NotNull(overview.QuerySelector("#section-area"));

        Assert.Equal(DetailsModel.PageSize, first.QuerySelectorAll("#items-person li").Length);
        Assert.Null(first.QuerySelector("#section-area"));
        Assert.Null(first.QuerySelector("#all-person"));
        Assert.Contains("seite=2", first.QuerySelector("a[rel=next]")?.GetAttribute("href"), StringComparison.Ordinal);
        Assert.Contains("bereich=person", first.QuerySelector("a[rel=next]")?.GetAttribute("href"), StringComparison.Ordinal);
        Assert.Equal(5, second.QuerySelectorAll("#items-person li").Length);
        var names = first.QuerySelectorAll("#items-person a").Concat(second.QuerySelectorAll("#items-person a")).Select(a => a.TextContent).ToList();
        Assert.Equal(count, names.Distinct(StringComparer.Ordinal).Count());

        Assert.NotNull(unknownKind.QuerySelector("#section-area"));
        Assert.Equal(DetailsModel.PreviewSize, unknownKind.QuerySelectorAll("#items-person li").Length);
    }
}

/// <summary>The topic page asks each source once, whatever the number of linked items.</summary>
public sealed class TopicPageQueryTests : IAsyncLifetime
{
    private readonly CommandCounter _counter = new();
    private readonly QuartiersnetzFactory _factory;

    public TopicPageQueryTests() =>
        // Counts what building the page costs; the public page cache would answer a repeat without any query.
        _factory = new QuartiersnetzFactory().WithSetting("Caching:PublicPageSeconds", "0").WithServices(services =>
            services.ConfigureDbContext<QuartiersnetzDbContext>(options => options.AddInterceptors(_counter)));

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task The_topic_page_needs_as_many_queries_for_twenty_people_as_for_two()
    {
        var few = await _factory.CreateTopicAsync("Wenige");
        var many = await _factory.CreateTopicAsync("Viele");
        for (var i = 0; i < 20; i++)
        {
            var person = await _factory.CreateTaggedPersonAsync(many, $"Person {i:00}", ProfileVisibility.Public);
            if (i < 2)
            {
                await _factory.AssignAsync(few.Id, TopicKinds.Person, person.Id.ToString());
            }
        }

        var client = _factory.CreateBrowserLikeClient();
        await client.GetDocumentAsync($"/themen/{few.Slug}"); // warm up

        _counter.Reset();
        var fewPage = await client.GetDocumentAsync($"/themen/{few.Slug}");
        var forFew = _counter.Count;
        _counter.Reset();
        var manyPage = await client.GetDocumentAsync($"/themen/{many.Slug}");
        var forMany = _counter.Count;

        Assert.Equal(2, fewPage.QuerySelectorAll("#items-person li").Length);
        Assert.Equal(DetailsModel.PreviewSize, manyPage.QuerySelectorAll("#items-person li").Length);
        Assert.Contains("Alle 20 Einträge", manyPage.QuerySelector("#all-person")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(forFew, forMany);
    }
}
