using Quartiersnetz.Data;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.Platform.Expertise;

namespace Quartiersnetz.Features.ProgrammeAreas;

/// <summary>
/// Expert-finder evidence: being the contact of an area tagged with one of the searched topics (or whose name contains
/// a searched word) — "Ansprechperson für Musterviertel (Quartiersmanagement)". Weighs 3, more than a self-declared
/// profile topic (1), because the office assigned it. Areas are public; the finder decides which people the viewer sees.
/// One query.
/// </summary>
internal sealed class AreaContactEvidence(QuartiersnetzDbContext db) : IExpertiseEvidenceSource
{
    public const string Kind = "area-contact";
    public const int Weight = 3;

    /// <summary>Bounds the answer for a very broad query; the finder ranks people, not all their evidence.</summary>
    public const int MaxEvidence = 2000;

    public async Task<IReadOnlyList<ExpertiseEvidence>> FindAsync(ExpertiseQuery query, CancellationToken cancellationToken)
    {
        var topicIds = query.TopicIds.Distinct().ToList();
        var words = query.Words.Where(w => !string.IsNullOrWhiteSpace(w)).Distinct(StringComparer.Ordinal).ToList();
        if (topicIds.Count == 0 && words.Count == 0)
        {
            return [];
        }

        // The tagged areas first, by the assignments' primary key (topic, kind); then one pass over the areas for the ids
        // and words. A sub-query per area comparing the key with lower(Id) cost ten times as much (bench, 1,200 areas).
        var taggedKeys = topicIds.Count == 0
            ? []
            : await db.Set<TopicAssignment>().AsNoTracking()
                .Where(t => topicIds.Contains(t.TopicId) && t.ItemKind == TopicKinds.ProgrammeArea)
                .Select(t => t.ItemKey)
                .ToListAsync(cancellationToken);
        var tagged = taggedKeys.Select(k => Guid.TryParse(k, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).Distinct().ToList();
        var areas = db.Set<ProgrammeArea>().AsNoTracking().Where(a => EF.Parameter(tagged).Contains(a.Id) || words.Any(w => a.SortKey.Contains(w)));
        var rows = await areas
            .Join(db.Set<ProgrammeAreaContact>(), a => a.Id, c => c.AreaId, (a, c) => new { c.PersonId, a.Id, a.Name, c.Role })
            .OrderBy(r => r.PersonId).ThenBy(r => r.Name)
            .Take(MaxEvidence)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => string.IsNullOrWhiteSpace(r.Role)
            ? new ExpertiseEvidence(r.PersonId, Kind, 1, Weight, "Ansprechperson für {1}", [r.Name], $"/programmgebiete/{r.Id}")
            : new ExpertiseEvidence(r.PersonId, Kind, 1, Weight, "Ansprechperson für {1} ({2})", [r.Name, r.Role], $"/programmgebiete/{r.Id}"))];
    }
}
