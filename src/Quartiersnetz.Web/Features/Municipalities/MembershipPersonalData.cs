using Quartiersnetz.Data;
using Quartiersnetz.Data.Reference;
using Quartiersnetz.Platform.Privacy;

namespace Quartiersnetz.Features.Municipalities;

/// <summary>Where a person is the Ansprechperson of a member municipality; erasing clears the reference and keeps the membership.</summary>
internal sealed class MembershipPersonalData(QuartiersnetzDbContext db) : IPersonalDataContributor
{
    public string Section => "Ansprechperson für Mitgliedskommunen";

    public async Task<object?> ExportAsync(Guid userId, CancellationToken cancellationToken)
    {
        var rows = await db.Set<NetworkMembership>().AsNoTracking()
            .Where(n => n.ContactPersonId == userId)
            .Join(db.Set<Municipality>(), n => n.MunicipalityAgs, m => m.Ags, (n, m) => new { m.Name, n.MunicipalityAgs })
            .OrderBy(x => x.Name)
            .ToListAsync(cancellationToken);
        return rows.Count == 0 ? null : rows.Select(r => new Dictionary<string, object?> { ["Kommune"] = $"{r.Name} ({r.MunicipalityAgs})" }).ToList();
    }

    public async Task EraseAsync(Guid userId, CancellationToken cancellationToken)
    {
        foreach (var membership in await db.Set<NetworkMembership>().Where(n => n.ContactPersonId == userId).ToListAsync(cancellationToken))
        {
            membership.ContactPersonId = null;
        }
    }
}
