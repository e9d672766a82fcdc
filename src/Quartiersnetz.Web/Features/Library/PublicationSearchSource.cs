using Quartiersnetz.Data;
using Quartiersnetz.Data.Reference;
using Quartiersnetz.Features.ProgrammeAreas;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.Platform.Search;

namespace Quartiersnetz.Features.Library;

/// <summary>
/// Publications in the search, with the text of their files: a reader finds a report by a word from inside its PDF.
/// Drafts are found by the office only, members' publications by members and the office. A file's text arrives when
/// <see cref="DocumentTextJob"/> saves it, which re-indexes the publication.
/// </summary>
internal sealed class PublicationSearchSource : ISearchSource
{
    public string Kind => "publication";

    public string Label => "Veröffentlichungen";

    public int Order => 7;

    /// <summary>The publication type as the search's facet "Publikationsart", valued by the type's name as in the library API.</summary>
    public SearchSubtypeFacet Subtypes { get; } = new("Publikationsart",
        [.. Enum.GetValues<PublicationType>().Select(t => new SearchSubtype(t.ToString(), PublicationLabels.Label(t)))]);

    public IReadOnlyCollection<Type> EntityTypes { get; } =
        [typeof(Publication), typeof(PublicationContributor), typeof(PublicationFile), typeof(PublicationMunicipality), typeof(PublicationArea), typeof(TopicAssignment)];

    public IEnumerable<string> KeysOf(object entity) => entity switch
    {
        Publication publication => [publication.Id.ToString()],
        PublicationContributor contributor => [contributor.PublicationId.ToString()],
        PublicationFile file => [file.PublicationId.ToString()],
        PublicationMunicipality municipality => [municipality.PublicationId.ToString()],
        PublicationArea area => [area.PublicationId.ToString()],
        TopicAssignment { ItemKind: Publication.TopicKind } assignment => [assignment.ItemKey],
        _ => [],
    };

    public async Task<IReadOnlyList<SearchDocumentDraft>> BuildAsync(QuartiersnetzDbContext db, IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        var ids = keys.Select(k => Guid.TryParse(k, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).ToList();
        var rows = await db.Set<Publication>().AsNoTracking()
            .Where(p => ids.Contains(p.Id))
            .Select(p => new { p.Id, p.Slug, p.Type, p.Title, p.Subtitle, p.Publisher, p.Abstract, p.Year, p.Visibility, p.PublishedAtUtc })
            .ToListAsync(cancellationToken);
        var contributors = (await db.Set<PublicationContributor>().AsNoTracking().Where(c => ids.Contains(c.PublicationId))
            .OrderBy(c => c.Position).Select(c => new { c.PublicationId, c.Name }).ToListAsync(cancellationToken)).ToLookup(c => c.PublicationId, c => c.Name);
        var texts = (await db.Set<PublicationFile>().AsNoTracking().Where(f => ids.Contains(f.PublicationId) && f.Text != null)
            .OrderBy(f => f.UploadedAtUtc).Select(f => new { f.PublicationId, f.Title, f.Text }).ToListAsync(cancellationToken))
            .ToLookup(f => f.PublicationId);
        var municipalities = (await db.Set<PublicationMunicipality>().AsNoTracking().Where(pm => ids.Contains(pm.PublicationId))
            .Join(db.Set<Municipality>(), pm => pm.Ags, m => m.Ags, (pm, m) => new { pm.PublicationId, m.Ags, m.Name })
            .OrderBy(m => m.Ags).ToListAsync(cancellationToken)).ToLookup(m => m.PublicationId);
        var areas = (await db.Set<PublicationArea>().AsNoTracking().Where(pa => ids.Contains(pa.PublicationId))
            .Join(db.Set<ProgrammeArea>(), pa => pa.AreaId, a => a.Id, (pa, a) => new { pa.PublicationId, a.Name, a.SortKey })
            .OrderBy(a => a.SortKey).ToListAsync(cancellationToken)).ToLookup(a => a.PublicationId, a => a.Name);
        var topics = await TopicSearchSource.TopicsOfAsync(db, Publication.TopicKind, keys, cancellationToken);
        return [.. rows.Select(p =>
        {
            var key = p.Id.ToString();
            // The abstract comes first: the hit's excerpt is taken from the start of the body.
            var body = string.Join("\n", new[]
            {
                p.Abstract, p.Subtitle, string.Join(", ", contributors[p.Id]), p.Publisher, string.Join(", ", municipalities[p.Id].Select(m => m.Name)),
                string.Join(", ", areas[p.Id]),
                string.Join(", ", topics[key].Select(t => t.Name).Where(n => n.Length > 0)),
            }.Concat(texts[p.Id].SelectMany(f => new[] { f.Title, f.Text })).Where(x => !string.IsNullOrWhiteSpace(x)));
            return new SearchDocumentDraft(key, p.Title, "/bibliothek/" + p.Slug, body)
            {
                MinAudience = p.PublishedAtUtc is null ? SearchAudience.Office
                    : p.Visibility == PublicationVisibility.Public ? SearchAudience.Public : SearchAudience.Members,
                Subtype = PublicationLabels.Label(p.Type),
                SubtypeKey = p.Type.ToString(),
                Year = p.Year,
                // A document has one municipality for the facet: the publication's only one. A publication about several
                // is found by its text, not through one of them.
                MunicipalityAgs = municipalities[p.Id].Count() == 1 ? municipalities[p.Id].First().Ags : null,
                TopicSlugs = [.. topics[key].Select(t => t.Slug)],
            };
        })];
    }

    public async Task<IReadOnlyList<string>> KeysAsync(QuartiersnetzDbContext db, int page, int pageSize, CancellationToken cancellationToken) =>
        [.. (await db.Set<Publication>().AsNoTracking().OrderBy(p => p.Id).Skip(page * pageSize).Take(pageSize).Select(p => p.Id).ToListAsync(cancellationToken)).Select(id => id.ToString())];
}
