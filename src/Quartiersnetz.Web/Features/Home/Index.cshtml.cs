using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Quartiersnetz.Data;
using Quartiersnetz.Data.Reference;
using Quartiersnetz.Features.Events;
using Quartiersnetz.Features.Library;
using Quartiersnetz.Features.News;
using Quartiersnetz.Features.Projects;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Caching;
using Quartiersnetz.Platform.Paging;

namespace Quartiersnetz.Features.Home;

[AllowAnonymous]
[OutputCache(PolicyName = PublicPageCache.PolicyName)]
internal sealed class IndexModel(QuartiersnetzDbContext db, IAuthorizationService authorization, TimeProvider clock) : PageModel
{
    /// <summary>The newest articles the viewer may read (members also see members' articles); empty shows the empty state.</summary>
    public IReadOnlyList<NewsSummary> LatestNews { get; private set; } = [];

    /// <summary>The next events the viewer may see (visitors: public ones), with their count for the link to all.</summary>
    public PagedResult<EventSummary> UpcomingEvents { get; private set; } = new([], 1, UpcomingEventCount, 0);

    public const int UpcomingEventCount = 3;

    /// <summary>The newest publications the viewer may read (members also see members' publications).</summary>
    public IReadOnlyList<PublicationSummary> LatestPublications { get; private set; } = [];

    /// <summary>Good-practice projects: those the office featured first, then the newest.</summary>
    public IReadOnlyList<ProjectSummary> FeaturedProjects { get; private set; } = [];

    public int MunicipalityCount { get; private set; }

    public int DistrictCount { get; private set; }

    public long Population { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var municipalities = db.Set<Municipality>().AsNoTracking();
        MunicipalityCount = await municipalities.CountAsync(cancellationToken);
        Population = await municipalities.SumAsync(m => (long)m.Population, cancellationToken);
        DistrictCount = await db.Set<District>().CountAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        LatestNews = await ListNews.LatestAsync(db, await NewsViewer.FromAsync(authorization, User), now, 3, cancellationToken);
        var viewer = EventViewer.From(await RegistrationActor.FromAsync(authorization, User));
        UpcomingEvents = await ListEvents.HandleAsync(db, viewer, new EventFilter(), now, new PageRequest(1, UpcomingEventCount), cancellationToken);
        LatestPublications = await ListPublications.LatestAsync(db, await ViewerAudience.OfAsync(authorization, User), 3, cancellationToken);
        FeaturedProjects = await ListProjects.FeaturedAsync(db, 3, cancellationToken);
    }
}
