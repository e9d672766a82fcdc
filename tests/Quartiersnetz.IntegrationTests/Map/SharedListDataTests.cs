using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Data;
using Quartiersnetz.Features.ProgrammeAreas;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.Platform.Auth;
using static Quartiersnetz.IntegrationTests.Map.MapTestData;

namespace Quartiersnetz.IntegrationTests.Map;

/// <summary>
/// The map page and the public list of programme areas show the same to everyone, so their data is kept for signed-in
/// visitors too (ADR 0004): shared between members until the next saved change, and never older than it.
/// </summary>
public sealed class SharedListDataTests(QuartiersnetzFactory factory) : IClassFixture<QuartiersnetzFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/karte?programm=StadtumbauWest", "#tabelle tbody tr th")]
    [InlineData("/programmgebiete?programm=StadtumbauWest", "#areas tbody tr th")]
    public async Task Members_share_the_kept_list_and_see_a_saved_change_at_once(string path, string rows)
    {
        var area = await factory.AddAreaAsync($"Hafenquartier {Guid.NewGuid():N}", Muenster, UrbanDevelopmentProgramme.StadtumbauWest, ProgrammeAreaStatus.Laufend, 2009, null);
        var member = await factory.CreateClientSignedInAsync(Roles.MemberStaff);
        var otherMember = await factory.CreateClientSignedInAsync(Roles.Expert);
        // The indexer's own writes come first, so that nothing but this test's changes drops what is kept.
        await Search.SearchFixture.WaitForIndexAsync(factory);
        List<string> Names(AngleSharp.Html.Dom.IHtmlDocument page) => [.. page.QuerySelectorAll(rows).Select(c => c.TextContent.Trim())];
        Assert.Contains(area.Name, Names(await member.GetDocumentAsync(path)));

        // Renamed behind the app's back: nothing drops the kept list, so another member gets the shared one.
        await using (var scope = factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
            await db.Set<ProgrammeArea>().Where(a => a.Id == area.Id).ExecuteUpdateAsync(u => u.SetProperty(a => a.Name, area.Name + " neu"), Ct);
        }

        Assert.Contains(area.Name, Names(await otherMember.GetDocumentAsync(path)));

        // A change saved through the app (a new area) drops it: both members see the current state.
        var added = await factory.AddAreaAsync($"Hafenquartier {Guid.NewGuid():N}", Muenster, UrbanDevelopmentProgramme.StadtumbauWest, ProgrammeAreaStatus.Laufend, 2012, null);
        foreach (var client in new[] { member, otherMember })
        {
            var names = Names(await client.GetDocumentAsync(path));
            Assert.Contains(area.Name + " neu", names);
            Assert.Contains(added.Name, names);
        }
    }
}
