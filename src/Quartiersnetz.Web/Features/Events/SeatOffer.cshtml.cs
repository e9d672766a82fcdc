using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Localization;

namespace Quartiersnetz.Features.Events;

/// <summary>
/// Where the offer mail's links lead: the signed-in person sees the seat offered to them and its deadline, and accepts
/// or declines with a button (a link alone never changes anything). "antwort" only puts the chosen answer first.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
internal sealed class SeatOfferModel(QuartiersnetzDbContext db, TimeProvider clock, EventNoticeSignal signal, IStringLocalizer<Texts> l) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "antwort")]
    public string? Answer { get; set; }

    public Guid Id { get; private set; }

    public string Title { get; private set; } = "";

    public DateTime StartUtc { get; private set; }

    /// <summary>The person's registration status, or null when they have none.</summary>
    public RegistrationStatus? Status { get; private set; }

    public DateTime? OfferExpiresUtc { get; private set; }

    public int Companions { get; private set; }

    public bool Expired => OfferExpiresUtc is { } until && until <= clock.GetUtcNow().UtcDateTime;

    public bool DeclineFirst => Answer == "ablehnen";

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAcceptAsync(Guid id, CancellationToken cancellationToken)
    {
        var outcome = await EventOffers.AcceptAsync(db, clock, id, User.AccountId()!.Value, cancellationToken);
        return Done(id, outcome, l["Sie haben den Platz angenommen. Ihre Anmeldung ist bestätigt."]);
    }

    public async Task<IActionResult> OnPostDeclineAsync(Guid id, CancellationToken cancellationToken)
    {
        var outcome = await EventOffers.DeclineAsync(db, clock, id, User.AccountId()!.Value, cancellationToken);
        signal.Wake();
        return Done(id, outcome, l["Sie haben den Platz abgelehnt; er geht an die nächste Person auf der Warteliste."]);
    }

    private IActionResult Done(Guid id, RegisterForEvent.Outcome outcome, string success)
    {
        if (outcome.Result == RegisterForEvent.Result.NotFound)
        {
            return NotFound();
        }

        StatusMessage = outcome.Refusal is { } refusal ? l[refusal.Message, refusal.Args] : success;
        return Redirect($"/veranstaltungen/{id}/platzangebot");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var me = User.AccountId()!.Value;
        var row = await db.Set<Event>().AsNoTracking().Where(e => e.Id == id)
            .Select(e => new
            {
                e.Title,
                e.StartUtc,
                Registration = db.Set<EventRegistration>().Where(r => r.EventId == e.Id && r.PersonId == me)
                    .Select(r => new { r.Status, r.OfferExpiresUtc, r.Companions }).FirstOrDefault(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return false;
        }

        Id = id;
        Title = row.Title;
        StartUtc = row.StartUtc;
        Status = row.Registration?.Status;
        OfferExpiresUtc = row.Registration?.OfferExpiresUtc;
        Companions = row.Registration?.Companions ?? 0;
        return true;
    }
}
