using System.Security.Claims;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.Platform.Time;
using Quartiersnetz.Platform.Topics;

namespace Quartiersnetz.Features.Events;

/// <summary>
/// Upcoming public events on a topic page, soonest first. Only public events: a topic page is the same for every
/// viewer's cache and search engines, and members find the rest in the calendar. One query for all keys.
/// </summary>
internal sealed class EventTopicSource(QuartiersnetzDbContext db, TimeProvider clock) : ITopicItemSource
{
    private const int MaxItems = 20;

    public string ItemKind => TopicKinds.Event;

    public string SectionTitle => "Veranstaltungen";

    public async Task<IReadOnlyList<TopicItem>> ItemsAsync(IReadOnlyCollection<string> itemKeys, ClaimsPrincipal viewer, CancellationToken cancellationToken)
    {
        var ids = itemKeys.Select(k => Guid.TryParse(k, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).Distinct().ToList();
        if (ids.Count == 0)
        {
            return [];
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var events = await db.Set<Event>().AsNoTracking()
            .Where(e => EF.Parameter(ids).Contains(e.Id) && e.Audience == EventAudience.Public && e.Status == EventStatus.Published && e.EndUtc >= now)
            .OrderBy(e => e.StartUtc).ThenBy(e => e.Id)
            .Take(MaxItems)
            .Select(e => new { e.Id, e.Title, e.StartUtc })
            .ToListAsync(cancellationToken);
        return [.. events.Select(e => new TopicItem(e.Title, $"/veranstaltungen/{e.Id}", BerlinTime.FormatDateTime(e.StartUtc)))];
    }
}
