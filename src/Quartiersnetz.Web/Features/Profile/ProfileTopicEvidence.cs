using Quartiersnetz.Data;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.Platform.Expertise;

namespace Quartiersnetz.Features.Profile;

/// <summary>
/// Expert-finder evidence from the topics people put on their profile: weight 1 per matching topic, the weakest kind
/// of evidence because it is self-declared. One query for all people; the finder decides whom the viewer may see.
/// </summary>
internal sealed class ProfileTopicEvidence(QuartiersnetzDbContext db) : IExpertiseEvidenceSource
{
    public const string Kind = "profile-topic";

    public async Task<IReadOnlyList<ExpertiseEvidence>> FindAsync(ExpertiseQuery query, CancellationToken cancellationToken)
    {
        if (query.TopicIds.Count == 0)
        {
            return [];
        }

        var topicIds = query.TopicIds.ToList();
        var rows = await db.Set<TopicAssignment>().AsNoTracking()
            .Where(a => a.ItemKind == TopicKinds.Person && topicIds.Contains(a.TopicId))
            .Join(db.Set<Topic>().Where(t => t.Status == TopicStatus.Active), a => a.TopicId, t => t.Id, (a, t) => new { a.ItemKey, t.Name, t.SortKey })
            .ToListAsync(cancellationToken);

        // One entry per person naming all their matching topics reads better than one line per topic.
        return rows
            .Where(r => Guid.TryParse(r.ItemKey, out _))
            .GroupBy(r => Guid.Parse(r.ItemKey))
            .Select(g =>
            {
                var names = g.OrderBy(r => r.SortKey, StringComparer.Ordinal).Select(r => r.Name).Distinct(StringComparer.Ordinal).ToList();
                return new ExpertiseEvidence(g.Key, Kind, names.Count, names.Count, "Themen im Profil: {1}", [string.Join(", ", names)],
                    SummaryOne: "Thema im Profil: {1}");
            })
            .ToList();
    }
}
