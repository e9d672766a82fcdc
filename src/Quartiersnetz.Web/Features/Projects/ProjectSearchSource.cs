using Quartiersnetz.Data;
using Quartiersnetz.Data.Reference;
using Quartiersnetz.Features.ProgrammeAreas;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.Platform.Search;

namespace Quartiersnetz.Features.Projects;

/// <summary>
/// Good-practice projects in the search: published ones for everyone, proposals under review for the office only. The
/// contact's e-mail address is never indexed (it is for members, and the search serves the public too).
/// </summary>
internal sealed class ProjectSearchSource : ISearchSource
{
    public string Kind => "project";

    public string Label => "Praxisprojekte";

    public int Order => 8;

    public IReadOnlyCollection<Type> EntityTypes { get; } = [typeof(Project), typeof(ProjectDocument), typeof(TopicAssignment)];

    public IEnumerable<string> KeysOf(object entity) => entity switch
    {
        Project project => [project.Id.ToString()],
        ProjectDocument document => [document.ProjectId.ToString()],
        TopicAssignment { ItemKind: Project.TopicKind } assignment => [assignment.ItemKey],
        _ => [],
    };

    public async Task<IReadOnlyList<SearchDocumentDraft>> BuildAsync(QuartiersnetzDbContext db, IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        var ids = keys.Select(k => Guid.TryParse(k, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).ToList();
        var rows = await db.Set<Project>().AsNoTracking()
            .Where(p => ids.Contains(p.Id))
            .Select(p => new
            {
                p.Id, p.Slug, p.Title, p.Summary, p.Goals, p.Approach, p.Results, p.LessonsLearned, p.Partners, p.FundingSources,
                p.ContactOrganisation, p.MunicipalityAgs, p.StartYear, p.Status, p.ReviewState,
                Municipality = db.Set<Municipality>().Where(m => m.Ags == p.MunicipalityAgs).Select(m => m.Name).First(),
                Area = db.Set<ProgrammeArea>().Where(a => a.Id == p.ProgrammeAreaId).Select(a => a.Name).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        // Documents follow their project's visibility, so their titles and texts are searched with it.
        var documents = (await db.Set<ProjectDocument>().AsNoTracking().Where(d => ids.Contains(d.ProjectId))
            .OrderBy(d => d.UploadedAtUtc).Select(d => new { d.ProjectId, d.Title, d.Description, d.Text }).ToListAsync(cancellationToken))
            .ToLookup(d => d.ProjectId);
        var topics = await TopicSearchSource.TopicsOfAsync(db, Project.TopicKind, keys, cancellationToken);
        return [.. rows.Select(p =>
        {
            var key = p.Id.ToString();
            // The summary comes first: the hit's excerpt is taken from the start of the body.
            var body = string.Join("\n", new[]
            {
                p.Summary, p.Area, p.Municipality, p.Goals, p.Approach, p.Results, p.LessonsLearned, p.Partners, p.FundingSources, p.ContactOrganisation,
                string.Join(", ", topics[key].Select(t => t.Name).Where(n => n.Length > 0)),
            }.Concat(documents[p.Id].SelectMany(d => new[] { d.Title, d.Description, d.Text })).Where(x => !string.IsNullOrWhiteSpace(x)));
            var published = p.ReviewState == ProjectReviewState.Published;
            // The office finds a proposal under review on its working page; the public page exists once it is published.
            return new SearchDocumentDraft(key, p.Title, published ? "/praxisprojekte/" + p.Slug : $"/praxisprojekte/{p.Id}/bearbeiten", body)
            {
                MinAudience = published ? SearchAudience.Public : SearchAudience.Office,
                Subtype = "Praxisprojekt, " + ProjectLabels.Label(p.Status).ToLowerInvariant(),
                Year = p.StartYear,
                MunicipalityAgs = p.MunicipalityAgs,
                TopicSlugs = [.. topics[key].Select(t => t.Slug)],
            };
        })];
    }

    public async Task<IReadOnlyList<string>> KeysAsync(QuartiersnetzDbContext db, int page, int pageSize, CancellationToken cancellationToken) =>
        [.. (await db.Set<Project>().AsNoTracking().OrderBy(p => p.Id).Skip(page * pageSize).Take(pageSize).Select(p => p.Id).ToListAsync(cancellationToken)).Select(id => id.ToString())];
}
