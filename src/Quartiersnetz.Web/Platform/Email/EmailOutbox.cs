using Quartiersnetz.Data;

namespace Quartiersnetz.Platform.Email;

/// <summary>
/// A mail to be sent: plain text always (readable everywhere), HTML optional, attachments optional, extra header fields
/// optional (e.g. List-Unsubscribe for newsletters; names and values on one line each).
/// </summary>
internal sealed record EmailMessage(
    string ToAddress, string? ToName, string Subject, string TextBody, string? HtmlBody = null, IReadOnlyList<EmailAttachment>? Attachments = null,
    IReadOnlyList<KeyValuePair<string, string>>? Headers = null);

/// <summary>
/// An attachment, stored with the mail and deleted after sending: text such as an .ics file as it is, or
/// binary content such as a PDF as base64 (<see cref="IsBase64"/>).
/// </summary>
internal sealed record EmailAttachment(string FileName, string ContentType, string Content, bool IsBase64 = false)
{
    public static EmailAttachment Binary(string fileName, string contentType, byte[] content) =>
        new(fileName, contentType, Convert.ToBase64String(content), IsBase64: true);
}

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
        var stored = new OutboxMessage
        {
            ToAddress = message.ToAddress,
            ToName = message.ToName,
            Subject = message.Subject,
            TextBody = message.TextBody,
            HtmlBody = message.HtmlBody,
            Headers = OutboxHeaders.Serialize(message.Headers),
            CreatedAtUtc = now,
            NextAttemptAtUtc = now,
        };
        db.Set<OutboxMessage>().Add(stored);
        foreach (var (attachment, position) in (message.Attachments ?? []).Select((a, i) => (a, i)))
        {
            db.Set<OutboxAttachment>().Add(new OutboxAttachment
            {
                MessageId = stored.Id, Position = position, FileName = attachment.FileName, ContentType = attachment.ContentType,
                Content = attachment.Content, IsBase64 = attachment.IsBase64,
            });
        }

        if (!_wakeAfterSave)
        {
            // Wake the sender only once the row is committed; before that it could not see the mail.
            _wakeAfterSave = true;
            db.SavedChanges += (_, _) => signal.Wake();
        }
    }
}

/// <summary>Extra header fields as stored with an outbox message: one "Name: value" per line.</summary>
internal static class OutboxHeaders
{
    public static string? Serialize(IReadOnlyList<KeyValuePair<string, string>>? headers)
    {
        if (headers is null || headers.Count == 0)
        {
            return null;
        }

        foreach (var (name, value) in headers)
        {
            // A line break would let a value start a header of its own (header injection): a bug of the caller.
            if (name.Length == 0 || name.Any(c => c is ':' or '\r' or '\n' || char.IsWhiteSpace(c)) || value.Any(c => c is '\r' or '\n'))
            {
                throw new ArgumentException($"Header field '{name}' is not a single line.", nameof(headers));
            }
        }

        return string.Join('\n', headers.Select(h => h.Key + ": " + h.Value));
    }

    public static IEnumerable<KeyValuePair<string, string>> Parse(string? stored)
    {
        if (string.IsNullOrEmpty(stored))
        {
            yield break;
        }

        foreach (var line in stored.Split('\n'))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                yield return new KeyValuePair<string, string>(line[..colon], line[(colon + 1)..].TrimStart());
            }
        }
    }
}
