using MimeKit;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.Platform.Email;
using static Quartiersnetz.IntegrationTests.Email.OutboxTestSupport;

namespace Quartiersnetz.IntegrationTests.Email;

/// <summary>The app as it runs with zero set-up: no SMTP host, mails become files.</summary>
public sealed class PickupFolderFactory : QuartiersnetzFactory
{
    public PickupFolderFactory()
    {
        WithSetting("Email:Smtp:Host", "");
        WithSetting("Email:PickupDirectory", Folder);
    }

    /// <summary>Does not exist yet: the app creates it.</summary>
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "qn-tests", "pickup-" + Guid.NewGuid().ToString("N"), "mail");

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        var parent = Path.GetDirectoryName(Folder)!;
        if (Directory.Exists(parent))
        {
            Directory.Delete(parent, recursive: true);
        }
    }
}

public sealed class PickupFolderTests(PickupFolderFactory factory) : IClassFixture<PickupFolderFactory>
{
    [Fact]
    public async Task Without_an_SMTP_host_a_mail_is_written_as_eml_file_into_the_pickup_folder()
    {
        var to = NewRecipient();
        var ids = await EnqueueAsync(factory, new EmailMessage(to, "Ömer Çelik", "Bestätigung Ihrer Anmeldung – Fortbildung „Quartiersarbeit“",
            "Sie sind angemeldet. Details: http://localhost/gemeinden"));

        var file = Path.Combine(factory.Folder, $"{ids[0]:N}.eml");
        await WaitUntilAsync(() => Task.FromResult(File.Exists(file)), $"{file} is written");
        await WaitUntilAsync(async () => (await OutboxRowsAsync(factory, ids)).Single().Status == OutboxStatus.Sent, "the mail is marked as sent");

        var message = await MimeMessage.LoadAsync(file, TestContext.Current.CancellationToken);
        Assert.Equal("Bestätigung Ihrer Anmeldung – Fortbildung „Quartiersarbeit“", message.Subject);
        Assert.Equal(to, Assert.Single(message.To.Mailboxes).Address);
        Assert.Equal("Ömer Çelik", Assert.Single(message.To.Mailboxes).Name);
        Assert.Contains("Sie sind angemeldet.", message.TextBody, StringComparison.Ordinal);
        Assert.Equal(MailDelivery.MessageIdFor(ids[0], EmailSettings.DefaultFromAddress), message.MessageId);
        Assert.Empty(Directory.GetFiles(factory.Folder, "*.tmp"));
        Assert.Empty(factory.Smtp.Messages);
    }
}
