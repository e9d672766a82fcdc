using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Topics;

namespace Quartiersnetz.Features.Library;

/// <summary>The newest publications on a topic that the viewer may read (members also see members' publications); one query for all keys.</summary>
internal sealed class PublicationTopicSource(QuartiersnetzDbContext db, IAuthorizationService authorization) : ITopicItemSource
{
    private const int MaxItems = 20;

    public string ItemKind => Publication.TopicKind;

    public string SectionTitle => "Veröffentlichungen";

    public async Task<IReadOnlyList<TopicItem>> ItemsAsync(IReadOnlyCollection<string> itemKeys, ClaimsPrincipal viewer, CancellationToken cancellationToken)
    {
        var ids = itemKeys.Select(k => Guid.TryParse(k, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).Distinct().ToList();
        if (ids.Count == 0)
        {
            return [];
        }

        var audience = await ViewerAudience.OfAsync(authorization, viewer);
        var items = await db.Set<Publication>().AsNoTracking()
            .Where(p => EF.Parameter(ids).Contains(p.Id))
            .Where(ListPublications.PublishedFor(audience))
            .OrderByDescending(p => p.Year).ThenBy(p => p.Title).ThenBy(p => p.Id)
            .Take(MaxItems)
            .Select(p => new { p.Slug, p.Title, p.Type, p.Year })
            .ToListAsync(cancellationToken);
        return [.. items.Select(p => new TopicItem(p.Title, "/bibliothek/" + p.Slug,
            PublicationLabels.Label(p.Type) + ", " + p.Year.ToString(CultureInfo.InvariantCulture)))];
    }
}
