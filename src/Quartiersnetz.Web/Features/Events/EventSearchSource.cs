using Quartiersnetz.Data;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.Platform.Search;
using Quartiersnetz.Platform.Time;

namespace Quartiersnetz.Features.Events;

/// <summary>
/// Events in the search, past ones included (documentation value). Who finds an event follows who may open it:
/// public events everyone, members' events members and the office, invitation-only events the office only.
/// The year facet is the year of the start (Berlin time).
/// </summary>
internal sealed class EventSearchSource : ISearchSource
{
    public string Kind => "event";

    public string Label => "Veranstaltungen";

    public int Order => 5;

    public IReadOnlyCollection<Type> EntityTypes { get; } = [typeof(Event), typeof(TopicAssignment)];

    public IEnumerable<string> KeysOf(object entity) => entity switch
    {
        Event ev => [ev.Id.ToString()],
        TopicAssignment { ItemKind: TopicKinds.Event } assignment => [assignment.ItemKey],
        _ => [],
    };

    public async Task<IReadOnlyList<SearchDocumentDraft>> BuildAsync(QuartiersnetzDbContext db, IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        var ids = keys.Select(k => Guid.TryParse(k, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).ToList();
        var rows = await db.Set<Event>().AsNoTracking()
            .Where(e => ids.Contains(e.Id))
            .Select(e => new { e.Id, e.Title, e.Description, e.Type, e.StartUtc, e.VenueName, e.VenueAddress, e.Organiser, e.Audience, e.Status, e.MunicipalityAgs, e.Agenda })
            .ToListAsync(cancellationToken);
        var topics = await TopicSearchSource.TopicsOfAsync(db, TopicKinds.Event, keys, cancellationToken);
        return [.. rows.Select(e =>
        {
            var key = e.Id.ToString();
            var body = string.Join("\n", new[]
            {
                // The description first: a hit's snippet starts at the body's beginning when the match is in the title.
                e.Status == EventStatus.Cancelled ? "Abgesagt" : null, e.Description, e.Agenda, e.VenueName, e.VenueAddress, e.Organiser,
                EventLabels.Label(e.Type), BerlinTime.FormatDateTime(e.StartUtc),
                string.Join(", ", topics[key].Select(t => t.Name).Where(n => n.Length > 0)),
            }.Where(x => !string.IsNullOrWhiteSpace(x)));
            return new SearchDocumentDraft(key, e.Title, $"/veranstaltungen/{e.Id}", body)
            {
                MinAudience = e.Audience switch
                {
                    EventAudience.Public => SearchAudience.Public,
                    EventAudience.Members => SearchAudience.Members,
                    _ => SearchAudience.Office,
                },
                Subtype = $"{EventLabels.Label(e.Type)}, {BerlinTime.FormatDateTime(e.StartUtc)}",
                Year = BerlinTime.ToBerlin(e.StartUtc).Year,
                MunicipalityAgs = e.MunicipalityAgs,
                TopicSlugs = [.. topics[key].Select(t => t.Slug)],
            };
        })];
    }

    public async Task<IReadOnlyList<string>> KeysAsync(QuartiersnetzDbContext db, int page, int pageSize, CancellationToken cancellationToken) =>
        [.. (await db.Set<Event>().AsNoTracking().OrderBy(e => e.Id).Skip(page * pageSize).Take(pageSize).Select(e => e.Id).ToListAsync(cancellationToken)).Select(id => id.ToString())];
}
