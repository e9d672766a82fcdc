using Quartiersnetz.Data;
using Quartiersnetz.Features.Events;
using Quartiersnetz.Features.Library;
using Quartiersnetz.Platform.Search;

namespace Quartiersnetz.Features.Shared;

/// <summary>A linked event as a page and the API list it (a publication's, a project's).</summary>
internal sealed record LinkedEventView(Guid Id, string Title, DateTime StartUtc)
{
    public string Url => "/veranstaltungen/" + Id;
}

/// <summary>A linked publication as a page and the API list it (a related publication, a project's).</summary>
internal sealed record LinkedPublicationView(string Slug, string Title, PublicationType Type, int Year)
{
    public string Url => "/bibliothek/" + Slug;
}

/// <summary>
/// The linked events and publications a viewer may see, in one query each: the same rules as the event and library
/// pages (public items for everyone, members' items for members, everything for the office; invitation-only events only
/// for the office, as nobody's registration is looked up here). A hidden item is left out, never shown as a stub.
/// </summary>
internal static class LinkedItems
{
    public static Task<List<LinkedEventView>> VisibleEventsAsync(
        QuartiersnetzDbContext db, IQueryable<Guid> eventIds, SearchAudience audience, CancellationToken cancellationToken) =>
        LinkableEvents(db, audience).AsNoTracking().Where(e => eventIds.Contains(e.Id))
            .OrderBy(e => e.StartUtc).ThenBy(e => e.Id).Select(e => new LinkedEventView(e.Id, e.Title, e.StartUtc)).ToListAsync(cancellationToken);

    public static Task<List<LinkedPublicationView>> VisiblePublicationsAsync(
        QuartiersnetzDbContext db, IQueryable<Guid> publicationIds, SearchAudience audience, CancellationToken cancellationToken) =>
        Readable(db, audience).AsNoTracking().Where(p => publicationIds.Contains(p.Id)).OrderBy(p => p.Title).ThenBy(p => p.Id)
            .Select(p => new LinkedPublicationView(p.Slug, p.Title, p.Type, p.Year)).ToListAsync(cancellationToken);

    /// <summary>The events an audience may see and so link: all for the office, else public and members' events as far as it may.</summary>
    public static IQueryable<Event> LinkableEvents(QuartiersnetzDbContext db, SearchAudience audience) =>
        db.Set<Event>().Where(ListEvents.VisibleTo(db, new EventViewer(null, audience >= SearchAudience.Members, audience == SearchAudience.Office)));

    /// <summary>The publications an audience may read: drafts too for the office, else published ones of its visibility.</summary>
    public static IQueryable<Publication> Readable(QuartiersnetzDbContext db, SearchAudience audience) =>
        audience == SearchAudience.Office ? db.Set<Publication>() : db.Set<Publication>().Where(ListPublications.PublishedFor(audience));
}
