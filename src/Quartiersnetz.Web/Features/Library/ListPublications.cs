using System.Globalization;
using System.Linq.Expressions;
using Quartiersnetz.Data;
using Quartiersnetz.Data.Reference;
using Quartiersnetz.Features.Events;
using Quartiersnetz.Features.ProgrammeAreas;
using Quartiersnetz.Features.Projects;
using Quartiersnetz.Features.Shared;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.Platform.Caching;
using Quartiersnetz.Platform.Files;
using Quartiersnetz.Platform.Paging;
using Quartiersnetz.Platform.Search;

namespace Quartiersnetz.Features.Library;

/// <summary>The library's filters; null is "all". <see cref="Sort"/>: "neu" (default), "titel", "jahr".</summary>
/// <see cref="AreaId"/>: about that programme area; <see cref="EventId"/>: documenting that event (the event page's section).
/// <see cref="PersonId"/>, <see cref="OrganisationId"/>: with that person or organisation among the linked authors and editors.
internal sealed record LibraryFilter(
    PublicationType? Type = null, string? TopicSlug = null, int? Year = null, string? Sort = null, string? MunicipalityAgs = null, Guid? AreaId = null, Guid? EventId = null,
    Guid? PersonId = null, Guid? OrganisationId = null)
{
    public static readonly string[] Sorts = ["neu", "titel", "jahr"];
}

/// <summary>A publication in the library list and the API.</summary>
internal sealed record PublicationSummary(
    Guid Id, string Slug, PublicationType Type, string Title, string? Subtitle, int Year, PublicationVisibility Visibility, DateTime? PublishedAtUtc)
{
    public string Url => "/bibliothek/" + Slug;

    /// <summary>Authors, else editors, in title-page order.</summary>
    public IReadOnlyList<string> Contributors { get; init; } = [];

    /// <summary>The cover's alternative text; null when the publication has no cover.</summary>
    public string? CoverAltText { get; init; }

    /// <summary>Last change, which versions the cover's address.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public DateTime UpdatedAtUtc { get; init; }

    public string? CoverUrl => CoverAltText is null ? null : $"{Url}/titelbild?v={UpdatedAtUtc.Ticks.ToString(CultureInfo.InvariantCulture)}";
}

/// <summary>
/// An author or editor as written on the title page, with the directory entry it is linked to (<see cref="ContributorLinks"/>):
/// an organisation (public pages), or a person only when the viewer may see that person's name.
/// </summary>
internal sealed record PublicationContributorView(string Name, bool IsEditor)
{
    public Guid? PersonId { get; init; }

    public Guid? OrganisationId { get; init; }

    /// <summary>The linked profile's page, or null.</summary>
    public string? Url => PersonId is { } person ? "/personen/" + person : OrganisationId is { } organisation ? "/organisationen/" + organisation : null;
}

internal sealed record PublicationMunicipalityView(string Ags, string Name);

/// <summary>A programme area a publication is about, with its municipality (the form writes it as "Gemeinde: Gebiet").</summary>
internal sealed record PublicationAreaView(Guid Id, string Name, string MunicipalityName)
{
    public string Url => "/programmgebiete/" + Id;
}

/// <summary>A file as the publication page lists it.</summary>
internal sealed record PublicationFileView(
    Guid Id, string Title, string Extension, long SizeBytes, int? PageCount, int DownloadCount, DocumentTextStatus TextStatus)
{
    public string Label => DocumentContent.All.FirstOrDefault(k => k.Extension == Extension)?.Label ?? Extension.ToUpperInvariant();

    public string Size => DocumentContent.FormatSize(SizeBytes);

    /// <summary>Where the file is downloaded (set with its publication's address).</summary>
    public string Url { get; init; } = "";
}

