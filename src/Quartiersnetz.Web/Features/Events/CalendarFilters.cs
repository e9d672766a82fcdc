using Quartiersnetz.Data;
using Quartiersnetz.Data.Reference;
using Quartiersnetz.Features.Topics;

namespace Quartiersnetz.Features.Events;

/// <summary>
/// The public calendar's query values (thema, bezirk, ort) turned into an <see cref="EventFilter"/> and the choices of
/// the filter form. Unknown values are dropped (the list and month view correct their query strings, never reject them).
/// </summary>
internal sealed record CalendarFilters(string? Topic, string? Region, string? Place, IReadOnlyList<TopicGroup> Topics, IReadOnlyList<(string Code, string Name)> Regions)
{
    public static async Task<CalendarFilters> ResolveAsync(QuartiersnetzDbContext db, string? topic, string? region, string? place, CancellationToken cancellationToken)
    {
        var topics = await AssignTopics.ActiveTreeAsync(db, cancellationToken);
        var regions = (await db.Set<District>().AsNoTracking().Select(d => new { d.RegionCode, d.RegionName }).Distinct()
            .OrderBy(r => r.RegionCode).ToListAsync(cancellationToken)).ConvertAll(r => (r.RegionCode, r.RegionName));
        var knownTopic = topics.Any(g => g.Topic.Slug == topic || g.SubTopics.Any(s => s.Slug == topic)) ? topic : null;
        var knownRegion = regions.Any(r => r.RegionCode == region) ? region : null;
        var knownPlace = place is "online" or "vor-ort" ? place : null;
        return new CalendarFilters(knownTopic, knownRegion, knownPlace, topics, regions);
    }

    public bool? Online => Place switch
    {
        "online" => true,
        "vor-ort" => false,
        _ => null,
    };

    public CalendarFilterModel Model((int Year, int Month)? month = null) => new(Topics, Topic, Regions, Region, Place, month);

    public Dictionary<string, string?> Query(string? type) => new() { ["art"] = type, ["thema"] = Topic, ["bezirk"] = Region, ["ort"] = Place };
}
