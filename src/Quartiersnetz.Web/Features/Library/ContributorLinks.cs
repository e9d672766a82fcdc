using Quartiersnetz.Data;
using Quartiersnetz.Data.Reference;
using Quartiersnetz.Features.Organisations;
using Quartiersnetz.Features.People;
using Quartiersnetz.Features.Profile;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Search;

namespace Quartiersnetz.Features.Library;

/// <summary>The directory entry an author's or editor's name stands for: a person or an organisation, never both.</summary>
internal sealed record ContributorLink(Guid? PersonId, Guid? OrganisationId);

/// <summary>
/// Links authors and editors to the directory when a publication is saved (form, API and CSV import alike): a name
/// stands for the one organisation or the one active person whose name folds to the same key (case, umlauts and
/// ae/oe/ue alike, <see cref="GermanSortKey"/>). A name that fits several entries — two people called alike, or a person
/// and an organisation — stays unlinked: a wrong link would credit someone else's work, a missing one only costs the
/// link. The title page's spelling is kept as the name; the link only adds the way to the profile.
/// </summary>
internal static class ContributorLinks
{
    public static async Task<IReadOnlyDictionary<string, ContributorLink>> ResolveAsync(
        QuartiersnetzDbContext db, IEnumerable<string> names, CancellationToken cancellationToken)
    {
        var keys = names.Select(GermanSortKey.For).Where(k => k.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (keys.Count == 0)
        {
            return new Dictionary<string, ContributorLink>();
        }

        var organisations = await db.Set<Organisation>().AsNoTracking().Where(o => keys.Contains(o.SortKey))
            .Select(o => new { o.Id, o.SortKey }).ToListAsync(cancellationToken);
        var people = (await db.Users.AsNoTracking().Where(u => keys.Contains(u.SortKey))
                .Select(u => new { u.Id, u.SortKey, u.LockoutEnd }).ToListAsync(cancellationToken))
            .Where(u => !AccountActivation.IsDeactivated(u.LockoutEnd));
        var candidates = organisations.Select(o => (o.SortKey, Link: new ContributorLink(null, o.Id)))
            .Concat(people.Select(p => (p.SortKey, Link: new ContributorLink(p.Id, null))));
        return candidates.GroupBy(c => c.SortKey, StringComparer.Ordinal)
            .Where(g => g.Count() == 1)
            .ToDictionary(g => g.Key, g => g.Single().Link, StringComparer.Ordinal);
    }

    /// <summary>
    /// Which of the linked people an audience is shown as people: those it finds in the directory's lists (name visible,
    /// listed or an external contact, not deactivated; <see cref="ProfileVisibilityRules.ListedFor"/>). A person who did
    /// not agree to be listed keeps their name on the title page, but no link leads from it to them. The office sees all.
    /// </summary>
    public static async Task<HashSet<Guid>> ShownPeopleAsync(
        QuartiersnetzDbContext db, SearchAudience audience, IReadOnlyCollection<Guid> personIds, CancellationToken cancellationToken)
    {
        if (personIds.Count == 0)
        {
            return [];
        }

        var ids = personIds.Distinct().ToList();
        var people = db.Users.AsNoTracking().Where(u => ids.Contains(u.Id));
        if (audience < SearchAudience.Office)
        {
            // The audiences line up with the profile's viewers (public, members, office).
            var viewer = (ProfileViewer)(int)audience;
            var visible = Enum.GetValues<ProfileVisibility>().Where(v => ProfileVisibilityRules.CanSee(v, viewer)).ToList();
            people = ProfileVisibilityRules.ListedFor(people, db, visible, Guid.Empty, probePerRow: false)
                .Where(u => u.LockoutEnd != AccountActivation.DeactivatedUntil);
        }

        return [.. await people.Select(u => u.Id).ToListAsync(cancellationToken)];
    }

    /// <summary>The link for one name from <see cref="ResolveAsync"/>'s answer, or none.</summary>
    public static ContributorLink For(IReadOnlyDictionary<string, ContributorLink> links, string name) =>
        links.TryGetValue(GermanSortKey.For(name), out var link) ? link : new ContributorLink(null, null);
}
