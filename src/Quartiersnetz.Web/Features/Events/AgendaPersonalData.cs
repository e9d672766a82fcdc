using Quartiersnetz.Data;
using Quartiersnetz.Platform.Privacy;

namespace Quartiersnetz.Features.Events;

/// <summary>
/// Where a person is named as a speaker on an agenda, in "Meine Daten". On account deletion these lines are removed:
/// a directory speaker is only a reference to the account, so nothing would be left to show.
/// </summary>
internal sealed class AgendaPersonalData(QuartiersnetzDbContext db) : IPersonalDataContributor
{
    public string Section => "Tagesordnungen";

    public async Task<object?> ExportAsync(Guid userId, CancellationToken cancellationToken)
    {
        var rows = await (
            from s in db.Set<AgendaSpeaker>().AsNoTracking()
            where s.AccountId == userId
            join i in db.Set<AgendaItem>() on s.AgendaItemId equals i.Id
            join e in db.Set<Event>() on i.EventId equals e.Id
            orderby i.StartUtc
            select new { Event = e.Title, Item = i.Title, i.StartUtc }).ToListAsync(cancellationToken);
        return rows.Count == 0
            ? null
            : rows.Select(r => new Dictionary<string, object?>
            {
                ["Veranstaltung"] = r.Event,
                ["Tagesordnungspunkt"] = r.Item,
                ["Beginn"] = r.StartUtc,
            }).ToList();
    }

    public async Task EraseAsync(Guid userId, CancellationToken cancellationToken) =>
        db.RemoveRange(await db.Set<AgendaSpeaker>().Where(s => s.AccountId == userId).ToListAsync(cancellationToken));
}
