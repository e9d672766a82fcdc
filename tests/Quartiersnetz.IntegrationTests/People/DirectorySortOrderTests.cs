using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Data;
using Quartiersnetz.Data.Reference;
using Quartiersnetz.Features.People;
using Quartiersnetz.IntegrationTests.ApiAccess;
using Quartiersnetz.IntegrationTests.ExpertFinder;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.IntegrationTests.People;

/// <summary>
/// The people lists page in SQL along the stored German sort key (UserAccount.SortKey): the order is the German one
/// (Ä with A, not after Z), a rename moves the person, and rows from before the column get their key at start.
/// </summary>
public sealed class DirectorySortOrderTests(QuartiersnetzFactory factory) : IClassFixture<QuartiersnetzFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_people_api_lists_in_German_order_and_follows_a_rename()
    {
        var marker = ExpertTestSupport.Word();
        var zander = await factory.CreateExpertAsync($"{marker} Zander", []);
        var aerztin = await factory.CreateExpertAsync($"{marker} Ärztin", []);
        var bauer = await factory.CreateExpertAsync($"{marker} Bauer", []);
        var person = await factory.CreatePersonAsync([Roles.Expert]);
        var api = factory.CreateBearerClient(await factory.AccessTokenAsync(person));

        // Ordinal order would put "Ä" after "Z".
        Assert.Equal([aerztin, bauer, zander], await IdsAsync(api, $"/api/v1/people?name={marker}"));

        await using (var scope = factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
            var user = await db.Users.SingleAsync(u => u.Id == zander, Ct);
            user.DisplayName = $"{marker} Adler";
            await db.SaveChangesAsync(Ct);
        }

        Assert.Equal([zander, aerztin, bauer], await IdsAsync(api, $"/api/v1/people?name={marker}"));
    }

    [Fact]
    public async Task The_office_list_pages_in_German_order()
    {
        var marker = ExpertTestSupport.Word();
        var zander = await factory.CreateExpertAsync($"{marker} Zander", []);
        var oelmann = await factory.CreateExpertAsync($"{marker} Ölmann", []);
        var nagel = await factory.CreateExpertAsync($"{marker} Nagel", []);
        var office = await factory.CreateClientSignedInAsync(Roles.Office);

        var html = await office.GetStringAsync(new Uri($"/geschaeftsstelle/personen?suche={marker}", UriKind.Relative), Ct);

        // Names may be HTML-encoded; the ids in the links are not.
        var positions = new[] { nagel, oelmann, zander }.Select(id => html.IndexOf(id.ToString(), StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.True(positions[0] > 0 && positions[0] < positions[1] && positions[1] < positions[2], $"Nagel, Ölmann, Zander at {string.Join(", ", positions)}");
    }

    [Fact]
    public async Task People_saved_before_the_sort_key_existed_get_it_at_start()
    {
        var marker = ExpertTestSupport.Word();
        var id = await factory.CreateExpertAsync($"{marker} Übermann", []);
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        // What the migration leaves for existing rows: an empty key.
        await db.Users.Where(u => u.Id == id).ExecuteUpdateAsync(s => s.SetProperty(u => u.SortKey, ""), Ct);

        var seed = scope.ServiceProvider.GetServices<IStartupSeed>().OfType<DirectorySortKeySeed>().Single();
        await seed.SeedAsync(Ct);
        await seed.SeedAsync(Ct);

        var key = await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => u.SortKey).SingleAsync(Ct);
        // The marker's hex letters may hold an "ae" that folds too, so the expectation is the function's own answer.
        Assert.Equal(GermanSortKey.For($"{marker} Übermann"), key);
        Assert.EndsWith(" ubermann", key, StringComparison.Ordinal);
    }

    private static async Task<List<Guid>> IdsAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative), Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {response.StatusCode} {body}");
        using var json = JsonDocument.Parse(body);
        return [.. json.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid())];
    }
}
