using System.Net;
using System.Text.RegularExpressions;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Email;
using static Quartiersnetz.IntegrationTests.Email.OutboxTestSupport;

namespace Quartiersnetz.IntegrationTests.Email;

/// <summary>
/// No mail is lost and none is sent twice: with the SMTP server down for a while, across an app restart, with
/// two app nodes on one database, and after the office sends a given-up mail again. Each test has its own
/// database and SMTP server, so it can stop and start them and run several app instances on them.
/// </summary>
public sealed partial class OutboxResilienceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Mails_wait_with_backoff_while_the_SMTP_server_is_down_and_arrive_exactly_once_when_it_is_back()
    {
        await using var database = TestDatabase.Create();
        await using var smtp = SmtpTestServer.StartOnFreePort();
        await smtp.StopAsync();
        await using var app = QuartiersnetzFactory.On(database, smtp).WithSetting("Email:RetryBaseDelay", "00:00:00.3");
        var ids = await EnqueueAsync(app, Enumerable.Range(1, 5)
            .Select(i => new EmailMessage(NewRecipient($"ausfall{i}"), null, "Erinnerung: Netzwerktreffen am Dienstag", $"Wir freuen uns auf Sie ({i}).")).ToArray());

        await WaitUntilAsync(async () => (await OutboxRowsAsync(app, ids)).All(m => m.Attempts >= 3), "three failed attempts for every mail");

        Assert.Empty(smtp.Messages);
        Assert.All(await OutboxRowsAsync(app, ids), m =>
        {
            Assert.Equal(OutboxStatus.Pending, m.Status);
            Assert.False(string.IsNullOrWhiteSpace(m.LastError));
            Assert.NotEqual(string.Empty, m.TextBody);
            // Waits of 0.3 s, 0.6 s, 1.2 s …: after n failures the next attempt lies at least 0.3 s × (2^n − 1) after writing.
            Assert.True(m.NextAttemptAtUtc >= m.CreatedAtUtc + TimeSpan.FromSeconds(0.3 * (Math.Pow(2, m.Attempts) - 1)),
                $"Attempt {m.Attempts}: next attempt {m.NextAttemptAtUtc:O} is too early after {m.CreatedAtUtc:O}.");
        });

        var office = await app.CreateClientSignedInAsync(Roles.Office);
        var page = await office.GetDocumentAsync("/geschaeftsstelle/postausgang");
        var row = page.QuerySelector($"tr[data-id='{ids[0]}']");
        Assert.NotNull(row);
        Assert.Contains("Wartend", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Erinnerung: Netzwerktreffen am Dienstag", row.TextContent, StringComparison.Ordinal);
        Assert.Matches(BerlinDateTime(), row.TextContent);
        Assert.Null(row.QuerySelector("form"));

        smtp.Start();
        await WaitUntilAsync(async () => (await OutboxRowsAsync(app, ids)).All(m => m.Status == OutboxStatus.Sent), "every mail is sent");
        await AssertEachDeliveredOnceAsync(smtp, ids);
    }

    [Fact]
    public async Task Mails_pending_when_the_app_restarts_are_delivered_exactly_once_by_the_new_instance()
    {
        await using var database = TestDatabase.Create();
        await using var smtp = SmtpTestServer.StartOnFreePort();
        await smtp.StopAsync();
        var before = QuartiersnetzFactory.On(database, smtp);
        var ids = await EnqueueAsync(before, Enumerable.Range(1, 5)
            .Select(i => new EmailMessage(NewRecipient($"neustart{i}"), null, "Ihre Einladung", $"Nachricht {i}")).ToArray());
        await WaitUntilAsync(async () => (await OutboxRowsAsync(before, ids)).All(m => m.Attempts >= 1), "a failed attempt for every mail");
        await before.DisposeAsync();

        smtp.Start();
        await using var after = QuartiersnetzFactory.On(database, smtp);
        await WaitUntilAsync(async () => (await OutboxRowsAsync(after, ids)).All(m => m.Status == OutboxStatus.Sent), "every mail is sent after the restart");
        await AssertEachDeliveredOnceAsync(smtp, ids);
    }

    [Fact]
    public async Task An_app_stopped_in_the_middle_of_sending_leaves_no_mail_lost_or_doubled()
    {
        await using var database = TestDatabase.Create();
        await using var smtp = SmtpTestServer.StartOnFreePort();
        var before = QuartiersnetzFactory.On(database, smtp);
        var ids = await EnqueueAsync(before, Enumerable.Range(1, 40)
            .Select(i => new EmailMessage(NewRecipient($"stopp{i}"), null, "Rundschreiben", $"Nachricht {i}")).ToArray());
        await WaitUntilAsync(() => Task.FromResult(smtp.Messages.Count > 0), "the first mail is sent");
        await before.DisposeAsync();

        await using var after = QuartiersnetzFactory.On(database, smtp);
        await WaitUntilAsync(async () => (await OutboxRowsAsync(after, ids)).All(m => m.Status == OutboxStatus.Sent), "every mail is sent after the restart");
        await AssertEachDeliveredOnceAsync(smtp, ids);
    }

    [Fact]
    public async Task Two_app_nodes_on_one_database_send_each_mail_exactly_once()
    {
        await using var database = TestDatabase.Create();
        await using var smtp = SmtpTestServer.StartOnFreePort();
        await using var nodeA = QuartiersnetzFactory.On(database, smtp).WithSetting("Email:PollInterval", "00:00:00.05").WithSetting("Email:FromName", "Knoten A");
        _ = nodeA.Services;
        await using var nodeB = QuartiersnetzFactory.On(database, smtp).WithSetting("Email:PollInterval", "00:00:00.05").WithSetting("Email:FromName", "Knoten B");
        _ = nodeB.Services;

        // Half the mails are written on each node, so both are woken at once and compete for the same rows.
        var written = await Task.WhenAll(
            EnqueueAsync(nodeA, Mails("a", 20)),
            EnqueueAsync(nodeB, Mails("b", 20)));
        var ids = written.SelectMany(i => i).ToList();

        await WaitUntilAsync(async () => (await OutboxRowsAsync(nodeA, ids)).All(m => m.Status == OutboxStatus.Sent), "every mail is sent");
        await AssertEachDeliveredOnceAsync(smtp, ids);
        var byNode = smtp.Messages.GroupBy(m => m.Message.From.Mailboxes.Single().Name).Select(g => $"{g.Key}: {g.Count()}");
        TestContext.Current.TestOutputHelper?.WriteLine("Sent per node: " + string.Join(", ", byNode));

        static EmailMessage[] Mails(string node, int count) => Enumerable.Range(1, count)
            .Select(i => new EmailMessage(NewRecipient($"knoten-{node}{i}"), null, "Neuigkeiten aus dem Netzwerk", $"Nachricht {node}{i}")).ToArray();
    }

    [Fact]
    public async Task A_mail_given_up_after_the_last_attempt_is_shown_to_the_office_and_sent_after_Erneut_versuchen()
    {
        await using var database = TestDatabase.Create();
        await using var smtp = SmtpTestServer.StartOnFreePort();
        await smtp.StopAsync();
        await using var app = QuartiersnetzFactory.On(database, smtp)
            .WithSetting("Email:MaxAttempts", "2")
            .WithSetting("Email:RetryBaseDelay", "00:00:00.2");
        var to = NewRecipient("unzustellbar");
        var ids = await EnqueueAsync(app, new EmailMessage(to, "Rüdiger Weiß", "Zugang zum Quartiersnetz", "Ihr Zugang: http://localhost/anmelden"));

        await WaitUntilAsync(async () => (await OutboxRowsAsync(app, ids)).Single().Status == OutboxStatus.DeadLetter, "the mail is given up");
        var dead = (await OutboxRowsAsync(app, ids)).Single();
        Assert.Equal(2, dead.Attempts);
        Assert.False(string.IsNullOrWhiteSpace(dead.LastError));

        var office = await app.CreateClientSignedInAsync(Roles.Office);
        var page = await office.GetDocumentAsync("/geschaeftsstelle/postausgang");
        Assert.Equal("1", page.QuerySelector("dd[data-status=dead-letter]")?.TextContent.Trim());
        var row = page.QuerySelector($"tr[data-id='{ids[0]}']");
        Assert.NotNull(row);
        Assert.Contains(to, row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Zugang zum Quartiersnetz", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Unzustellbar", row.TextContent, StringComparison.Ordinal);
        Assert.Contains(dead.LastError!, row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Erneut versuchen", row.QuerySelector("form button")?.TextContent, StringComparison.Ordinal);
        Assert.Empty(smtp.Messages);

        smtp.Start();
        using var retried = await office.SubmitFormAsync("/geschaeftsstelle/postausgang", new Dictionary<string, string>(), $"tr[data-id='{ids[0]}'] form");
        Assert.Equal(HttpStatusCode.Redirect, retried.StatusCode);
        var confirmation = await office.GetDocumentAsync(retried.Headers.Location!.OriginalString);
        Assert.Contains("Die E-Mail wird erneut gesendet.", confirmation.QuerySelector("[role=status]")?.TextContent, StringComparison.Ordinal);

        var mail = await app.Mailbox.WaitForMailAsync(to);
        Assert.Equal("Zugang zum Quartiersnetz", mail.Subject);
        Assert.Equal("/anmelden", mail.LinkPath("/anmelden"));
        await WaitUntilAsync(async () => (await OutboxRowsAsync(app, ids)).Single().Status == OutboxStatus.Sent, "the requeued mail is marked as sent");
        await AssertEachDeliveredOnceAsync(smtp, ids);
        var after = await office.GetDocumentAsync("/geschaeftsstelle/postausgang");
        Assert.Null(after.QuerySelector($"tr[data-id='{ids[0]}']"));
        Assert.Equal("0", after.QuerySelector("dd[data-status=dead-letter]")?.TextContent.Trim());
    }

    /// <summary>Waits a little longer than a poll and a retry would take, then counts every delivery.</summary>
    private static async Task AssertEachDeliveredOnceAsync(SmtpTestServer smtp, IReadOnlyCollection<Guid> ids)
    {
        await Task.Delay(TimeSpan.FromSeconds(1.5), Ct);
        var deliveries = DeliveriesPerMessage(smtp, ids);
        var wrong = deliveries.Where(d => d.Value != 1).Select(d => $"{d.Key}: {d.Value}×").ToList();
        Assert.True(wrong.Count == 0, "Not delivered exactly once: " + string.Join(", ", wrong));
        Assert.Equal(ids.Count, smtp.Messages.Count);
    }

    [GeneratedRegex(@"\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2} Uhr")]
    private static partial Regex BerlinDateTime();
}
