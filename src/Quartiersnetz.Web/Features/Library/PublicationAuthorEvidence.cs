using Quartiersnetz.Data;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.Platform.Expertise;

namespace Quartiersnetz.Features.Library;

/// <summary>
/// Expert-finder evidence: being an author or editor, linked to one's profile (<see cref="ContributorLinks"/>), of a
/// published publication tagged with a searched topic — "2 Veröffentlichungen zu Verfügungsfonds". Members may read
/// every published publication, public or members-only; drafts do not count. Weighs 2 per publication: written work on
/// the topic, though the link rests on the name. Two queries for all people.
/// </summary>
internal sealed class PublicationAuthorEvidence(QuartiersnetzDbContext db) : IExpertiseEvidenceSource
{
    public const string Kind = "publication";
    public const int Weight = 2;

    /// <summary>Bounds the answer for a very broad query; the finder ranks people, not all their publications.</summary>
    public const int MaxEvidence = 2000;

    public async Task<IReadOnlyList<ExpertiseEvidence>> FindAsync(ExpertiseQuery query, CancellationToken cancellationToken)
    {
        var topicOfPublication = await TaggedItems.WithTopicNameAsync(db, Publication.TopicKind, query.TopicIds, cancellationToken);
        if (topicOfPublication.Count == 0)
        {
            return [];
        }

        var ids = topicOfPublication.Keys.ToList();
        var works = await db.Set<PublicationContributor>().AsNoTracking()
            .Where(c => c.PersonId != null && EF.Parameter(ids).Contains(c.PublicationId))
            .Join(db.Set<Publication>().Where(p => p.PublishedAtUtc != null), c => c.PublicationId, p => p.Id, (c, p) => new { PersonId = c.PersonId!.Value, PublicationId = p.Id })
            .Distinct()
            .OrderBy(w => w.PersonId).ThenBy(w => w.PublicationId)
            .Take(MaxEvidence)
            .ToListAsync(cancellationToken);

        // One entry per publication; the finder adds up equal ones into "2 Veröffentlichungen zu …".
        return [.. works.Select(w => new ExpertiseEvidence(w.PersonId, Kind, 1, Weight, "{0} Veröffentlichungen zu {1}", [topicOfPublication[w.PublicationId]],
            SummaryOne: "{0} Veröffentlichung zu {1}"))];
    }
}
