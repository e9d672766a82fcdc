using Quartiersnetz.Data;
using Quartiersnetz.Platform.Privacy;

namespace Quartiersnetz.Features.Topics;

/// <summary>The topics a person picked for their profile: exported by name, removed with the account.</summary>
internal sealed class TopicPersonalData(QuartiersnetzDbContext db) : IPersonalDataContributor
{
    public string Section => "Themenfelder";

    public async Task<object?> ExportAsync(Guid userId, CancellationToken cancellationToken)
    {
        var key = userId.ToString();
        return await db.Set<TopicAssignment>().AsNoTracking()
            .Where(a => a.ItemKind == TopicKinds.Person && a.ItemKey == key)
            .Join(db.Set<Topic>(), a => a.TopicId, t => t.Id, (_, t) => t)
            .OrderBy(t => t.SortKey)
            .Select(t => t.Name)
            .ToListAsync(cancellationToken);
    }

    public async Task EraseAsync(Guid userId, CancellationToken cancellationToken)
    {
        var key = userId.ToString();
        db.RemoveRange(await db.Set<TopicAssignment>().Where(a => a.ItemKind == TopicKinds.Person && a.ItemKey == key).ToListAsync(cancellationToken));
    }
}
