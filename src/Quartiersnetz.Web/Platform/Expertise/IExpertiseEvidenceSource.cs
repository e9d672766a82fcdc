namespace Quartiersnetz.Platform.Expertise;

/// <summary>
/// What the expert finder asks every evidence source: the topics a member is looking for (the chosen topics and
/// their sub-topics, already resolved) and the folded free-text words (GermanSortKey), either of which may be empty.
/// </summary>
internal sealed record ExpertiseQuery(IReadOnlyCollection<Guid> TopicIds, IReadOnlyCollection<string> Words);

/// <summary>
/// One reason why a person knows about the topic, e.g. 3 talks on Verfügungsfonds. <paramref name="Summary"/> is a
/// German source text for the localizer with {0} for <paramref name="Count"/> (e.g. "{0} Vorträge zu {1}"),
/// <paramref name="Arguments"/> fill the further placeholders. Weight ranks: strong evidence (a talk given,
/// a project led) weighs more than a self-declared profile topic. German needs a singular form:
/// <paramref name="SummaryOne"/> is used when <paramref name="Count"/> is 1 (e.g. "{0} Vortrag zu {1}"); leave it null
/// when <paramref name="Summary"/> reads right for every count. Evidence that is equal but for Count and Weight is
/// added up by the finder, so a source may return one entry per item or one per person.
/// </summary>
internal sealed record ExpertiseEvidence(
    Guid PersonId, string Kind, int Count, int Weight, string Summary, IReadOnlyList<string> Arguments, string? Url = null, string? SummaryOne = null);

/// <summary>
/// How a feature tells the expert finder ("Wer kennt sich aus mit …?") what people did on a topic. Each feature that
/// produces evidence (profile topics, area contacts now; talks, working groups, projects, answers later) registers
/// one source; the finder asks every source once per search, so the number of queries does not grow with the
/// number of people. A source returns evidence only about items members may see; the finder itself decides which
/// people the viewer may see at all (profile visibility).
/// </summary>
internal interface IExpertiseEvidenceSource
{
    Task<IReadOnlyList<ExpertiseEvidence>> FindAsync(ExpertiseQuery query, CancellationToken cancellationToken);
}
