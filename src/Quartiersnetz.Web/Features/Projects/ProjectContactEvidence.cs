using Microsoft.AspNetCore.Identity;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Expertise;

namespace Quartiersnetz.Features.Projects;

/// <summary>
/// Expert-finder evidence: being the contact person of a published project tagged with a searched topic —
/// "Ansprechperson für Projekt Nachbarschaftsgarten". A project names its contact by name and e-mail address, not by
/// account; the person is the account with that e-mail address (the address is what identifies a person in the
/// network; names are not unique), if members may see that person's address. Weighs 3 like an area contact. Published
/// projects are public; the finder decides which people the viewer sees. Three queries for all people.
/// </summary>
internal sealed class ProjectContactEvidence(QuartiersnetzDbContext db, ILookupNormalizer normalizer) : IExpertiseEvidenceSource
{
    public const string Kind = "project-contact";
    public const int Weight = 3;

    /// <summary>Bounds the answer for a very broad query; the finder ranks people, not all their projects.</summary>
    public const int MaxEvidence = 2000;

    public async Task<IReadOnlyList<ExpertiseEvidence>> FindAsync(ExpertiseQuery query, CancellationToken cancellationToken)
    {
        if (query.TopicIds.Count == 0)
        {
            return [];
        }

        var topicIds = query.TopicIds.Distinct().ToList();
        var keys = await db.Set<TopicAssignment>().AsNoTracking()
            .Where(a => a.ItemKind == Project.TopicKind && topicIds.Contains(a.TopicId))
            .Select(a => a.ItemKey)
            .Distinct()
            .ToListAsync(cancellationToken);
        var ids = keys.Select(k => Guid.TryParse(k, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).ToList();
        if (ids.Count == 0)
        {
            return [];
        }

        var projects = await ListProjects.Published(db).AsNoTracking()
            .Where(p => EF.Parameter(ids).Contains(p.Id) && p.ContactEmail != null && p.ContactEmail != "")
            .OrderBy(p => p.Title).ThenBy(p => p.Id)
            .Take(MaxEvidence)
            .Select(p => new { p.Slug, p.Title, p.ContactEmail })
            .ToListAsync(cancellationToken);
        var byEmail = projects.GroupBy(p => normalizer.NormalizeEmail(p.ContactEmail!.Trim())).ToDictionary(g => g.Key, g => g.ToList());
        if (byEmail.Count == 0)
        {
            return [];
        }

        var emails = byEmail.Keys.ToList();
        // Only people whose address members may see: otherwise the evidence would tell members an address the profile hides.
        var people = await db.Set<UserAccount>().AsNoTracking()
            .Where(u => u.NormalizedEmail != null && EF.Parameter(emails).Contains(u.NormalizedEmail) && u.EmailVisibility != ProfileVisibility.Office)
            .Select(u => new { u.Id, u.NormalizedEmail })
            .ToListAsync(cancellationToken);
        return [.. people.SelectMany(u => byEmail[u.NormalizedEmail!].Select(p =>
            new ExpertiseEvidence(u.Id, Kind, 1, Weight, "Ansprechperson für Projekt {1}", [p.Title], "/praxisprojekte/" + p.Slug)))];
    }
}