/// <summary>One publication with everything its page, the exports and the office's form show.</summary>
internal sealed record PublicationDetails(
    Guid Id, string Slug, PublicationType Type, string Title, string? Subtitle, string? Publisher, int Year, DateOnly? PublishedOn,
    string Abstract, string Language, string? Licence, string? Doi, string? Isbn, string? Urn, PublicationVisibility Visibility,
    DateTime? PublishedAtUtc, DateTime CreatedAtUtc, DateTime UpdatedAtUtc)
{
    public IReadOnlyList<PublicationContributorView> Contributors { get; init; } = [];

    public IReadOnlyList<PublicationFileView> Files { get; init; } = [];

    public IReadOnlyList<TopicChoice> Topics { get; init; } = [];

    /// <summary>The municipalities the publication is about, in German order.</summary>
    public IReadOnlyList<PublicationMunicipalityView> Municipalities { get; init; } = [];

    /// <summary>The programme areas (Fördergebiete) it is about, by municipality, then area.</summary>
    public IReadOnlyList<PublicationAreaView> Areas { get; init; } = [];

    /// <summary>The events it belongs to that the viewer may see, earliest first.</summary>
    public IReadOnlyList<LinkedEventView> Events { get; init; } = [];

    /// <summary>Related publications (either side of the link) the viewer may read, in title order.</summary>
    public IReadOnlyList<LinkedPublicationView> Related { get; init; } = [];

    /// <summary>Published good-practice projects that name this publication, in title order.</summary>
    public IReadOnlyList<LinkedProjectView> Projects { get; init; } = [];

    /// <summary>Where the cover image is served (its address changes with each change of the publication), or null without one.</summary>
    public string? CoverUrl { get; init; }

    public string? CoverAltText { get; init; }

    public string? CoverCredit { get; init; }

    public string Url => "/bibliothek/" + Slug;

    public IEnumerable<string> Authors => Contributors.Where(c => !c.IsEditor).Select(c => c.Name);

    public IEnumerable<string> Editors => Contributors.Where(c => c.IsEditor).Select(c => c.Name);

    /// <summary>
    /// The citation line: authors (or editors with "(Hrsg.)"), year, title, subtitle, publisher, DOI or URN. The same line
    /// a German reference list uses ("Name (Jahr): Titel. Untertitel. Verlag.").
    /// </summary>
    public string Citation
    {
        get
        {
            var authors = Authors.ToList();
            var who = authors.Count > 0 ? string.Join("; ", authors) : string.Join("; ", Editors) + " (Hrsg.)";
            var parts = new List<string> { $"{who} ({Year.ToString(CultureInfo.InvariantCulture)}): {Title.TrimEnd('.')}." };
            if (!string.IsNullOrEmpty(Subtitle))
            {
                parts.Add(Subtitle.TrimEnd('.') + ".");
            }

            if (!string.IsNullOrEmpty(Publisher))
            {
                parts.Add(Publisher.TrimEnd('.') + ".");
            }

            if (Doi is not null)
            {
                parts.Add("https://doi.org/" + Doi);
            }
            else if (Urn is not null)
            {
                parts.Add(Urn);
            }

            return string.Join(" ", parts);
        }
    }
}

/// <summary>A stored cover and whether it may sit in shared caches (the publication is published and public).</summary>
internal sealed record CoverFile(string Key, bool ForEveryone);

internal static class ListPublications
{
    /// <summary>Published publications the audience may read. Drafts are left out for everyone here (the office has its own list).</summary>
    public static Expression<Func<Publication, bool>> PublishedFor(SearchAudience audience) =>
        audience >= SearchAudience.Members
            ? p => p.PublishedAtUtc != null
            : p => p.PublishedAtUtc != null && p.Visibility == PublicationVisibility.Public;

