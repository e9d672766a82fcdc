using Quartiersnetz.Data;
using Quartiersnetz.Platform.Hosting;

namespace Quartiersnetz.Features.News;

/// <summary>
/// Makes scheduled articles take effect when their time comes: marks them <see cref="NewsArticle.Announced"/> in a
/// SaveChanges, which re-indexes them for their readers (search) and drops the public page cache (ADR 0004), so the home
/// page and the feeds show them within one poll. Each app node polls; two nodes marking the same row write the same value.
/// </summary>
internal sealed partial class NewsPublicationJob(IServiceScopeFactory scopes, TimeProvider clock, BackgroundStart start, ILogger<NewsPublicationJob> logger) : PollingJob(logger, start)
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(15);

    protected override Task RunPassAsync(CancellationToken stoppingToken) => PublishDueAsync(stoppingToken);

    protected override Task WaitAsync(CancellationToken stoppingToken) => Task.Delay(PollInterval, stoppingToken);

    /// <summary>Marks every article whose time has come; returns how many (also called by tests after moving the clock).</summary>
    public async Task<int> PublishDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        var due = await db.Set<NewsArticle>().Where(a => !a.Announced && a.PublishAtUtc != null && a.PublishAtUtc <= now)
            .OrderBy(a => a.PublishAtUtc).ThenBy(a => a.Id).Take(100).ToListAsync(cancellationToken);
        foreach (var article in due)
        {
            article.Announced = true;
        }

        if (due.Count > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return due.Count;
    }
}
