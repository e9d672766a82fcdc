using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Profile;
using Quartiersnetz.Features.Shared;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Caching;
using Quartiersnetz.Platform.Paging;
using Quartiersnetz.Platform.Topics;

namespace Quartiersnetz.Features.Topics;

/// <summary>
/// One section of a topic page: the items of one kind the viewer may see — a preview of the first ones on the topic
/// page, or one page of them when the visitor opened the section; <see cref="Total"/> counts all of them.
/// </summary>
internal sealed record TopicSection(string Kind, string Title, IReadOnlyList<TopicItem> Items, int Total);

/// <summary>All items of one kind a viewer of one audience may see on a topic page.</summary>
internal sealed record TopicSectionItems(string Kind, string Title, IReadOnlyList<TopicItem> Items);

/// <summary>What a topic page shows beyond the topic itself, the same for every viewer of one audience.</summary>
internal sealed record TopicPageData(TopicChoice? Parent, IReadOnlyList<TopicChoice> SubTopics, IReadOnlyList<TopicSectionItems> Sections)
{
    /// <summary>Units of about 1 KB for <see cref="AudienceDataCache"/>: an item is a title, a link and a detail line.</summary>
    public long Size => 1 + (SubTopics.Count + Sections.Sum(s => s.Items.Count)) / 8;
}

/// <summary>
/// A topic with everything tagged with it. Each registered source is asked once with all keys of its kind,
/// so the page needs the same number of queries for two linked people as for two hundred. A broad topic links a
/// thousand people at national scale: the page shows the first few of each kind and a link to all of them, which
/// opens that one section paged (<c>?bereich=person&amp;seite=2</c>).
/// Anonymous visitors get the kept page (output cache); signed-in visitors' pages are built per request (ADR 0004), but
/// what the sources answer depends only on the viewer's audience and on whether the viewer is tagged themselves
/// (<see cref="ITopicItemSource"/>), so it is shared per audience until the next saved change.
/// </summary>
[AllowAnonymous]
[OutputCache(PolicyName = PublicPageCache.PolicyName)]
internal sealed class DetailsModel(
    QuartiersnetzDbContext db, IEnumerable<ITopicItemSource> sources, IAuthorizationService authorization, AudienceDataCache cache) : PageModel
{
    /// <summary>Items per kind on the topic page itself.</summary>
    public const int PreviewSize = 10;

    /// <summary>Items per page when one section is opened.</summary>
    public const int PageSize = 50;

    /// <summary>The kind whose section alone is shown, paged; unknown kinds show the whole topic page.</summary>
    [BindProperty(SupportsGet = true, Name = "bereich")]
    public string? OnlyKind { get; set; }

    [BindProperty(SupportsGet = true, Name = "seite")]
    public int? PageNumber { get; set; }

    /// <summary>The opened section's pager; null on the topic page itself.</summary>
    public PagerModel? Pager { get; private set; }

    public TopicChoice Topic { get; private set; } = null!;

    public string? Description { get; private set; }

    public TopicChoice? Parent { get; private set; }

    public IReadOnlyList<TopicChoice> SubTopics { get; private set; } = [];

    public IReadOnlyList<TopicSection> Sections { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var found = await TopicLookup.FindAsync(db, slug, cancellationToken);
        if (found is null)
        {
            return NotFound();
        }

        if (found.Slug != slug)
        {
            return RedirectPermanent($"/themen/{found.Slug}");
        }

        Topic = new TopicChoice(found.Id, found.Slug, found.Name, found.ParentId);
        Description = found.Description;

        var audience = await ProfileVisibilityRules.ViewerAsync(authorization, User, Guid.Empty);
        // People always see themselves (PeopleTopicSource): a viewer tagged with this topic gets answers of their own.
        var self = User.AccountId() is { } me
            && await db.Set<TopicAssignment>().AnyAsync(a => a.TopicId == found.Id && a.ItemKind == TopicKinds.Person && a.ItemKey == me.ToString(), cancellationToken)
            ? me.ToString()
            : "";
        var data = await cache.GetOrCreateAsync(
            string.Join('\u001f', "topic-page", found.Id, audience, self), AudienceDataCache.SavedChangeTags, d => d.Size,
            () => DataAsync(found, cancellationToken));
        Parent = data.Parent;
        SubTopics = data.SubTopics;

        var only = data.Sections.FirstOrDefault(s => s.Kind == OnlyKind);
        OnlyKind = only?.Kind;
        var sections = new List<TopicSection>();
        foreach (var section in only is null ? data.Sections : [only])
        {
            if (only is null)
            {
                sections.Add(new TopicSection(section.Kind, section.Title, [.. section.Items.Take(PreviewSize)], section.Items.Count));
                continue;
            }

            var page = PageRequest.Lenient(PageNumber, PageSize, PageSize);
            var paged = new PagedResult<TopicItem>([.. section.Items.Skip(page.Skip).Take(page.PageSize)], page.Page, page.PageSize, section.Items.Count);
            Pager = new PagerModel(paged.Page, paged.TotalPages, $"/themen/{found.Slug}", new Dictionary<string, string?> { ["bereich"] = section.Kind });
            sections.Add(new TopicSection(section.Kind, section.Title, paged.Items, section.Items.Count));
        }

        Sections = sections;
        return Page();
    }

    private async Task<TopicPageData> DataAsync(TopicLookup.Found found, CancellationToken cancellationToken)
    {
        var parent = found.ParentId is { } parentId
            ? await db.Set<Topic>().AsNoTracking().Where(t => t.Id == parentId && t.Status == TopicStatus.Active)
                .Select(t => new TopicChoice(t.Id, t.Slug, t.Name, t.ParentId)).SingleOrDefaultAsync(cancellationToken)
            : null;
        var subTopics = await db.Set<Topic>().AsNoTracking().Where(t => t.ParentId == found.Id && t.Status == TopicStatus.Active)
            .OrderBy(t => t.SortKey).Select(t => new TopicChoice(t.Id, t.Slug, t.Name, t.ParentId)).ToListAsync(cancellationToken);

        var keys = (await db.Set<TopicAssignment>().AsNoTracking().Where(a => a.TopicId == found.Id)
                .Select(a => new { a.ItemKind, a.ItemKey }).ToListAsync(cancellationToken))
            .GroupBy(a => a.ItemKind, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyCollection<string>)g.Select(a => a.ItemKey).ToList(), StringComparer.Ordinal);
        var sections = new List<TopicSectionItems>();
        foreach (var source in sources)
        {
            var items = keys.TryGetValue(source.ItemKind, out var itemKeys)
                ? await source.ItemsAsync(itemKeys, User, cancellationToken)
                : [];
            sections.Add(new TopicSectionItems(source.ItemKind, source.SectionTitle, items));
        }

        return new TopicPageData(parent, subTopics, sections);
    }
}

