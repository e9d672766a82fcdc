using Quartiersnetz.Data;
using Quartiersnetz.Platform.Privacy;

namespace Quartiersnetz.Features.ProgrammeAreas;

/// <summary>Where a person is a contact of a programme area; erasing removes the contact and keeps the area.</summary>
internal sealed class AreaPersonalData(QuartiersnetzDbContext db) : IPersonalDataContributor
{
    public string Section => "Ansprechperson für Programmgebiete";

    public async Task<object?> ExportAsync(Guid userId, CancellationToken cancellationToken)
    {
        var rows = await db.Set<ProgrammeAreaContact>().AsNoTracking()
            .Where(c => c.PersonId == userId)
            .Join(db.Set<ProgrammeArea>(), c => c.AreaId, a => a.Id, (c, a) => new { a.Name, a.SortKey, c.Role })
            .OrderBy(r => r.SortKey)
            .ToListAsync(cancellationToken);
        return rows.Count == 0 ? null
            : rows.Select(r => new Dictionary<string, object?> { ["Programmgebiet"] = r.Name, ["Rolle"] = r.Role }).ToList();
    }

    public async Task EraseAsync(Guid userId, CancellationToken cancellationToken) =>
        db.RemoveRange(await db.Set<ProgrammeAreaContact>().Where(c => c.PersonId == userId).ToListAsync(cancellationToken));
}
