using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Email;

namespace Quartiersnetz.IntegrationTests.Infrastructure;

/// <summary>A mail as the recipient sees it.</summary>
public sealed partial record ReceivedMail(string To, string Subject, string TextBody)
{
    /// <summary>All http(s) links in the text body, in order.</summary>
    public IReadOnlyList<string> Links() => LinkPattern().Matches(TextBody).Select(m => m.Value).ToList();

    /// <summary>The path and query of the first link that contains <paramref name="pathPart"/>, for use with the test client.</summary>
    public string LinkPath(string pathPart)
    {
        var link = Links().FirstOrDefault(l => l.Contains(pathPart, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"No link containing '{pathPart}' in mail '{Subject}':\n{TextBody}");
        return new Uri(link).PathAndQuery;
    }

    [GeneratedRegex(@"https?://[^\s<>""]+")]
    private static partial Regex LinkPattern();
}

/// <summary>
/// What the app's mails look like to their recipients: the messages the factory's SMTP server received
/// (envelope recipient, decoded subject, decoded plain-text body). Nothing here reads the outbox table
/// except to know whether the app is still about to send something.
/// </summary>
public sealed class Mailbox(QuartiersnetzFactory factory)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Every mail to <paramref name="to"/> so far, oldest first. Mails the app has stored but not yet tried
    /// to send are waited for (up to 15 s), so a test may count mails right after the action that wrote them.
    /// </summary>
    public async Task<IReadOnlyList<ReceivedMail>> MailsToAsync(string to)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (await NotYetTriedAsync(to) > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        return Received(to);
    }

    /// <summary>Waits (up to 15 s) for a mail to <paramref name="to"/> that matches, and returns the newest such mail.</summary>
    public async Task<ReceivedMail> WaitForMailAsync(string to, Func<ReceivedMail, bool>? match = null)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var mail = Received(to).LastOrDefault(m => match is null || match(m));
            if (mail is not null)
            {
                return mail;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No mail to {to} arrived at the test SMTP server within {Patience.TotalSeconds:0} s. "
                    + $"Received for: {string.Join(", ", factory.Smtp.Messages.SelectMany(m => m.EnvelopeRecipients).Distinct())}. Outbox: {await OutboxStateAsync(to)}");
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    private List<ReceivedMail> Received(string to) =>
        factory.Smtp.Messages
            .Where(m => m.EnvelopeRecipients.Contains(to, StringComparer.OrdinalIgnoreCase))
            .Select(m => new ReceivedMail(to, m.Message.Subject ?? string.Empty, m.Message.TextBody ?? string.Empty))
            .ToList();

    private async Task<string> OutboxStateAsync(string to)
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        var rows = await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.ToAddress == to)
            .Select(m => new { m.Status, m.Attempts, m.LastError }).ToListAsync(TestContext.Current.CancellationToken);
        return string.Join("; ", rows.Select(r => $"{r.Status} after {r.Attempts} attempt(s) {r.LastError}"));
    }

    private async Task<int> NotYetTriedAsync(string to)
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        return await db.Set<OutboxMessage>().AsNoTracking()
            .CountAsync(m => m.ToAddress == to && m.Status == OutboxStatus.Pending && m.Attempts == 0, TestContext.Current.CancellationToken);
    }
}
