using System.Security.Claims;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.Platform.Topics;

namespace Quartiersnetz.Features.ProgrammeAreas;

/// <summary>Programme areas on a topic page, with their municipality. Areas are public; one query for all keys.</summary>
internal sealed class AreaTopicSource(QuartiersnetzDbContext db) : ITopicItemSource
{
    public string ItemKind => TopicKinds.ProgrammeArea;

    public string SectionTitle => "Programmgebiete";

    public async Task<IReadOnlyList<TopicItem>> ItemsAsync(IReadOnlyCollection<string> itemKeys, ClaimsPrincipal viewer, CancellationToken cancellationToken)
    {
        var ids = itemKeys.Select(k => Guid.TryParse(k, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).Distinct().ToList();
        if (ids.Count == 0)
        {
            return [];
        }

        var areas = await db.Set<ProgrammeArea>().AsNoTracking()
            .Where(a => EF.Parameter(ids).Contains(a.Id))
            .Join(db.Set<Data.Reference.Municipality>(), a => a.MunicipalityAgs, m => m.Ags, (a, m) => new { a.Id, a.Name, a.SortKey, Municipality = m.Name })
            .OrderBy(a => a.SortKey).ThenBy(a => a.Id)
            .ToListAsync(cancellationToken);
        return [.. areas.Select(a => new TopicItem(a.Name, $"/programmgebiete/{a.Id}", a.Municipality))];
    }
}
