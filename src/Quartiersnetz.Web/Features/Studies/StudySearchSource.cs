using Quartiersnetz.Data;
using Quartiersnetz.Features.Library;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.Platform.Search;

namespace Quartiersnetz.Features.Studies;

/// <summary>
/// Commissioned studies in the search: question, contractor and the titles of their reports. Drafts are found by the
/// office only, members' studies by members. Budget and steering group are never indexed (the search serves the public).
/// </summary>
internal sealed class StudySearchSource : ISearchSource
{
    public string Kind => "study";

    public string Label => "Forschungsaufträge";

    public int Order => 9;

    public IReadOnlyCollection<Type> EntityTypes { get; } = [typeof(Study), typeof(StudyDeliverable), typeof(TopicAssignment)];

    public IEnumerable<string> KeysOf(object entity) => entity switch
    {
        Study study => [study.Id.ToString()],
        StudyDeliverable deliverable => [deliverable.StudyId.ToString()],
        TopicAssignment { ItemKind: Study.TopicKind } assignment => [assignment.ItemKey],
        _ => [],
    };

    public async Task<IReadOnlyList<SearchDocumentDraft>> BuildAsync(QuartiersnetzDbContext db, IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        var ids = keys.Select(k => Guid.TryParse(k, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).ToList();
        var rows = await db.Set<Study>().AsNoTracking()
            .Where(s => ids.Contains(s.Id))
            .Select(s => new { s.Id, s.Slug, s.Title, s.Question, s.Contractor, s.Status, s.StartOn, s.AwardedOn, s.Visibility, s.PublishedAtUtc })
            .ToListAsync(cancellationToken);
        var reports = (await db.Set<StudyDeliverable>().AsNoTracking().Where(d => ids.Contains(d.StudyId))
            .OrderBy(d => d.Position).Select(d => new { d.StudyId, d.Title }).ToListAsync(cancellationToken)).ToLookup(d => d.StudyId, d => d.Title);
        var topics = await TopicSearchSource.TopicsOfAsync(db, Study.TopicKind, keys, cancellationToken);
        return [.. rows.Select(s =>
        {
            var key = s.Id.ToString();
            // The question comes first: the hit's excerpt is taken from the start of the body.
            var body = string.Join("\n", new[]
            {
                s.Question, s.Contractor, string.Join(", ", reports[s.Id]), string.Join(", ", topics[key].Select(t => t.Name).Where(n => n.Length > 0)),
            }.Where(x => !string.IsNullOrWhiteSpace(x)));
            return new SearchDocumentDraft(key, s.Title, s.PublishedAtUtc is null ? "/geschaeftsstelle/studien/" + s.Id : "/studien/" + s.Slug, body)
            {
                MinAudience = s.PublishedAtUtc is null ? SearchAudience.Office
                    : s.Visibility == PublicationVisibility.Public ? SearchAudience.Public : SearchAudience.Members,
                Subtype = "Forschungsauftrag, " + StudyLabels.Label(s.Status).ToLowerInvariant(),
                Year = (s.StartOn ?? s.AwardedOn)?.Year,
                TopicSlugs = [.. topics[key].Select(t => t.Slug)],
            };
        })];
    }

    public async Task<IReadOnlyList<string>> KeysAsync(QuartiersnetzDbContext db, int page, int pageSize, CancellationToken cancellationToken) =>
        [.. (await db.Set<Study>().AsNoTracking().OrderBy(s => s.Id).Skip(page * pageSize).Take(pageSize).Select(s => s.Id).ToListAsync(cancellationToken)).Select(id => id.ToString())];
}
