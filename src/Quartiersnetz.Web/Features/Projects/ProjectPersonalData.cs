using Quartiersnetz.Data;
using Quartiersnetz.Platform.Privacy;

namespace Quartiersnetz.Features.Projects;

/// <summary>
/// The projects a person proposed. Erasing the account keeps the projects (published ones are the network's shared
/// knowledge; proposals under review stay with the office, which may still publish or delete them) and drops the link.
/// The contact fields are what the proposer typed for the public page and are not tied to the account.
/// </summary>
internal sealed class ProjectPersonalData(QuartiersnetzDbContext db) : IPersonalDataContributor
{
    public string Section => "Vorgeschlagene Praxisprojekte";

    public async Task<object?> ExportAsync(Guid userId, CancellationToken cancellationToken)
    {
        var rows = await db.Set<Project>().AsNoTracking().Where(p => p.ProposedByAccountId == userId).OrderBy(p => p.CreatedAtUtc)
            .Select(p => new { p.Title, p.ReviewState, p.CreatedAtUtc, p.SubmittedAtUtc, p.PublishedAtUtc }).ToListAsync(cancellationToken);
        return rows.Count == 0 ? null : rows.Select(r => new Dictionary<string, object?>
        {
            ["Projekt"] = r.Title,
            ["Stand der Prüfung"] = ProjectLabels.Label(r.ReviewState),
            ["Angelegt am"] = r.CreatedAtUtc,
            ["Eingereicht am"] = r.SubmittedAtUtc,
            ["Veröffentlicht am"] = r.PublishedAtUtc,
        }).ToList();
    }

    public async Task EraseAsync(Guid userId, CancellationToken cancellationToken)
    {
        foreach (var project in await db.Set<Project>().Where(p => p.ProposedByAccountId == userId).ToListAsync(cancellationToken))
        {
            project.ProposedByAccountId = null;
        }
    }
}
