using Quartiersnetz.Data;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.Platform.Expertise;

namespace Quartiersnetz.Features.Events;

/// <summary>
/// Expert-finder evidence: speaking in an agenda item tagged with a searched topic — "3 Vorträge zu Verfügungsfonds".
/// Only speakers who are people of the directory count (external speakers have no profile to find), only items of events
/// members may see (public or members' events; invited-only ones stay private) and that were not cancelled; upcoming
/// talks count as well as held ones, because preparing one is expertise too. Weighs 3 per talk like an area contact:
/// the office put the person on the programme. Two queries for all people.
/// A talk tagged with two of the searched topics counts once, under the first topic in German order.
/// </summary>
internal sealed class TalkEvidence(QuartiersnetzDbContext db) : IExpertiseEvidenceSource
{
    public const string Kind = "talk";
    public const int Weight = 3;

    /// <summary>Bounds the answer for a very broad query; the finder ranks people, not all their talks.</summary>
    public const int MaxEvidence = 2000;

    public async Task<IReadOnlyList<ExpertiseEvidence>> FindAsync(ExpertiseQuery query, CancellationToken cancellationToken)
    {
        var topicOfItem = await TaggedItems.WithTopicNameAsync(db, TopicKinds.AgendaItem, query.TopicIds, cancellationToken);
        if (topicOfItem.Count == 0)
        {
            return [];
        }

        var itemIds = topicOfItem.Keys.ToList();
        var visibleEvents = db.Set<Event>().Where(e => e.Status == EventStatus.Published && e.Audience != EventAudience.Invited);
        var talks = await db.Set<AgendaSpeaker>().AsNoTracking()
            .Where(s => s.AccountId != null && EF.Parameter(itemIds).Contains(s.AgendaItemId))
            .Join(db.Set<AgendaItem>(), s => s.AgendaItemId, i => i.Id, (s, i) => new { PersonId = s.AccountId!.Value, ItemId = i.Id, i.EventId })
            .Join(visibleEvents, t => t.EventId, e => e.Id, (t, e) => new { t.PersonId, t.ItemId })
            .Distinct()
            .OrderBy(t => t.PersonId).ThenBy(t => t.ItemId)
            .Take(MaxEvidence)
            .ToListAsync(cancellationToken);

        // One entry per talk; the finder adds up equal ones into "3 Vorträge zu …".
        return [.. talks.Select(t => new ExpertiseEvidence(t.PersonId, Kind, 1, Weight, "{0} Vorträge zu {1}", [topicOfItem[t.ItemId]],
            SummaryOne: "{0} Vortrag zu {1}"))];
    }
}
