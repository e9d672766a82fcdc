using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Shared;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.Platform.Paging;

namespace Quartiersnetz.Features.News;

/// <summary>Aktuelles: the published articles the viewer may read, newest first, paged, with a topic filter.</summary>
[AllowAnonymous]
// Anonymous visitors get the kept page (ADR 0004); any saved change drops it (also the job that publishes scheduled articles).
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = Quartiersnetz.Platform.Caching.PublicPageCache.PolicyName)]
internal sealed class IndexModel(QuartiersnetzDbContext db, IAuthorizationService authorization, TimeProvider clock) : PageModel
{
    private const int PageSize = 10;

    [BindProperty(SupportsGet = true, Name = "thema")]
    public string? Topic { get; set; }

    [BindProperty(SupportsGet = true, Name = "seite")]
    public int? PageNumber { get; set; }

    public IReadOnlyList<TopicGroup> Topics { get; private set; } = [];

    public PagedResult<NewsSummary> Result { get; private set; } = new([], 1, PageSize, 0);

    public PagerModel Pager => new(Result.Page, Result.TotalPages, "/aktuelles", new Dictionary<string, string?> { ["thema"] = Topic });

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Topics = await AssignTopics.ActiveTreeAsync(db, cancellationToken);
        var known = Topics.SelectMany(g => g.SubTopics.Prepend(g.Topic)).Any(t => t.Slug == Topic);
        Topic = known ? Topic : null;
        var viewer = await NewsViewer.FromAsync(authorization, User);
        Result = await ListNews.PageAsync(db, viewer, clock.GetUtcNow().UtcDateTime, Topic, PageRequest.Lenient(PageNumber, PageSize, PageSize), cancellationToken);
    }
}