    public static async Task<PagedResult<PublicationSummary>> PageAsync(
        QuartiersnetzDbContext db, SearchAudience audience, LibraryFilter filter, PageRequest page, CancellationToken cancellationToken)
    {
        var query = db.Set<Publication>().AsNoTracking().Where(PublishedFor(audience));
        if (filter.Type is { } type)
        {
            query = query.Where(p => p.Type == type);
        }

        if (filter.Year is { } year)
        {
            query = query.Where(p => p.Year == year);
        }

        // The links filter as "Id IN (ids of the link table)", not as a correlated EXISTS: SQLite ran the EXISTS once per
        // publication (20,000 at national scale, 80 ms for an event page's documentation list); IN reads the few linked
        // ids through the link table's index once. PostgreSQL plans both alike.
        if (filter.MunicipalityAgs is { } ags)
        {
            var linked = db.Set<PublicationMunicipality>().Where(m => m.Ags == ags).Select(m => m.PublicationId);
            query = query.Where(p => linked.Contains(p.Id));
        }

        if (filter.AreaId is { } areaId)
        {
            var linked = db.Set<PublicationArea>().Where(a => a.AreaId == areaId).Select(a => a.PublicationId);
            query = query.Where(p => linked.Contains(p.Id));
        }

        if (filter.EventId is { } eventId)
        {
            var linked = db.Set<PublicationEvent>().Where(e => e.EventId == eventId).Select(e => e.PublicationId);
            query = query.Where(p => linked.Contains(p.Id));
        }

        if (filter.PersonId is { } personId)
        {
            var linked = db.Set<PublicationContributor>().Where(c => c.PersonId == personId).Select(c => c.PublicationId);
            query = query.Where(p => linked.Contains(p.Id));
        }

        if (filter.OrganisationId is { } organisationId)
        {
            var linked = db.Set<PublicationContributor>().Where(c => c.OrganisationId == organisationId).Select(c => c.PublicationId);
            query = query.Where(p => linked.Contains(p.Id));
        }

        if (!string.IsNullOrWhiteSpace(filter.TopicSlug))
        {
            var slug = filter.TopicSlug;
            var topicIds = db.Set<Topic>().Where(t => t.Slug == slug || db.Set<Topic>().Any(p => p.Id == t.ParentId && p.Slug == slug)).Select(t => t.Id);
            var tagged = db.Set<TopicAssignment>().Where(t => t.ItemKind == Publication.TopicKind && topicIds.Contains(t.TopicId)).Select(t => t.ItemKey);
            // Guid text differs by provider (SQLite upper case, PostgreSQL lower case); AssignTopics stores lower case.
#pragma warning disable CA1304, CA1311, CA1862 // translated to SQL lower(); culture and comparison overloads are not translatable
            query = query.Where(p => tagged.Contains(p.Id.ToString().ToLower()));
#pragma warning restore CA1304, CA1311, CA1862
        }

        var ordered = filter.Sort switch
        {
            "titel" => query.OrderBy(p => p.Title).ThenBy(p => p.Id),
            "jahr" => query.OrderByDescending(p => p.Year).ThenBy(p => p.Title).ThenBy(p => p.Id),
            _ => query.OrderByDescending(p => p.PublishedAtUtc).ThenBy(p => p.Id),
        };
        var result = await ordered
            .Select(p => new PublicationSummary(p.Id, p.Slug, p.Type, p.Title, p.Subtitle, p.Year, p.Visibility, p.PublishedAtUtc)
            {
                CoverAltText = p.CoverKey == null ? null : p.CoverAltText, UpdatedAtUtc = p.UpdatedAtUtc,
            })
            .ToPageAsync(page, cancellationToken);
        return result with { Items = await WithContributorsAsync(db, result.Items, cancellationToken) };
    }

    /// <summary>
    /// <see cref="PageAsync"/> shared per audience and filter (<see cref="AudienceDataCache"/>): a list page is the same
    /// for every member, and signed-in pages never come from the output cache (ADR 0004). Any saved change drops it.
    /// </summary>
    public static Task<PagedResult<PublicationSummary>> CachedPageAsync(
        QuartiersnetzDbContext db, AudienceDataCache cache, SearchAudience audience, LibraryFilter filter, PageRequest page, CancellationToken cancellationToken) =>
        // The filter and the page are records of plain values: their text names every field, so equal requests share one entry.
        cache.GetOrCreateAsync(
            string.Join('\u001f', "library-list", ((int)audience).ToString(CultureInfo.InvariantCulture), filter, page),
            AudienceDataCache.SavedChangeTags, r => 1 + (r.Items.Count / 10),
            () => PageAsync(db, audience, filter, page, cancellationToken));

    /// <summary>The newest publications the audience may read (feeds, home page).</summary>
    public static async Task<IReadOnlyList<PublicationSummary>> LatestAsync(QuartiersnetzDbContext db, SearchAudience audience, int count, CancellationToken cancellationToken)
    {
        var items = await db.Set<Publication>().AsNoTracking().Where(PublishedFor(audience))
            .OrderByDescending(p => p.PublishedAtUtc).ThenBy(p => p.Id).Take(count)
            .Select(p => new PublicationSummary(p.Id, p.Slug, p.Type, p.Title, p.Subtitle, p.Year, p.Visibility, p.PublishedAtUtc)
            {
                CoverAltText = p.CoverKey == null ? null : p.CoverAltText, UpdatedAtUtc = p.UpdatedAtUtc,
            })
            .ToListAsync(cancellationToken);
        return await WithContributorsAsync(db, items, cancellationToken);
    }

