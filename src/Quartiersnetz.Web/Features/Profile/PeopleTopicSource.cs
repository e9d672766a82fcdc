using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Privacy;
using Quartiersnetz.Platform.Topics;

namespace Quartiersnetz.Features.Profile;

/// <summary>
/// People on a topic page: only those who agreed to be listed (directory-listing consent, not withdrawn) and
/// whose name the viewer may see; the function is added where its visibility allows. One query for all keys.
/// </summary>
internal sealed class PeopleTopicSource(QuartiersnetzDbContext db, IAuthorizationService authorization) : ITopicItemSource
{
    public string ItemKind => TopicKinds.Person;

    public string SectionTitle => "Personen";

    public async Task<IReadOnlyList<TopicItem>> ItemsAsync(IReadOnlyCollection<string> itemKeys, ClaimsPrincipal viewer, CancellationToken cancellationToken)
    {
        var ids = itemKeys.Select(k => Guid.TryParse(k, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).ToList();
        if (ids.Count == 0)
        {
            return [];
        }

        // Classified once for the whole list; Guid.Empty is nobody's id, so the viewer counts as Self only per row below.
        var audience = await ProfileVisibilityRules.ViewerAsync(authorization, viewer, Guid.Empty);
        var self = viewer.AccountId();
        var people = await db.Users.AsNoTracking()
            .Where(u => EF.Parameter(ids).Contains(u.Id)
                && db.Set<ConsentRecord>().Any(c => c.UserId == u.Id && c.Kind == ConsentKinds.DirectoryListing && c.WithdrawnAtUtc == null))
            .OrderBy(u => u.DisplayName)
            .Select(u => new { u.Id, u.DisplayName, u.NameVisibility, u.FunctionTitle, u.FunctionVisibility })
            .ToListAsync(cancellationToken);
        var items = new List<TopicItem>();
        foreach (var person in people)
        {
            var seenBy = person.Id == self ? ProfileViewer.Self : audience;
            if (!ProfileVisibilityRules.CanSee(person.NameVisibility, seenBy))
            {
                continue;
            }

            items.Add(new TopicItem(person.DisplayName, $"/personen/{person.Id}",
                ProfileVisibilityRules.CanSee(person.FunctionVisibility, seenBy) ? person.FunctionTitle : null));
        }

        return items;
    }
}
