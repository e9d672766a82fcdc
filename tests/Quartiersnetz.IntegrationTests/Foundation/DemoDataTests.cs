using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Accessibility;
using Quartiersnetz.Features.News;
using Quartiersnetz.Features.ProgrammeAreas;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.IntegrationTests.Foundation;

/// <summary>
/// The demo data switch: off, nothing of it exists; on, every feature's samples appear, clearly marked, and a
/// restart adds nothing twice.
/// </summary>
public sealed class DemoDataTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Without_the_switch_there_is_no_demo_data()
    {
        await using var app = new QuartiersnetzFactory();

        var counts = await CountAsync(app);

        Assert.Equal((0, 0, 0), (counts.People, counts.Areas, counts.News));
    }

    [Fact]
    public async Task With_the_switch_the_samples_appear_marked_and_a_restart_adds_none_twice()
    {
        await using var database = TestDatabase.Create();
        await using var smtp = SmtpTestServer.StartOnFreePort();
        (int People, int Areas, int Feedback, int News) first;
        await using (var app = QuartiersnetzFactory.On(database, smtp).WithSetting("DemoData:Enabled", "true"))
        {
            first = await CountAsync(app);
            Assert.Equal(6, first.People);
            Assert.Equal(3, first.Areas);
            Assert.True(first.Feedback >= 1);
            Assert.Equal(1, first.News);

            await using var scope = app.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
            var areas = await db.Set<ProgrammeArea>().AsNoTracking().Where(a => a.IsDemo).ToListAsync(Ct);
            Assert.All(areas, a => Assert.EndsWith("(Beispiel)", a.Name, StringComparison.Ordinal));
            // They passed the office's checks: a boundary has its map copy, the point-only one has none.
            Assert.Equal(2, areas.Count(a => a.BoundaryGeoJson is not null && a.MapGeoJson is not null));

            // The public list shows them like any area.
            var list = await app.CreateBrowserLikeClient().GetDocumentAsync("/programmgebiete?gemeinde=05113000");
            Assert.Contains("Katernberg (Beispiel)", list.QuerySelector("main")!.TextContent, StringComparison.Ordinal);

            // The sample article is published at once: on the home page and readable by visitors.
            var home = await app.CreateBrowserLikeClient().GetDocumentAsync("/");
            Assert.Contains("(Beispiel)", home.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
            var article = await app.CreateBrowserLikeClient().GetDocumentAsync("/aktuelles/" + DemoNews.Slug);
            Assert.EndsWith("(Beispiel)", article.QuerySelector("h1")!.TextContent.Trim(), StringComparison.Ordinal);
        }

        await using (var restarted = QuartiersnetzFactory.On(database, smtp).WithSetting("DemoData:Enabled", "true"))
        {
            Assert.Equal(first, await CountAsync(restarted));
        }
    }

    private static async Task<(int People, int Areas, int Feedback, int News)> CountAsync(QuartiersnetzFactory app)
    {
        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        return (
            await db.Set<UserAccount>().CountAsync(u => u.Email!.EndsWith("@demo.invalid"), Ct),
            await db.Set<ProgrammeArea>().CountAsync(a => a.IsDemo, Ct),
            await db.Set<AccessibilityFeedback>().CountAsync(Ct),
            await db.Set<NewsArticle>().CountAsync(a => a.Slug == DemoNews.Slug, Ct));
    }
}
