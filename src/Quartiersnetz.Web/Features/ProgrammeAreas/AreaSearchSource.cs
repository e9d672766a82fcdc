using Quartiersnetz.Data;
using Quartiersnetz.Data.Reference;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.Platform.Search;

namespace Quartiersnetz.Features.ProgrammeAreas;

/// <summary>Programme areas in the search (public, as on /programmgebiete); the year is the admission year.</summary>
internal sealed class AreaSearchSource : ISearchSource
{
    public string Kind => "area";

    public string Label => "Programmgebiete";

    public int Order => 10;

    public IReadOnlyCollection<Type> EntityTypes { get; } = [typeof(ProgrammeArea), typeof(TopicAssignment)];

    public IEnumerable<string> KeysOf(object entity) => entity switch
    {
        ProgrammeArea area => [area.Id.ToString()],
        TopicAssignment { ItemKind: TopicKinds.ProgrammeArea } assignment => [assignment.ItemKey],
        _ => [],
    };

    public async Task<IReadOnlyList<SearchDocumentDraft>> BuildAsync(QuartiersnetzDbContext db, IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        var ids = keys.Select(k => Guid.TryParse(k, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).ToList();
        var rows = await db.Set<ProgrammeArea>().AsNoTracking()
            .Where(a => ids.Contains(a.Id))
            .Select(a => new
            {
                a.Id, a.Name, a.Description, a.Programme, a.Status, a.AdmissionYear, a.MunicipalityAgs, a.PlanTitle,
                Municipality = db.Set<Municipality>().Where(m => m.Ags == a.MunicipalityAgs).Select(m => m.Name).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var topics = await TopicSearchSource.TopicsOfAsync(db, TopicKinds.ProgrammeArea, keys, cancellationToken);
        return [.. rows.Select(a =>
        {
            var key = a.Id.ToString();
            var body = string.Join("\n", new[]
            {
                // The description first: a hit's snippet starts at the body's beginning when the match is in the title.
                a.Description, a.PlanTitle, a.Municipality, ProgrammeAreaLabels.Label(a.Programme), ProgrammeAreaLabels.Label(a.Status),
                string.Join(", ", topics[key].Select(t => t.Name).Where(n => n.Length > 0)),
            }.Where(x => !string.IsNullOrWhiteSpace(x)));
            return new SearchDocumentDraft(key, a.Name, $"/programmgebiete/{a.Id}", body)
            {
                Subtype = ProgrammeAreaLabels.Label(a.Programme),
                Year = a.AdmissionYear,
                MunicipalityAgs = a.MunicipalityAgs,
                TopicSlugs = [.. topics[key].Select(t => t.Slug)],
            };
        })];
    }

    public async Task<IReadOnlyList<string>> KeysAsync(QuartiersnetzDbContext db, int page, int pageSize, CancellationToken cancellationToken) =>
        [.. (await db.Set<ProgrammeArea>().AsNoTracking().OrderBy(a => a.Id).Skip(page * pageSize).Take(pageSize).Select(a => a.Id).ToListAsync(cancellationToken)).Select(id => id.ToString())];
}
