using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.IntegrationTests.Search;

/// <summary>
/// The names of facet values are kept with the search's answer (AudienceDataCache); a renamed topic shows its new name in
/// the next search, for members (whose answers are kept per audience) and for the public alike.
/// </summary>
public sealed class SearchFacetNameTests(SearchFixture fixture) : IClassFixture<SearchFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_renamed_topic_shows_its_new_name_in_the_facets_at_once()
    {
        var member = await fixture.Factory.CreateClientSignedInAsync(Roles.MemberStaff);
        var anonymous = fixture.Factory.CreateClient();
        Assert.Equal("Quartiersarbeit Testfeld", await TopicLabelAsync(member));
        Assert.Equal("Quartiersarbeit Testfeld", await TopicLabelAsync(member));
        Assert.Equal("Quartiersarbeit Testfeld", await TopicLabelAsync(anonymous));

        await using (var scope = fixture.Factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
            var topic = await db.Set<Topic>().SingleAsync(t => t.Slug == SearchFixture.TopicSlug, Ct);
            topic.Rename("Quartiersarbeit Umbenannt");
            await db.SaveChangesAsync(Ct);
        }

        Assert.Equal("Quartiersarbeit Umbenannt", await TopicLabelAsync(member));
        Assert.Equal("Quartiersarbeit Umbenannt", await TopicLabelAsync(anonymous));
    }

    private static async Task<string?> TopicLabelAsync(HttpClient client)
    {
        var answer = await SearchFixture.SearchAsync(client, "q=Quartier");
        return answer.GetProperty("facets").GetProperty("topic").EnumerateArray()
            .Where(v => v.GetProperty("value").GetString() == SearchFixture.TopicSlug)
            .Select(v => v.GetProperty("label").GetString()).SingleOrDefault();
    }
}
