using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Library;
using Quartiersnetz.Features.Shared;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Caching;
using Quartiersnetz.Platform.Paging;

namespace Quartiersnetz.Features.Studies;

/// <summary>
/// The network's commissioned studies: running contracts first, filtered by topic and status, paged. Unknown filter values
/// are dropped, so an old bookmark still opens the list.
/// </summary>
[AllowAnonymous]
[OutputCache(PolicyName = PublicPageCache.PolicyName)]
internal sealed class IndexModel(QuartiersnetzDbContext db, IAuthorizationService authorization) : PageModel
{
    private const int PageSize = 20;

    [BindProperty(SupportsGet = true, Name = "thema")]
    public string? Topic { get; set; }

    [BindProperty(SupportsGet = true, Name = "stand")]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "seite")]
    public int? PageNumber { get; set; }

    public IReadOnlyList<TopicGroup> Topics { get; private set; } = [];

    public PagedResult<StudySummary> Result { get; private set; } = new([], 1, PageSize, 0);

    public PagerModel Pager => new(Result.Page, Result.TotalPages, "/studien", new Dictionary<string, string?> { ["thema"] = Topic, ["stand"] = Status });

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var audience = await ViewerAudience.OfAsync(authorization, User);
        Topics = await AssignTopics.ActiveTreeAsync(db, cancellationToken);
        Topic = Topics.SelectMany(g => g.SubTopics.Prepend(g.Topic)).Any(t => t.Slug == Topic) ? Topic : null;
        var status = PublicationLabels.Parse<StudyStatus>(Status);
        Status = status?.ToString();
        Result = await ListStudies.PageAsync(db, audience, new StudyFilter(Topic, status), PageRequest.Lenient(PageNumber, PageSize, PageSize), cancellationToken);
    }
}