    /// <summary>
    /// The years that have publications the audience may read, newest first (the year filter's choices). Finding them
    /// reads every published row (25 ms on SQLite at 20,000 publications) for a list that changes only with the
    /// catalogue, so it is kept per audience and dropped with the public pages when content changes.
    /// </summary>
    public static async Task<IReadOnlyList<int>> YearsAsync(QuartiersnetzDbContext db, AudienceDataCache cache, SearchAudience audience, CancellationToken cancellationToken) =>
        await cache.GetOrCreateAsync(
            "library-years\u001f" + ((int)audience).ToString(CultureInfo.InvariantCulture),
            AudienceDataCache.SavedChangeTags,
            _ => 1,
            () => db.Set<Publication>().AsNoTracking().Where(PublishedFor(audience)).Select(p => p.Year).Distinct().OrderByDescending(y => y).ToListAsync(cancellationToken));

    /// <summary>
    /// The publication if the audience may read it: published and visible to them, or anything for the office. Null
    /// otherwise, so a hidden one answers 404 like a missing one and its existence does not leak.
    /// </summary>
    public static Task<PublicationDetails?> DetailsAsync(QuartiersnetzDbContext db, SearchAudience audience, string slug, CancellationToken cancellationToken)
    {
        var query = db.Set<Publication>().AsNoTracking().Where(p => p.Slug == slug);
        return DetailsAsync(db, audience, audience == SearchAudience.Office ? query : query.Where(PublishedFor(audience)), cancellationToken);
    }

    /// <summary>Any publication by id, drafts included: for the office's pages.</summary>
    public static Task<PublicationDetails?> ForOfficeAsync(QuartiersnetzDbContext db, Guid id, CancellationToken cancellationToken) =>
        DetailsAsync(db, SearchAudience.Office, db.Set<Publication>().AsNoTracking().Where(p => p.Id == id), cancellationToken);

    /// <summary>A publication's cover (storage key, kind by the key's extension) if the audience may read the publication.</summary>
    public static Task<CoverFile?> CoverAsync(QuartiersnetzDbContext db, SearchAudience audience, string slug, CancellationToken cancellationToken)
    {
        var query = db.Set<Publication>().AsNoTracking().Where(p => p.Slug == slug && p.CoverKey != null);
        return (audience == SearchAudience.Office ? query : query.Where(PublishedFor(audience)))
            .Select(p => new CoverFile(p.CoverKey!, p.PublishedAtUtc != null && p.Visibility == PublicationVisibility.Public))
            .SingleOrDefaultAsync(cancellationToken);
    }

