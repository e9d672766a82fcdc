using Quartiersnetz.Data;
using Quartiersnetz.Platform.Privacy;

namespace Quartiersnetz.Platform.Email;

/// <summary>
/// Mails addressed to the person: the outbox keeps recipient, subject and times (bodies are blanked once
/// sent). They are part of "Meine Daten", and deleting the account deletes them, including mails not yet
/// sent — nobody should receive mail for an account that no longer exists.
/// </summary>
internal sealed class OutboxPersonalData(QuartiersnetzDbContext db) : IPersonalDataContributor
{
    public string Section => "E-Mails an Sie";

    public async Task<object?> ExportAsync(Guid userId, CancellationToken cancellationToken)
    {
        var address = await AddressOfAsync(userId, cancellationToken);
        if (address is null)
        {
            return null;
        }

        var mails = await db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.ToAddress == address)
            .OrderBy(m => m.CreatedAtUtc)
            .Select(m => new { m.Subject, m.CreatedAtUtc, m.Status, m.SentAtUtc })
            .ToListAsync(cancellationToken);
        return mails.Select(m => new Dictionary<string, object?>
        {
            ["Betreff"] = m.Subject,
            ["Erstellt am"] = m.CreatedAtUtc,
            ["Status"] = m.Status switch
            {
                OutboxStatus.Sent => "gesendet",
                OutboxStatus.DeadLetter => "unzustellbar",
                _ => "wartend",
            },
            ["Gesendet am"] = m.SentAtUtc,
        }).ToList();
    }

    public async Task EraseAsync(Guid userId, CancellationToken cancellationToken)
    {
        var address = await AddressOfAsync(userId, cancellationToken);
        if (address is null)
        {
            return;
        }

        var mails = await db.Set<OutboxMessage>().Where(m => m.ToAddress == address).ToListAsync(cancellationToken);
        db.Set<OutboxMessage>().RemoveRange(mails);
    }

    private Task<string?> AddressOfAsync(Guid userId, CancellationToken cancellationToken) =>
        db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.Email).SingleOrDefaultAsync(cancellationToken);
}
