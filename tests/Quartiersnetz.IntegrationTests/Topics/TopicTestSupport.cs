using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.IntegrationTests.Profile;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Privacy;

namespace Quartiersnetz.IntegrationTests.Topics;

internal static class TopicTestSupport
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A topic with a unique name (and so a unique slug), straight into the database.</summary>
    public static async Task<Topic> CreateTopicAsync(this QuartiersnetzFactory factory, string name, Guid? parentId = null, string? description = null)
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        var topic = Topic.Create($"{name} {Guid.NewGuid().ToString("N")[..8]}", parentId, description);
        db.Add(topic);
        await db.SaveChangesAsync(Ct);
        return topic;
    }

    public static Task<Topic> TopicAsync(this QuartiersnetzFactory factory, Guid id) =>
        factory.QueryAsync(db => db.Set<Topic>().AsNoTracking().SingleAsync(t => t.Id == id, Ct));

    public static Task<List<string>> ItemKeysAsync(this QuartiersnetzFactory factory, Guid topicId) =>
        factory.QueryAsync(db => db.Set<TopicAssignment>().AsNoTracking().Where(a => a.TopicId == topicId)
            .OrderBy(a => a.ItemKey).Select(a => a.ItemKey).ToListAsync(Ct));

    /// <summary>Tags items of any kind with a topic directly.</summary>
    public static async Task AssignAsync(this QuartiersnetzFactory factory, Guid topicId, string kind, params string[] keys)
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        foreach (var key in keys)
        {
            db.Add(new TopicAssignment { TopicId = topicId, ItemKind = kind, ItemKey = key });
        }

        await db.SaveChangesAsync(Ct);
    }

    /// <summary>A person tagged with the topic; listed in the directory unless told otherwise.</summary>
    public static async Task<TestPerson> CreateTaggedPersonAsync(
        this QuartiersnetzFactory factory, Topic topic, string name, ProfileVisibility nameVisibility, bool listed = true)
    {
        var person = await factory.CreatePersonAsync([Roles.Expert], u =>
        {
            u.DisplayName = name;
            u.NameVisibility = nameVisibility;
        });
        await factory.AssignAsync(topic.Id, TopicKinds.Person, person.Id.ToString());
        if (listed)
        {
            await using var scope = factory.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
            db.Add(new ConsentRecord { UserId = person.Id, Kind = ConsentKinds.DirectoryListing, TextVersion = PrivacyNotice.Version, GivenAtUtc = DateTime.UtcNow });
            await db.SaveChangesAsync(Ct);
        }

        return person;
    }
}

/// <summary>
/// Counts the SQL commands a request sends: background jobs (mail sender, search indexer …) are left out, and so is
/// the request's own bookkeeping for them (outbox rows, search index queue).
/// </summary>
public sealed class CommandCounter : DbCommandInterceptor
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Reset() => Volatile.Write(ref _count, 0);

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Tally(command);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Tally(command);
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }

    private void Tally(DbCommand command)
    {
        if (Platform.Hosting.BackgroundWork.Current is null
            && !command.CommandText.Contains("Outbox", StringComparison.OrdinalIgnoreCase)
            && !command.CommandText.Contains("SearchIndexPending", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _count);
        }
    }
}
