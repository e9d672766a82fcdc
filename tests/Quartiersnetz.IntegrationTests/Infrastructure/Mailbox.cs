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
/// What the app's mails look like to their recipients. Tests ask this instead of the database, so the
/// same test asserts the real delivery once the app sends through SMTP.
/// </summary>
public sealed class Mailbox(QuartiersnetzFactory factory)
{
    /// <summary>Every mail to <paramref name="to"/> so far, oldest first.</summary>
    public async Task<IReadOnlyList<ReceivedMail>> MailsToAsync(string to)
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        var rows = await db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.ToAddress == to)
            .OrderBy(m => m.CreatedAtUtc)
            .Select(m => new { m.ToAddress, m.Subject, m.TextBody })
            .ToListAsync(TestContext.Current.CancellationToken);
        return rows.Select(r => new ReceivedMail(r.ToAddress, r.Subject, r.TextBody)).ToList();
    }

    /// <summary>Waits (up to 10 s) for a mail to <paramref name="to"/> that matches, and returns the newest such mail.</summary>
    public async Task<ReceivedMail> WaitForMailAsync(string to, Func<ReceivedMail, bool>? match = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var mail = (await MailsToAsync(to)).LastOrDefault(m => match is null || match(m));
            if (mail is not null)
            {
                return mail;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No mail to {to} arrived.");
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
