using Quartiersnetz.Data;
using Quartiersnetz.Platform.Privacy;

namespace Quartiersnetz.Platform.Audit;

/// <summary>
/// Audit entries naming the person. They stay when the account is deleted — the office must still see
/// that something happened — but the name is replaced, so the entry no longer identifies anyone.
/// </summary>
internal sealed class AuditPersonalData(QuartiersnetzDbContext db) : IPersonalDataContributor
{
    /// <summary>Stands in for the name of a deleted account in the audit log.</summary>
    public const string DeletedAccountName = "Gelöschtes Konto";

    public string Section => "Protokoll der Verwaltungsvorgänge";

    public async Task<object?> ExportAsync(Guid userId, CancellationToken cancellationToken)
    {
        var subjectId = userId.ToString();
        var entries = await db.Set<AuditEntry>().AsNoTracking()
            .Where(e => e.ActorId == userId || e.SubjectId == subjectId)
            .OrderBy(e => e.OccurredAtUtc)
            .Select(e => new { e.OccurredAtUtc, e.ActorId, e.Action, e.SubjectType, e.SubjectName, e.Changes })
            .ToListAsync(cancellationToken);
        return new Dictionary<string, object?>
        {
            ["Von Ihnen ausgeführt"] = entries.Where(e => e.ActorId == userId).Select(e => new Dictionary<string, object?>
            {
                ["Zeitpunkt"] = e.OccurredAtUtc,
                ["Vorgang"] = e.Action,
                ["Betrifft"] = e.SubjectName,
                ["Änderungen"] = e.Changes,
            }).ToList(),
            // Who in the office acted is not the person's data; what was done to their account is.
            ["Ihr Konto betreffend"] = entries.Where(e => e.ActorId != userId).Select(e => new Dictionary<string, object?>
            {
                ["Zeitpunkt"] = e.OccurredAtUtc,
                ["Vorgang"] = e.Action,
                ["Änderungen"] = e.Changes,
            }).ToList(),
        };
    }

    public async Task EraseAsync(Guid userId, CancellationToken cancellationToken)
    {
        var subjectId = userId.ToString();
        var entries = await db.Set<AuditEntry>()
            .Where(e => e.ActorId == userId || e.SubjectId == subjectId)
            .ToListAsync(cancellationToken);
        foreach (var entry in entries)
        {
            if (entry.ActorId == userId)
            {
                entry.ActorName = DeletedAccountName;
            }

            if (entry.SubjectId == subjectId)
            {
                entry.SubjectName = DeletedAccountName;
            }
        }
    }
}
