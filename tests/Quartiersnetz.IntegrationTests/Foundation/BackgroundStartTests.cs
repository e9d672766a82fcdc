using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.IntegrationTests.Search;
using Quartiersnetz.Platform.Search;

namespace Quartiersnetz.IntegrationTests.Foundation;

/// <summary>
/// The background jobs wait <c>BackgroundJobs:StartDelaySeconds</c> after the app has started before their first pass,
/// so the first visitors do not share the two cores with nine jobs' first work (the cold start, bench/).
/// </summary>
public sealed class BackgroundStartTests
{
    [Fact]
    public async Task Background_work_waits_for_the_start_delay_and_then_catches_up()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var factory = new QuartiersnetzFactory().WithSetting("BackgroundJobs:StartDelaySeconds", "4");
        var clock = Stopwatch.StartNew();
        var home = await factory.CreateClient().GetAsync(new Uri("/", UriKind.Relative), ct);
        Assert.True(home.IsSuccessStatusCode, $"The app answers at once: {(int)home.StatusCode}");

        await using (var scope = factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
            db.Add(Topic.Create("Anlaufzeit Grauammer", null, "Ein Thema, das der Suchindex erst nach der Anlaufzeit aufnimmt."));
            await db.SaveChangesAsync(ct);
        }

        // The change is queued at once; the indexer, woken by it, still waits.
        await Task.Delay(TimeSpan.FromSeconds(1), ct);
        await using (var scope = factory.CreateScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>().Set<SearchIndexPending>().AnyAsync(ct),
                "The search index worked before the start delay had passed.");
        }

        await SearchFixture.WaitForIndexAsync(factory);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(3), $"Indexed after {clock.Elapsed.TotalSeconds:0.0} s, before the delay of 4 s.");
        Assert.Equal(["Anlaufzeit Grauammer"], SearchFixture.Titles(await SearchFixture.SearchAsync(factory.CreateClient(), "q=Grauammer")));
    }
}
