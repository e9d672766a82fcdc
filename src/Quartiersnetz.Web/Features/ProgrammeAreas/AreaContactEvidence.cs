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

        // Same condition as ListProgrammeAreas.TaggedWith (the key in lower case, as AssignTopics writes it), or-ed with the words.
#pragma warning disable CA1304, CA1311, CA1862 // translated to SQL lower(); culture and comparison overloads are not translatable
        var areas = db.Set<ProgrammeArea>().AsNoTracking().Where(a =>
            db.Set<TopicAssignment>().Any(t => t.ItemKind == TopicKinds.ProgrammeArea && t.ItemKey == a.Id.ToString().ToLower() && topicIds.Contains(t.TopicId))
            || words.Any(w => a.SortKey.Contains(w)));
#pragma warning restore CA1304, CA1311, CA1862
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