/// <summary>Finds an active topic by slug, following merges to the topic that took over.</summary>
internal static class TopicLookup
{
    internal sealed record Found(Guid Id, string Slug, string Name, Guid? ParentId, string? Description);

    public static async Task<Found?> FindAsync(QuartiersnetzDbContext db, string slug, CancellationToken cancellationToken)
    {
        var topic = await db.Set<Topic>().AsNoTracking().Where(t => t.Slug == slug)
            .Select(t => new { t.Id, t.Slug, t.Name, t.ParentId, t.Description, t.Status, t.MergedIntoId }).SingleOrDefaultAsync(cancellationToken);
        // A chain of merges (A into B, later B into C) is short; the bound only guards against a cycle.
        for (var hops = 0; topic is { Status: TopicStatus.Retired, MergedIntoId: { } next } && hops < 10; hops++)
        {
            topic = await db.Set<Topic>().AsNoTracking().Where(t => t.Id == next)
                .Select(t => new { t.Id, t.Slug, t.Name, t.ParentId, t.Description, t.Status, t.MergedIntoId }).SingleOrDefaultAsync(cancellationToken);
        }

        return topic is { Status: TopicStatus.Active } ? new Found(topic.Id, topic.Slug, topic.Name, topic.ParentId, topic.Description) : null;
    }
}
