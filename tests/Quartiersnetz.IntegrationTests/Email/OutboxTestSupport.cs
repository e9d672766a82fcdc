using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Data;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.Platform.Email;

namespace Quartiersnetz.IntegrationTests.Email;

/// <summary>Arranges mails the way a feature writes them (EmailOutbox + SaveChanges) and reads the outbox back.</summary>
internal static class OutboxTestSupport
{
    public static string NewRecipient(string prefix = "empfaenger") => $"{prefix}-{Guid.NewGuid():N}@quartiersnetz.test";

    /// <summary>Stores the mails with one SaveChanges, as a feature does, and returns their outbox ids in order.</summary>
    public static async Task<IReadOnlyList<Guid>> EnqueueAsync(QuartiersnetzFactory factory, params EmailMessage[] messages)
    {
        await using var scope = factory.CreateScope();
        var outbox = scope.ServiceProvider.GetRequiredService<EmailOutbox>();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        foreach (var message in messages)
        {
            outbox.Enqueue(message);
        }

        var added = db.ChangeTracker.Entries<OutboxMessage>().Select(e => e.Entity).ToList();
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return added.Select(m => m.Id).ToList();
    }

    public static async Task<List<OutboxMessage>> OutboxRowsAsync(QuartiersnetzFactory factory, IReadOnlyCollection<Guid> ids)
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        return await db.Set<OutboxMessage>().AsNoTracking().Where(m => ids.Contains(m.Id)).ToListAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Polls until <paramref name="condition"/> holds; fails with <paramref name="what"/> after the timeout.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, int timeoutSeconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited {timeoutSeconds} s for: {what}");
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>How often each outbox message reached the SMTP server, by its Message-Id.</summary>
    public static Dictionary<Guid, int> DeliveriesPerMessage(SmtpTestServer smtp, IEnumerable<Guid> ids) =>
        ids.ToDictionary(id => id, id => smtp.Messages.Count(m => m.Message.MessageId == MailDelivery.MessageIdFor(id, EmailSettings.DefaultFromAddress)));
}
