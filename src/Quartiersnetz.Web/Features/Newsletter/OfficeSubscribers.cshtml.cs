using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Shared;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Paging;

namespace Quartiersnetz.Features.Newsletter;

internal sealed record SubscriberRow(string Email, SubscriptionStatus Status, string ConsentTextVersion, DateTime ConsentGivenAtUtc, DateTime? ConfirmedAtUtc, DateTime? EndedAtUtc);

/// <summary>The public subscriptions with their status and consent, paged, by address.</summary>
[Authorize(Policy = Policies.Office)]
internal sealed class OfficeSubscribersModel(QuartiersnetzDbContext db) : PageModel
{
    private const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "seite")]
    public int? PageNumber { get; set; }

    public PagedResult<SubscriberRow> Result { get; private set; } = new([], 1, PageSize, 0);

    public SubscriberCounts Counts { get; private set; } = new(0, 0, 0, 0);

    public PagerModel Pager => new(Result.Page, Result.TotalPages, "/geschaeftsstelle/newsletter/abonnenten", new Dictionary<string, string?>());

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Result = await db.Set<NewsletterSubscription>().AsNoTracking()
            .OrderBy(s => s.EmailKey)
            .Select(s => new SubscriberRow(s.Email, s.Status, s.ConsentTextVersion, s.ConsentGivenAtUtc, s.ConfirmedAtUtc, s.UnsubscribedAtUtc ?? s.BouncedAtUtc))
            .ToPageAsync(PageRequest.Lenient(PageNumber, PageSize, PageSize), cancellationToken);
        Counts = await CountAsync(db, cancellationToken);
    }

    public static async Task<SubscriberCounts> CountAsync(QuartiersnetzDbContext db, CancellationToken cancellationToken)
    {
        var counts = await db.Set<NewsletterSubscription>().AsNoTracking().GroupBy(s => s.Status)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        return new SubscriberCounts(
            counts.GetValueOrDefault(SubscriptionStatus.Confirmed), counts.GetValueOrDefault(SubscriptionStatus.Pending),
            counts.GetValueOrDefault(SubscriptionStatus.Unsubscribed), counts.GetValueOrDefault(SubscriptionStatus.Bounced));
    }
}
