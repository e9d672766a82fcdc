using Quartiersnetz.Data;
using Quartiersnetz.Features.Events;
using Quartiersnetz.Platform.Privacy;

namespace Quartiersnetz.Features.Minutes;

/// <summary>
/// In "Meine Daten": the revisions of minutes a person wrote and the follow-ups they are responsible for or closed. On
/// account deletion the references are cleared: the minutes and tasks are the network's record and stay, without the name.
/// </summary>
internal sealed class MinutesPersonalData(QuartiersnetzDbContext db) : IPersonalDataContributor
{
    public string Section => "Protokolle und Aufgaben";

    public async Task<object?> ExportAsync(Guid userId, CancellationToken cancellationToken)
    {
        var revisions = await (
            from r in db.Set<MinutesRevision>().AsNoTracking()
            where r.AuthorId == userId
            join m in db.Set<EventMinutes>() on r.MinutesId equals m.Id
            join e in db.Set<Event>() on m.EventId equals e.Id
            orderby r.CreatedAtUtc
            select new { Event = e.Title, r.Number, r.CreatedAtUtc, r.Note }).ToListAsync(cancellationToken);
        var tasks = await (
            from i in db.Set<MinutesItem>().AsNoTracking()
            where i.ResponsibleAccountId == userId || i.ClosedById == userId
            join e in db.Set<Event>() on i.EventId equals e.Id
            orderby i.CreatedAtUtc
            select new { Event = e.Title, i.Text, i.DueDate, Responsible = i.ResponsibleAccountId == userId, ClosedByMe = i.ClosedById == userId, i.ClosedAtUtc, i.ClosingNote })
            .ToListAsync(cancellationToken);
        if (revisions.Count == 0 && tasks.Count == 0)
        {
            return null;
        }

        return new Dictionary<string, object?>
        {
            ["Protokollversionen"] = revisions.Select(r => new Dictionary<string, object?>
            {
                ["Veranstaltung"] = r.Event, ["Version"] = r.Number, ["Gespeichert"] = r.CreatedAtUtc, ["Begründung"] = r.Note,
            }).ToList(),
            ["Aufgaben"] = tasks.Select(t => new Dictionary<string, object?>
            {
                ["Veranstaltung"] = t.Event, ["Aufgabe"] = t.Text, ["Fällig"] = t.DueDate, ["Verantwortlich"] = t.Responsible,
                ["Von mir erledigt"] = t.ClosedByMe, ["Erledigt am"] = t.ClosedAtUtc, ["Notiz"] = t.ClosingNote,
            }).ToList(),
        };
    }

    public async Task EraseAsync(Guid userId, CancellationToken cancellationToken)
    {
        foreach (var revision in await db.Set<MinutesRevision>().Where(r => r.AuthorId == userId).ToListAsync(cancellationToken))
        {
            revision.AuthorId = null;
        }

        foreach (var item in await db.Set<MinutesItem>().Where(i => i.ResponsibleAccountId == userId || i.ClosedById == userId).ToListAsync(cancellationToken))
        {
            item.ResponsibleAccountId = item.ResponsibleAccountId == userId ? null : item.ResponsibleAccountId;
            item.ClosedById = item.ClosedById == userId ? null : item.ClosedById;
        }
    }
}
