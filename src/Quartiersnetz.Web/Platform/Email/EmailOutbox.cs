using Quartiersnetz.Data;

namespace Quartiersnetz.Platform.Email;

/// <summary>A mail to be sent: plain text always (readable everywhere), HTML optional, one text attachment optional.</summary>
internal sealed record EmailMessage(string ToAddress, string? ToName, string Subject, string TextBody, string? HtmlBody = null, EmailAttachment? Attachment = null);

/// <summary>A small text attachment such as an .ics file; stored with the mail and erased with the body after sending.</summary>
internal sealed record EmailAttachment(string FileName, string ContentType, string Content);

/// <summary>
/// Puts mails into the outbox table. It only adds to the caller's DbContext: the mail is stored by the
/// caller's SaveChanges, in the same transaction as the change it reports, and sent later.
/// </summary>
internal sealed class EmailOutbox(QuartiersnetzDbContext db, TimeProvider clock, OutboxSignal signal)
{
    private bool _wakeAfterSave;

    public void Enqueue(EmailMessage message)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        db.Set<OutboxMessage>().Add(new OutboxMessage
        {
            ToAddress = message.ToAddress,
            ToName = message.ToName,
            Subject = message.Subject,
            TextBody = message.TextBody,
            HtmlBody = message.HtmlBody,
            AttachmentFileName = message.Attachment?.FileName,
            AttachmentContentType = message.Attachment?.ContentType,
            AttachmentContent = message.Attachment?.Content,
            CreatedAtUtc = now,
            NextAttemptAtUtc = now,
        });

        if (!_wakeAfterSave)
        {
            // Wake the sender only once the row is committed; before that it could not see the mail.
            _wakeAfterSave = true;
            db.SavedChanges += (_, _) => signal.Wake();
        }
    }
}
