namespace Quartiersnetz.Platform.Email;

/// <summary>
/// Hears about recipients the SMTP server refused for good (5xx on RCPT TO) while sending from the outbox, so a feature
/// can stop mailing an address that does not exist. Registered as scoped services; called once per refused mail.
/// </summary>
internal interface IRefusedRecipientObserver
{
    Task RecipientRefusedAsync(string address, string error, CancellationToken cancellationToken);
}