    private static async Task<PublicationDetails?> DetailsAsync(QuartiersnetzDbContext db, SearchAudience audience, IQueryable<Publication> query, CancellationToken cancellationToken)
    {
        var details = await query
            .Select(p => new PublicationDetails(p.Id, p.Slug, p.Type, p.Title, p.Subtitle, p.Publisher, p.Year, p.PublishedOn, p.Abstract, p.Language,
                p.Licence, p.Doi, p.Isbn, p.Urn, p.Visibility, p.PublishedAtUtc, p.CreatedAtUtc, p.UpdatedAtUtc))
            .SingleOrDefaultAsync(cancellationToken);
        if (details is null)
        {
            return null;
        }

        var id = details.Id;
        var contributorRows = await db.Set<PublicationContributor>().AsNoTracking().Where(c => c.PublicationId == id).OrderBy(c => c.Position)
            .Select(c => new { c.Name, c.IsEditor, c.OrganisationId, c.PersonId })
            .ToListAsync(cancellationToken);
        var shownPeople = await ContributorLinks.ShownPeopleAsync(
            db, audience, [.. contributorRows.Where(c => c.PersonId is not null).Select(c => c.PersonId!.Value)], cancellationToken);
        var contributors = contributorRows
            .Select(c => new PublicationContributorView(c.Name, c.IsEditor)
            {
                PersonId = c.PersonId is { } person && shownPeople.Contains(person) ? person : null,
                OrganisationId = c.OrganisationId,
            })
            .ToList();
        var files = await db.Set<PublicationFile>().AsNoTracking().Where(f => f.PublicationId == id).OrderBy(f => f.UploadedAtUtc).ThenBy(f => f.Id)
            .Select(f => new PublicationFileView(f.Id, f.Title, f.Extension, f.SizeBytes, f.PageCount, f.DownloadCount, f.TextStatus))
            .ToListAsync(cancellationToken);
        var topics = await AssignTopics.ForItemAsync(db, Publication.TopicKind, id.ToString(), cancellationToken);
        var municipalities = await db.Set<PublicationMunicipality>().AsNoTracking().Where(m => m.PublicationId == id)
            .Join(db.Set<Municipality>(), pm => pm.Ags, m => m.Ags, (_, m) => m)
            .OrderBy(m => m.SortKey).Select(m => new PublicationMunicipalityView(m.Ags, m.Name)).ToListAsync(cancellationToken);
        var areas = await db.Set<PublicationArea>().AsNoTracking().Where(pa => pa.PublicationId == id)
            .Join(db.Set<ProgrammeArea>(), pa => pa.AreaId, a => a.Id, (_, a) => a)
            .Join(db.Set<Municipality>(), a => a.MunicipalityAgs, m => m.Ags, (a, m) => new { a.Id, a.Name, a.SortKey, Municipality = m.ShortName, MunicipalitySortKey = m.SortKey })
            .OrderBy(a => a.MunicipalitySortKey).ThenBy(a => a.SortKey)
            .Select(a => new PublicationAreaView(a.Id, a.Name, a.Municipality)).ToListAsync(cancellationToken);
        var cover = await query.Select(p => new { p.CoverKey, p.CoverAltText, p.CoverCredit }).SingleAsync(cancellationToken);
        var events = await LinkedItems.VisibleEventsAsync(db, db.Set<PublicationEvent>().Where(e => e.PublicationId == id).Select(e => e.EventId), audience, cancellationToken);
        var relatedIds = db.Set<PublicationRelation>().Where(r => r.PublicationId == id).Select(r => r.RelatedPublicationId)
            .Concat(db.Set<PublicationRelation>().Where(r => r.RelatedPublicationId == id).Select(r => r.PublicationId));
        var related = await LinkedItems.VisiblePublicationsAsync(db, relatedIds, audience, cancellationToken);
        var projects = await ListProjects.LinkedToPublicationAsync(db, id, cancellationToken);
        return details with
        {
            Events = events, Related = related, Projects = projects,
            CoverUrl = cover.CoverKey is null ? null : $"{details.Url}/titelbild?v={details.UpdatedAtUtc.Ticks.ToString(CultureInfo.InvariantCulture)}",
            CoverAltText = cover.CoverAltText, CoverCredit = cover.CoverCredit,
            Municipalities = municipalities, Areas = areas, Contributors = contributors, Files = [.. files.Select(f => f with { Url = $"{details.Url}/dateien/{f.Id}" })], Topics = topics };
    }

    /// <summary>Authors (else editors) of the listed publications, one query for all.</summary>
    private static async Task<List<PublicationSummary>> WithContributorsAsync(
        QuartiersnetzDbContext db, IReadOnlyList<PublicationSummary> items, CancellationToken cancellationToken)
    {
        var ids = items.Select(i => i.Id).ToList();
        if (ids.Count == 0)
        {
            return [];
        }

        var contributors = (await db.Set<PublicationContributor>().AsNoTracking().Where(c => ids.Contains(c.PublicationId))
                .OrderBy(c => c.Position).Select(c => new { c.PublicationId, c.Name, c.IsEditor }).ToListAsync(cancellationToken))
            .ToLookup(c => c.PublicationId);
        return [.. items.Select(i =>
        {
            var all = contributors[i.Id].ToList();
            var authors = all.Where(c => !c.IsEditor).Select(c => c.Name).ToList();
            return i with { Contributors = authors.Count > 0 ? authors : [.. all.Select(c => c.Name)] };
        })];
    }
}
