using System.Text;
using MailKit.Net.Smtp;
using MimeKit;
using MimeKit.Text;

namespace Quartiersnetz.Platform.Email;

/// <summary>
/// Hands one message to the SMTP server (keeping the connection open for the next one of the same pass),
/// or, with no SMTP host configured, writes it as an .eml file into the pickup folder.
/// </summary>
internal sealed class MailDelivery(EmailSettings settings, TimeProvider clock) : IAsyncDisposable
{
    private SmtpClient? _smtp;

    /// <summary>
    /// The message as it goes out. The Message-Id is derived from the outbox id, so a message that is sent
    /// again after a crash between "sent" and "marked as sent" can be recognised as the same one.
    /// </summary>
    public MimeMessage Compose(OutboxMessage message, IReadOnlyList<OutboxAttachment> attachments)
    {
        var mime = new MimeMessage
        {
            MessageId = MessageIdFor(message.Id, settings.FromAddress),
            Date = clock.GetUtcNow(),
            Subject = message.Subject,
        };
        mime.From.Add(new MailboxAddress(settings.FromName, settings.FromAddress));
        mime.To.Add(new MailboxAddress(message.ToName ?? string.Empty, message.ToAddress));
        foreach (var (name, value) in OutboxHeaders.Parse(message.Headers))
        {
            mime.Headers.Add(name, value);
        }

        var text = new TextPart(TextFormat.Plain) { ContentTransferEncoding = ContentEncoding.QuotedPrintable };
        text.SetText(Encoding.UTF8, message.TextBody);
        if (string.IsNullOrEmpty(message.HtmlBody))
        {
            mime.Body = text;
        }
        else
        {
            var html = new TextPart(TextFormat.Html) { ContentTransferEncoding = ContentEncoding.QuotedPrintable };
            html.SetText(Encoding.UTF8, message.HtmlBody);
            mime.Body = new MultipartAlternative { text, html };
        }

        if (attachments.Count > 0)
        {
            var mixed = new Multipart("mixed") { mime.Body };
            foreach (var a in attachments.OrderBy(a => a.Position))
            {
                mixed.Add(new MimePart(ContentType.Parse(a.ContentType))
                {
                    Content = new MimeContent(new MemoryStream(a.IsBase64 ? Convert.FromBase64String(a.Content) : Encoding.UTF8.GetBytes(a.Content))),
                    ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
                    ContentTransferEncoding = ContentEncoding.Base64,
                    FileName = a.FileName,
                });
            }

            mime.Body = mixed;
        }

        return mime;
    }

    public static string MessageIdFor(Guid id, string fromAddress)
    {
        var at = fromAddress.LastIndexOf('@');
        var domain = at >= 0 ? fromAddress[(at + 1)..] : "quartiersnetz.local";
        return $"outbox-{id:N}@{domain}";
    }

    public async Task DeliverAsync(Guid id, MimeMessage mime, CancellationToken cancellationToken)
    {
        if (!settings.UsesSmtp)
        {
            await WriteToPickupFolderAsync(id, mime, cancellationToken);
            return;
        }

        try
        {
            var smtp = await ConnectedClientAsync(cancellationToken);
            // Envelope addresses always in ASCII: internationalised domains go out IDN-encoded (xn--…) even when
            // the server offers SMTPUTF8, since relays further on may not; non-ASCII local parts are refused
            // when an address is entered, so nothing needs SMTPUTF8.
            smtp.Capabilities &= ~SmtpCapabilities.UTF8;
            await smtp.SendAsync(mime, cancellationToken);
        }
        catch
        {
            // After any failure the connection state is unknown; the next message starts a fresh one.
            await CloseAsync();
            throw;
        }
    }

    private async Task WriteToPickupFolderAsync(Guid id, MimeMessage mime, CancellationToken cancellationToken)
    {
        var folder = settings.PickupFolder;
        Directory.CreateDirectory(folder);
        var target = Path.Combine(folder, $"{id:N}.eml");
        // Written under a temporary name first, so whoever watches the folder never reads half a message.
        var temporary = Path.Combine(folder, $".{id:N}.{Guid.NewGuid():N}.tmp");
        await mime.WriteToAsync(temporary, cancellationToken);
        File.Move(temporary, target, overwrite: true);
    }

    private async Task<SmtpClient> ConnectedClientAsync(CancellationToken cancellationToken)
    {
        if (_smtp is { IsConnected: true })
        {
            return _smtp;
        }

        await CloseAsync();
        var smtp = new SmtpClient
        {
            // Well below the claim's lock duration, so no other node takes the message over while this one still sends it.
            Timeout = (int)Math.Min(30_000, settings.LockDuration.TotalMilliseconds / 2),
        };
        _smtp = smtp;
        await smtp.ConnectAsync(settings.SmtpHost!, settings.SmtpPort, settings.SocketOptions, cancellationToken);
        if (settings.SmtpUserName is not null)
        {
            await smtp.AuthenticateAsync(settings.SmtpUserName, settings.SmtpPassword ?? string.Empty, cancellationToken);
        }

        return smtp;
    }

    public async Task CloseAsync()
    {
        if (_smtp is null)
        {
            return;
        }

        var smtp = _smtp;
        _smtp = null;
        try
        {
            if (smtp.IsConnected)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await smtp.DisconnectAsync(quit: true, timeout.Token);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The server went away first; nothing to close politely.
        }
        finally
        {
            smtp.Dispose();
        }
    }

    public async ValueTask DisposeAsync() => await CloseAsync();
}
