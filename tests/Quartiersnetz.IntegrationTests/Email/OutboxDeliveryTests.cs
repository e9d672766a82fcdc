using System.Net;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Quartiersnetz.Data;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.Platform.Email;
using static Quartiersnetz.IntegrationTests.Email.OutboxTestSupport;

namespace Quartiersnetz.IntegrationTests.Email;

public sealed class OutboxDeliveryTests(QuartiersnetzFactory factory) : IClassFixture<QuartiersnetzFactory>
{
    [Fact]
    public async Task A_queued_mail_arrives_by_SMTP_with_German_subject_text_and_a_working_link()
    {
        var to = NewRecipient("jördis");
        const string subject = "Einladung: Netzwerktreffen „Grün in der Stadt“ – Größe, Übermut & Weiß";
        var text = "Guten Tag Frau Ünal,\n\nwir laden Sie herzlich ein. Alle Städte und Gemeinden finden Sie hier:\n"
            + "http://localhost/gemeinden?name=K%C3%B6ln\n\nMit freundlichen Grüßen\nIhre Geschäftsstelle";
        var ids = await EnqueueAsync(factory, new EmailMessage(to, "Jördis Ünal", subject, text));

        var mail = await factory.Mailbox.WaitForMailAsync(to);

        Assert.Equal(subject, mail.Subject);
        Assert.Contains("Guten Tag Frau Ünal,", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Mit freundlichen Grüßen", mail.TextBody, StringComparison.Ordinal);
        var client = factory.CreateBrowserLikeClient();
        var page = await client.GetDocumentAsync(mail.LinkPath("/gemeinden"));
        Assert.Contains("Köln", page.QuerySelector("table")?.TextContent, StringComparison.Ordinal);

        var received = Assert.Single(factory.Smtp.Messages, m => m.EnvelopeRecipients.Contains(to));
        var message = received.Message;
        Assert.Equal(MailDelivery.MessageIdFor(ids[0], EmailSettings.DefaultFromAddress), message.MessageId);
        var from = Assert.Single(message.From.Mailboxes);
        Assert.Equal(EmailSettings.DefaultFromAddress, from.Address);
        Assert.Equal(EmailSettings.DefaultFromName, from.Name);
        var recipient = Assert.Single(message.To.Mailboxes);
        Assert.Equal("Jördis Ünal", recipient.Name);
        var body = Assert.IsType<TextPart>(message.Body);
        Assert.True(body.IsPlain);
        Assert.Equal("utf-8", body.ContentType.Charset, ignoreCase: true);
    }

    [Fact]
    public async Task A_mail_with_HTML_arrives_as_text_with_an_HTML_alternative()
    {
        var to = NewRecipient();
        await EnqueueAsync(factory, new EmailMessage(to, null, "Neue Veröffentlichung", "Lesen Sie den Bericht über Quartiere.",
            "<p>Lesen Sie den <strong>Bericht</strong> über Quartiere.</p>"));

        await factory.Mailbox.WaitForMailAsync(to);

        var message = Assert.Single(factory.Smtp.Messages, m => m.EnvelopeRecipients.Contains(to)).Message;
        Assert.IsType<MultipartAlternative>(message.Body);
        Assert.Equal("Lesen Sie den Bericht über Quartiere.", message.TextBody?.Trim());
        Assert.Contains("<strong>Bericht</strong> über", message.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sent_mail_keeps_recipient_subject_and_times_but_not_its_body()
    {
        var to = NewRecipient();
        var ids = await EnqueueAsync(factory, new EmailMessage(to, "Kim Beispiel", "Ihr Link zum Passwort",
            "Setzen Sie Ihr Passwort: http://localhost/konto/passwort?token=geheimes-token-123", "<a href=\"http://localhost/konto/passwort?token=geheimes-token-123\">Passwort setzen</a>"));

        await factory.Mailbox.WaitForMailAsync(to);
        await WaitUntilAsync(async () => (await OutboxRowsAsync(factory, ids)).Single().Status == OutboxStatus.Sent, "the mail is marked as sent");

        var row = (await OutboxRowsAsync(factory, ids)).Single();
        Assert.Equal(to, row.ToAddress);
        Assert.Equal("Ihr Link zum Passwort", row.Subject);
        Assert.Equal(string.Empty, row.TextBody);
        Assert.Null(row.HtmlBody);
        Assert.NotNull(row.SentAtUtc);
        Assert.True(row.SentAtUtc >= row.CreatedAtUtc);
        Assert.Null(row.LockToken);
        Assert.Null(row.LockedUntilUtc);
        Assert.Null(row.LastError);
    }

    [Fact]
    public async Task A_recipient_the_server_refuses_for_good_becomes_a_dead_letter_at_once()
    {
        var refused = NewRecipient(SmtpTestServer.RefusedPrefix.TrimEnd('-'));
        var fine = NewRecipient();
        var ids = await EnqueueAsync(factory,
            new EmailMessage(refused, null, "Einladung", "Text"),
            new EmailMessage(fine, null, "Einladung", "Text"));

        await factory.Mailbox.WaitForMailAsync(fine);
        await WaitUntilAsync(async () => (await OutboxRowsAsync(factory, ids)).Single(m => m.Id == ids[0]).Status == OutboxStatus.DeadLetter,
            "the refused mail is given up");

        var row = (await OutboxRowsAsync(factory, ids)).Single(m => m.Id == ids[0]);
        Assert.Equal(1, row.Attempts);
        Assert.Contains("SmtpCommandException", row.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain(factory.Smtp.Messages, m => m.EnvelopeRecipients.Contains(refused, StringComparer.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Sent_mails_are_deleted_after_the_retention_period_and_newer_ones_stay()
    {
        var old = NewRecipient();
        var recent = NewRecipient();
        var pending = NewRecipient();
        var now = DateTime.UtcNow;
        await using (var scope = factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
            db.AddRange(
                new OutboxMessage { ToAddress = old, Subject = "alt", TextBody = "", CreatedAtUtc = now.AddDays(-40), Status = OutboxStatus.Sent, SentAtUtc = now.AddDays(-31) },
                new OutboxMessage { ToAddress = recent, Subject = "neu", TextBody = "", CreatedAtUtc = now.AddDays(-29), Status = OutboxStatus.Sent, SentAtUtc = now.AddDays(-29) },
                new OutboxMessage { ToAddress = pending, Subject = "wartet", TextBody = "x", CreatedAtUtc = now.AddDays(-40), Status = OutboxStatus.DeadLetter, NextAttemptAtUtc = now.AddDays(-40) });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await WaitUntilAsync(async () => !await AnyTo(old), "the mail sent 31 days ago is deleted");

        Assert.True(await AnyTo(recent));
        Assert.True(await AnyTo(pending));
    }

    private async Task<bool> AnyTo(string address)
    {
        await using var scope = factory.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>().Set<OutboxMessage>()
            .AnyAsync(m => m.ToAddress == address, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task The_outbox_page_is_for_the_office_only()
    {
        var member = await factory.CreateClientSignedInAsync(Platform.Auth.Roles.MemberStaff);
        using var response = await member.GetAsync(new Uri("/geschaeftsstelle/postausgang", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);

        var office = await factory.CreateClientSignedInAsync(Platform.Auth.Roles.Office);
        var dashboard = await office.GetDocumentAsync("/geschaeftsstelle");
        Assert.NotNull(dashboard.QuerySelector("main a[href='/geschaeftsstelle/postausgang']"));
        var page = await office.GetDocumentAsync("/geschaeftsstelle/postausgang");
        Assert.Equal("Postausgang", page.QuerySelector("h1")?.TextContent);
    }
}
