using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Topics;

namespace Quartiersnetz.Features.Studies;

/// <summary>The studies on a topic that the viewer may see; one query for all keys.</summary>
internal sealed class StudyTopicSource(QuartiersnetzDbContext db, IAuthorizationService authorization) : ITopicItemSource
{
    private const int MaxItems = 20;

    public string ItemKind => Study.TopicKind;

    public string SectionTitle => "Forschungsaufträge";

    public async Task<IReadOnlyList<TopicItem>> ItemsAsync(IReadOnlyCollection<string> itemKeys, ClaimsPrincipal viewer, CancellationToken cancellationToken)
    {
        var ids = itemKeys.Select(k => Guid.TryParse(k, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).Distinct().ToList();
        if (ids.Count == 0)
        {
            return [];
        }

        var audience = await ViewerAudience.OfAsync(authorization, viewer);
        var items = await db.Set<Study>().AsNoTracking()
            .Where(s => EF.Parameter(ids).Contains(s.Id))
            .Where(ListStudies.PublishedFor(audience))
            .OrderByDescending(s => s.StartOn).ThenBy(s => s.Title).ThenBy(s => s.Id)
            .Take(MaxItems)
            .Select(s => new { s.Slug, s.Title, s.Status, s.Contractor })
            .ToListAsync(cancellationToken);
        return [.. items.Select(s => new TopicItem(s.Title, "/studien/" + s.Slug,
            s.Contractor is null ? StudyLabels.Label(s.Status) : $"{StudyLabels.Label(s.Status)}, {s.Contractor}"))];
    }
}
