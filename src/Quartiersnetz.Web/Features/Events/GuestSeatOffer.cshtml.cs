using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Http;
using Quartiersnetz.Platform.Localization;

namespace Quartiersnetz.Features.Events;

/// <summary>
/// A guest's seat offer, reached by the secret link in the offer mail (a guest has no account). Like the members'
/// page, opening the link changes nothing; the buttons accept or decline through the same use case. The link is a
/// secret, so the page counts against the rate limit like the other guest links.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.Auth)]
internal sealed class GuestSeatOfferModel(QuartiersnetzDbContext db, TimeProvider clock, EventNoticeSignal signal, IStringLocalizer<Texts> l) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "antwort")]
    public string? Answer { get; set; }

    public string Token { get; private set; } = "";

    public Guid EventId { get; private set; }

    public string Title { get; private set; } = "";

    public DateTime StartUtc { get; private set; }

    public RegistrationStatus Status { get; private set; }

    public DateTime? OfferExpiresUtc { get; private set; }

    public int Companions { get; private set; }

    public bool Expired => OfferExpiresUtc is { } until && until <= clock.GetUtcNow().UtcDateTime;

    public bool DeclineFirst => Answer == "ablehnen";

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken) =>
        await LoadAsync(token, cancellationToken) is null ? NotFound() : Page();

    public async Task<IActionResult> OnPostAcceptAsync(string token, CancellationToken cancellationToken)
    {
        if (await LoadAsync(token, cancellationToken) is not { } registrationId)
        {
            return NotFound();
        }

        var outcome = await EventOffers.AcceptRegistrationAsync(db, clock, EventId, registrationId, cancellationToken);
        return Done(token, outcome, l["Sie haben den Platz angenommen. Ihre Anmeldung ist bestätigt."]);
    }

    public async Task<IActionResult> OnPostDeclineAsync(string token, CancellationToken cancellationToken)
    {
        if (await LoadAsync(token, cancellationToken) is not { } registrationId)
        {
            return NotFound();
        }

        var outcome = await EventOffers.DeclineRegistrationAsync(db, clock, EventId, registrationId, cancellationToken);
        signal.Wake();
        return Done(token, outcome, l["Sie haben den Platz abgelehnt; er geht an die nächste Person auf der Warteliste."]);
    }

    private IActionResult Done(string token, RegisterForEvent.Outcome outcome, string success)
    {
        if (outcome.Result == RegisterForEvent.Result.NotFound)
        {
            return NotFound();
        }

        StatusMessage = outcome.Refusal is { } refusal ? l[refusal.Message, refusal.Args] : success;
        return Redirect(GuestRegistration.OfferPath + Uri.EscapeDataString(token));
    }

    /// <summary>The registration the link belongs to (null for an unknown link), with the event and the offer.</summary>
    private async Task<Guid?> LoadAsync(string token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return null;
        }

        var hash = GuestRegistration.HashOf(token);
        var row = await (
            from g in db.Set<EventGuestRequest>().AsNoTracking()
            where g.OfferTokenHash == hash
            join r in db.Set<EventRegistration>() on g.RegistrationId equals (Guid?)r.Id
            join e in db.Set<Event>() on r.EventId equals e.Id
            select new { RegistrationId = r.Id, e.Id, e.Title, e.StartUtc, r.Status, r.OfferExpiresUtc, r.Companions })
            .SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        Token = token;
        EventId = row.Id;
        Title = row.Title;
        StartUtc = row.StartUtc;
        Status = row.Status;
        OfferExpiresUtc = row.OfferExpiresUtc;
        Companions = row.Companions;
        return row.RegistrationId;
    }
}
