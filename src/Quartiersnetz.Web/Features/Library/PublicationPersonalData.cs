using Quartiersnetz.Data;
using Quartiersnetz.Platform.Privacy;

namespace Quartiersnetz.Features.Library;

/// <summary>
/// The publications whose author or editor is linked to the person's profile (<see cref="ContributorLinks"/>). On deletion
/// only the link goes: the name stays on the title page, as in any library catalogue, because it is part of the
/// published work, not data about the account.
/// </summary>
internal sealed class PublicationPersonalData(QuartiersnetzDbContext db) : IPersonalDataContributor
{
    public string Section => "Veröffentlichungen";

    public async Task<object?> ExportAsync(Guid userId, CancellationToken cancellationToken)
    {
        var rows = await db.Set<PublicationContributor>().AsNoTracking().Where(c => c.PersonId == userId)
            .Join(db.Set<Publication>(), c => c.PublicationId, p => p.Id, (c, p) => new { p.Title, p.Year, c.Name, c.IsEditor })
            .OrderBy(r => r.Year).ThenBy(r => r.Title)
            .ToListAsync(cancellationToken);
        return rows.Count == 0 ? null : rows.Select(r => new Dictionary<string, object?>
        {
            ["Titel"] = r.Title,
            ["Jahr"] = r.Year,
            ["Genannt als"] = r.Name,
            ["Rolle"] = r.IsEditor ? "Herausgabe" : "Autorschaft",
        }).ToList();
    }

    public async Task EraseAsync(Guid userId, CancellationToken cancellationToken)
    {
        foreach (var contributor in await db.Set<PublicationContributor>().Where(c => c.PersonId == userId).ToListAsync(cancellationToken))
        {
            contributor.PersonId = null;
        }
    }
}
