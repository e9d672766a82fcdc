using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Search;

namespace Quartiersnetz.Features.Search;

/// <summary>A similar item as shown: title, address and the German label of its kind (a localizer key).</summary>
internal sealed record SimilarItemView(string Title, string Url, string KindLabel);

/// <summary>
/// "Ähnliche Inhalte" on an item's page (<c>_SimilarItems.cshtml</c>): up to five other items the viewer may see, from
/// one query over the search index (<see cref="SimilarItemsQuery"/>).
/// </summary>
internal sealed class SimilarItems(SimilarItemsQuery query, IEnumerable<ISearchSource> sources, IAuthorizationService authorization)
{
    public async Task<IReadOnlyList<SimilarItemView>> ForAsync(SearchItemRef item, ClaimsPrincipal viewer, HttpContext http, CancellationToken cancellationToken)
    {
        var audience = await ViewerAudience.OfAsync(authorization, viewer);
        var found = await query.FindAsync(item, audience, http, cancellationToken);
        if (found.Count == 0)
        {
            return [];
        }

        var labels = sources.ToDictionary(s => s.Kind, s => s.Label, StringComparer.Ordinal);
        return [.. found.Select(f => new SimilarItemView(f.Title, f.Url, labels.GetValueOrDefault(f.Kind) ?? f.Kind))];
    }
}
