using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Shared;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Localization;
using Quartiersnetz.Platform.Paging;

namespace Quartiersnetz.Features.Events;

/// <summary>One of the person's registrations on "Meine Veranstaltungen".</summary>
internal sealed record MyEventRow(
    Guid EventId, string Title, DateTime StartUtc, DateTime EndUtc, EventStatus EventStatus, RegistrationStatus Status, int? WaitlistPosition, DateTime CancelUntilUtc);

/// <summary>
/// "Meine Veranstaltungen": the signed-in person's registrations (upcoming and past), self-cancellation until the
/// deadline, leaving the waiting list, and the personal calendar address. SignedIn, not Member: anyone with an
/// account may register for public events (the registration endpoint is SignedIn), so anyone may see and manage them.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
internal sealed class MyEventsModel(QuartiersnetzDbContext db, TimeProvider clock, EventLinks links, IStringLocalizer<Texts> l) : PageModel
{
    public const string Path = "/meine-veranstaltungen";
    private const int PageSize = 20;

    /// <summary>Page of the past list; the name it had before the upcoming list was paged, so old links still work.</summary>
    [BindProperty(SupportsGet = true, Name = "seite")]
    public int? PageNumber { get; set; }

    /// <summary>Page of the upcoming list, a parameter of its own so the two lists page independently.</summary>
    [BindProperty(SupportsGet = true, Name = "seite-anstehend")]
    public int? UpcomingPageNumber { get; set; }

    public PagedResult<MyEventRow> Upcoming { get; private set; } = new([], 1, PageSize, 0);

    public PagedResult<MyEventRow> Past { get; private set; } = new([], 1, PageSize, 0);

    public PagerModel UpcomingPager => new(
        Upcoming.Page, Upcoming.TotalPages, Path, new Dictionary<string, string?> { ["seite"] = PageValue(Past) }, "seite-anstehend",
        l["Seitennavigation: anstehende Veranstaltungen"]);

    public PagerModel Pager => new(
        Past.Page, Past.TotalPages, Path, new Dictionary<string, string?> { ["seite-anstehend"] = PageValue(Upcoming) }, "seite",
        l["Seitennavigation: vergangene Veranstaltungen"]);

    public DateTime Now { get; private set; }

    public DateTime? FeedCreatedAtUtc { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    [TempData]
    public string? ErrorMessage { get; set; }

    /// <summary>The new secret address, shown once right after it was made (only its hash is stored).</summary>
    [TempData]
    public string? NewFeedUrl { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var me = Me;
        Now = clock.GetUtcNow().UtcDateTime;
        var now = Now;
        // Both lists' counts and the calendar address's date in one statement; each page is then read on its own.
        var mine = Mine(me);
        var head = await db.Users.AsNoTracking().Where(u => u.Id == me)
            .Select(u => new
            {
                Upcoming = mine.Count(x => x.Event.EndUtc >= now),
                Past = mine.Count(x => x.Event.EndUtc < now),
                Feed = db.Set<CalendarFeedToken>().Where(t => t.PersonId == me).Select(t => (DateTime?)t.CreatedAtUtc).FirstOrDefault(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        var (upcomingTotal, pastTotal) = (head?.Upcoming ?? 0, head?.Past ?? 0);
        FeedCreatedAtUtc = head?.Feed;
        var upcomingRequest = PageRequest.Lenient(UpcomingPageNumber, PageSize, PageSize);
        var upcomingPages = new PagedResult<MyEventRow>([], 1, PageSize, upcomingTotal).TotalPages;
        if (upcomingRequest.Page > upcomingPages)
        {
            // Back from cancelling the only entry of the last page: show the page that is now the last.
            upcomingRequest = upcomingRequest with { Page = upcomingPages };
        }

        Upcoming = await Project(Mine(me).Where(x => x.Event.EndUtc >= now).OrderBy(x => x.Event.StartUtc).ThenBy(x => x.Event.Id))
            .ToPageAsync(upcomingRequest, upcomingTotal, cancellationToken);
        Past = await Project(Mine(me).Where(x => x.Event.EndUtc < now).OrderByDescending(x => x.Event.StartUtc).ThenBy(x => x.Event.Id))
            .ToPageAsync(PageRequest.Lenient(PageNumber, PageSize, PageSize), pastTotal, cancellationToken);
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid eventId, CancellationToken cancellationToken)
    {
        var outcome = await RegisterForEvent.CancelAsync(db, clock, eventId, Me, byOffice: false, cancellationToken);
        if (outcome.Refusal is { } refusal)
        {
            ErrorMessage = l[refusal.Message, refusal.Args];
        }
        else if (outcome.Result == RegisterForEvent.Result.NotFound)
        {
            ErrorMessage = l["Diese Veranstaltung gibt es nicht."];
        }
        else
        {
            StatusMessage = l["Sie haben sich abgemeldet."];
        }

        // Back to the pages the person was on (the form carries them), not to the first page.
        var pages = new Dictionary<string, string?>
        {
            ["seite-anstehend"] = UpcomingPageNumber > 1 ? UpcomingPageNumber.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
            ["seite"] = PageNumber > 1 ? PageNumber.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
        };
        return Redirect(Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(Path, pages.Where(p => p.Value is not null)));
    }

    public async Task<IActionResult> OnPostRenewFeedAsync(CancellationToken cancellationToken)
    {
        var token = await PersonalCalendarFeed.RenewAsync(db, clock, Me, cancellationToken);
        NewFeedUrl = links.Absolute(PersonalCalendarFeed.Path(token));
        StatusMessage = l["Ihre persönliche Kalender-Adresse ist erstellt. Eine frühere Adresse funktioniert nicht mehr."];
        return Redirect(Path + "#kalender");
    }

    public async Task<IActionResult> OnPostRevokeFeedAsync(CancellationToken cancellationToken)
    {
        await PersonalCalendarFeed.RevokeAsync(db, Me, cancellationToken);
        StatusMessage = l["Ihre persönliche Kalender-Adresse ist widerrufen und funktioniert nicht mehr."];
        return Redirect(Path + "#kalender");
    }

    /// <summary>A list's page for the other list's pager to keep; none for the first page, so addresses stay short.</summary>
    private static string? PageValue(PagedResult<MyEventRow> list) =>
        list.Page > 1 ? list.Page.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;

    /// <summary>The policy guarantees a signed-in account.</summary>
    private Guid Me => User.AccountId()!.Value;

    private IQueryable<MineRow> Mine(Guid me) =>
        from r in db.Set<EventRegistration>().AsNoTracking()
        where r.PersonId == me && r.Status != RegistrationStatus.Cancelled
        join e in db.Set<Event>() on r.EventId equals e.Id
        select new MineRow { Registration = r, Event = e };

    /// <summary>Projected last: ordering and paging run on the entities, which EF translates.</summary>
    private IQueryable<MyEventRow> Project(IQueryable<MineRow> rows) =>
        rows.Select(x => new MyEventRow(
            x.Event.Id, x.Event.Title, x.Event.StartUtc, x.Event.EndUtc, x.Event.Status, x.Registration.Status,
            x.Registration.Status == RegistrationStatus.Waitlisted
                ? db.Set<EventRegistration>().Count(o => o.EventId == x.Event.Id && o.Status == RegistrationStatus.Waitlisted && o.WaitlistNumber <= x.Registration.WaitlistNumber)
                : null,
            x.Event.CancellationDeadlineUtc ?? x.Event.StartUtc));

    private sealed class MineRow
    {
        public required EventRegistration Registration { get; init; }

        public required Event Event { get; init; }
    }
}
