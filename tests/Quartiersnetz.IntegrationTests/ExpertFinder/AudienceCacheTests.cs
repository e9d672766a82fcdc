using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.IntegrationTests.ApiAccess;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.IntegrationTests.Topics;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.IntegrationTests.ExpertFinder;

/// <summary>
/// The expert ranking and the people count are shared per audience (AudienceDataCache): a saved change shows at once,
/// and a member who is listed only for themselves (no directory consent) still finds themselves, without that private
/// answer reaching anyone else; a kept page of people shows the caller their own entry as they see it themselves.
/// </summary>
public sealed class AudienceCacheTests(QuartiersnetzFactory factory) : IClassFixture<QuartiersnetzFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_kept_expert_ranking_is_dropped_when_a_new_expert_is_saved()
    {
        var topic = await factory.CreateTopicAsync("Geteilt " + ExpertTestSupport.Word());
        var first = await factory.CreateExpertAsync("Anna Erste", [topic]);
        var api = await MemberApiAsync();
        Assert.Equal([first], await ExpertIdsAsync(api, topic));
        Assert.Equal([first], await ExpertIdsAsync(api, topic));

        var second = await factory.CreateExpertAsync("Berta Zweite", [topic]);

        Assert.Equal([first, second], await ExpertIdsAsync(api, topic));
    }

    [Fact]
    public async Task A_member_without_directory_consent_finds_themselves_and_nobody_else_sees_them()
    {
        var topic = await factory.CreateTopicAsync("Selbst " + ExpertTestSupport.Word());
        var listed = await factory.CreateExpertAsync("Anna Gelistet", [topic]);
        var other = await MemberApiAsync();
        // The other member's search is kept for the audience first.
        Assert.Equal([listed], await ExpertIdsAsync(other, topic));
        var self = await factory.CreatePersonAsync([Roles.MemberStaff], displayName: "Zora Ungelistet");
        await TagAsync(self.Id, topic);
        var selfApi = factory.CreateBearerClient(await factory.AccessTokenAsync(self));

        Assert.Equal([listed, self.Id], await ExpertIdsAsync(selfApi, topic));
        Assert.Equal([listed], await ExpertIdsAsync(other, topic));
        Assert.Equal([listed, self.Id], await ExpertIdsAsync(selfApi, topic));
    }

    [Fact]
    public async Task The_people_count_is_shared_per_audience_counts_an_unlisted_caller_for_themselves_and_follows_changes()
    {
        var word = ExpertTestSupport.Word();
        var listed = await factory.CreateExpertAsync($"Anna {word}", []);
        var other = await MemberApiAsync();
        var self = await factory.CreatePersonAsync([Roles.MemberStaff], displayName: $"Zora {word}");
        var selfApi = factory.CreateBearerClient(await factory.AccessTokenAsync(self));

        Assert.Equal(Expect(1, listed), await PeopleAsync(other, word));
        Assert.Equal(Expect(2, listed, self.Id), await PeopleAsync(selfApi, word));
        Assert.Equal(Expect(1, listed), await PeopleAsync(other, word));

        var second = await factory.CreateExpertAsync($"Berta {word}", []);

        Assert.Equal(Expect(2, listed, second), await PeopleAsync(other, word));
        Assert.Equal(Expect(3, listed, second, self.Id), await PeopleAsync(selfApi, word));
    }

    [Fact]
    public async Task A_kept_people_page_shows_the_caller_their_own_hidden_details_and_nobody_else()
    {
        var word = ExpertTestSupport.Word();
        var email = $"selbst-{Guid.NewGuid():N}@quartiersnetz.test";
        var own = await factory.CreateExpertAsync($"Carla {word}", [], u =>
        {
            u.UserName = email;
            u.Email = email;
            u.PhoneNumber = "0211 123456";
            u.PhoneVisibility = ProfileVisibility.Office;
        }, roles: [Roles.MemberStaff]);
        var other = await MemberApiAsync();
        var selfApi = factory.CreateBearerClient(await factory.AccessTokenAsync(new TestPerson(own, email, "Fach-Test-Passwort-2026", "Carla", null)));

        // The other member's answer is kept for the audience first; the person's own request must not reuse its entry.
        Assert.Null(await PhoneAsync(other, word, own));
        Assert.Equal("0211 123456", await PhoneAsync(selfApi, word, own));
        Assert.Null(await PhoneAsync(other, word, own));
    }

    [Fact]
    public async Task The_kept_topic_choices_of_the_form_follow_a_new_topic()
    {
        var member = await factory.CreateClientSignedInAsync(Roles.MemberStaff);
        var name = "Wahl " + ExpertTestSupport.Word();
        var before = await member.GetDocumentAsync("/kurzer-draht");
        Assert.DoesNotContain(before.QuerySelectorAll("select#thema option"), o => o.TextContent.Contains(name, StringComparison.Ordinal));
        // Kept: the second visit is answered from the same entry.
        Assert.NotEmpty((await member.GetDocumentAsync("/kurzer-draht")).QuerySelectorAll("select#thema option"));

        var topic = await factory.CreateTopicAsync(name);

        var after = await member.GetDocumentAsync("/kurzer-draht");
        Assert.Contains(after.QuerySelectorAll("select#thema option"), o => o.GetAttribute("value") == topic.Slug && o.TextContent.Contains(name, StringComparison.Ordinal));
    }

    private async Task<HttpClient> MemberApiAsync()
    {
        var person = await factory.CreatePersonAsync([Roles.MemberStaff]);
        return factory.CreateBearerClient(await factory.AccessTokenAsync(person));
    }

    private async Task TagAsync(Guid personId, Topic topic)
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        db.Add(new TopicAssignment { TopicId = topic.Id, ItemKind = TopicKinds.Person, ItemKey = personId.ToString() });
        await db.SaveChangesAsync(Ct);
    }

    private static async Task<List<Guid>> ExpertIdsAsync(HttpClient api, Topic topic)
    {
        using var json = JsonDocument.Parse(await api.GetStringAsync(new Uri($"/api/v1/experts?topic={topic.Slug}", UriKind.Relative), Ct));
        return [.. json.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid())];
    }

    /// <summary>"total: id, id …" — one string, so an assertion shows count and people together.</summary>
    private static async Task<string> PeopleAsync(HttpClient api, string word)
    {
        using var json = JsonDocument.Parse(await api.GetStringAsync(new Uri($"/api/v1/people?name={word}", UriKind.Relative), Ct));
        return Expect(json.RootElement.GetProperty("totalCount").GetInt32(),
            [.. json.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid())]);
    }

    private static async Task<string?> PhoneAsync(HttpClient api, string word, Guid id)
    {
        using var json = JsonDocument.Parse(await api.GetStringAsync(new Uri($"/api/v1/people?name={word}", UriKind.Relative), Ct));
        return json.RootElement.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetGuid() == id).GetProperty("phone").GetString();
    }

    private static string Expect(int total, params Guid[] ids) => $"{total}: {string.Join(", ", ids)}";
}
