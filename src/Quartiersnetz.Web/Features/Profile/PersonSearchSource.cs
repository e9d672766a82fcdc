using Quartiersnetz.Data;
using Quartiersnetz.Data.Reference;
using Quartiersnetz.Features.Organisations;
using Quartiersnetz.Features.People;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Privacy;
using Quartiersnetz.Platform.Search;

namespace Quartiersnetz.Features.Profile;

/// <summary>
/// People in the search, one document per audience with what that audience may see (the rules of the people list and
/// <see cref="ProfileVisibilityRules"/>): outside the office only people listed in the directory (consent not withdrawn,
/// or external contacts), not deactivated, and only where the name is visible; function, organisation and place only
/// where their visibility allows. The office finds everyone.
/// </summary>
internal sealed class PersonSearchSource : ISearchSource
{
    public string Kind => "person";

    public string Label => "Personen";

    public int Order => 50;

    /// <summary>People are not "similar content"; each item's page shows its own contacts as far as they may be seen.</summary>
    public bool OffersSimilarItems => false;

    public IReadOnlyCollection<Type> EntityTypes { get; } = [typeof(UserAccount), typeof(ConsentRecord), typeof(TopicAssignment)];

    public IEnumerable<string> KeysOf(object entity) => entity switch
    {
        UserAccount user => [user.Id.ToString()],
        ConsentRecord { Kind: ConsentKinds.DirectoryListing } consent => [consent.UserId.ToString()],
        TopicAssignment { ItemKind: TopicKinds.Person } assignment => [assignment.ItemKey],
        _ => [],
    };

    public async Task<IReadOnlyList<SearchDocumentDraft>> BuildAsync(QuartiersnetzDbContext db, IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        var ids = keys.Select(k => Guid.TryParse(k, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).ToList();
        var people = await db.Users.AsNoTracking()
            .Where(u => ids.Contains(u.Id))
            .Select(u => new
            {
                u.Id, u.DisplayName, u.NameVisibility, u.FunctionTitle, u.FunctionVisibility, u.Organisation, u.OrganisationVisibility,
                u.MunicipalityAgs, u.LockoutEnd, u.IsExternalContact,
                OrganisationName = db.Set<Organisation>().Where(o => o.Id == u.OrganisationId).Select(o => o.Name).FirstOrDefault(),
                MunicipalityName = db.Set<Municipality>().Where(m => m.Ags == u.MunicipalityAgs).Select(m => m.Name).FirstOrDefault(),
                Listed = db.Set<ConsentRecord>().Any(c => c.UserId == u.Id && c.Kind == ConsentKinds.DirectoryListing && c.WithdrawnAtUtc == null),
            })
            .ToListAsync(cancellationToken);
        var topics = await TopicSearchSource.TopicsOfAsync(db, TopicKinds.Person, keys, cancellationToken);
        var drafts = new List<SearchDocumentDraft>();
        foreach (var p in people)
        {
            var key = p.Id.ToString();
            var findable = (p.Listed || p.IsExternalContact) && !AccountActivation.IsDeactivated(p.LockoutEnd);
            drafts.AddRange(SearchDocumentDraft.PerAudience(audience =>
            {
                var viewer = audience switch
                {
                    SearchAudience.Public => ProfileViewer.Public,
                    SearchAudience.Members => ProfileViewer.Member,
                    _ => ProfileViewer.Office,
                };
                if (viewer < ProfileViewer.Office && (!findable || !ProfileVisibilityRules.CanSee(p.NameVisibility, viewer)))
                {
                    return null;
                }

                var function = ProfileVisibilityRules.CanSee(p.FunctionVisibility, viewer) ? p.FunctionTitle : null;
                var organisation = ProfileVisibilityRules.CanSee(p.OrganisationVisibility, viewer);
                var body = string.Join("\n", new[]
                {
                    function,
                    organisation ? p.OrganisationName ?? p.Organisation : null,
                    organisation ? p.MunicipalityName : null,
                    string.Join(", ", topics[key].Select(t => t.Name).Where(n => n.Length > 0)),
                }.Where(x => !string.IsNullOrWhiteSpace(x)));
                return new SearchDocumentDraft(key, p.DisplayName, $"/personen/{p.Id}", body)
                {
                    Subtype = function,
                    MunicipalityAgs = organisation ? p.MunicipalityAgs : null,
                    TopicSlugs = [.. topics[key].Select(t => t.Slug)],
                };
            }));
        }

        return drafts;
    }

    public async Task<IReadOnlyList<string>> KeysAsync(QuartiersnetzDbContext db, int page, int pageSize, CancellationToken cancellationToken) =>
        [.. (await db.Users.AsNoTracking().OrderBy(u => u.Id).Skip(page * pageSize).Take(pageSize).Select(u => u.Id).ToListAsync(cancellationToken)).Select(id => id.ToString())];
}
