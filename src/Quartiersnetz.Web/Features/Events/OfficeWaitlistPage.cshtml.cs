using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Localization;

namespace Quartiersnetz.Features.Events;

/// <summary>The office sees the waiting list in order and moves a person up, down or to a position, or removes them (audited).</summary>
[Authorize(Policy = Policies.Office)]
internal sealed class OfficeWaitlistPageModel(QuartiersnetzDbContext db, AuditLog audit, TimeProvider clock, EventNoticeSignal signal, IStringLocalizer<Texts> l)
    : PageModel
{
    public Guid Id { get; private set; }

    public string Title { get; private set; } = "";

    public int? Capacity { get; private set; }

    public int ConfirmedCount { get; private set; }

    public int? OfferHours { get; private set; }

    public IReadOnlyList<OfficeWaitlist.Entry> Entries { get; private set; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    /// <summary>Moves to the posted position; the up/down buttons post the neighbouring position.</summary>
    public async Task<IActionResult> OnPostMoveAsync(Guid id, Guid registrationId, string? position, CancellationToken cancellationToken)
    {
        if (!int.TryParse(position, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var target))
        {
            StatusMessage = l["Bitte geben Sie die neue Position als ganze Zahl an."];
            return Redirect(Path(id));
        }

        var outcome = await OfficeWaitlist.MoveAsync(db, audit, AuditActor.From(User), clock, id, registrationId, target, cancellationToken);
        signal.Wake();
        return Done(id, outcome, l["Die Reihenfolge ist geändert."]);
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid id, Guid registrationId, CancellationToken cancellationToken)
    {
        var outcome = await OfficeWaitlist.RemoveAsync(db, audit, AuditActor.From(User), clock, id, registrationId, cancellationToken);
        signal.Wake();
        return Done(id, outcome, l["Die Person ist von der Warteliste genommen."]);
    }

    private IActionResult Done(Guid id, RegisterForEvent.Outcome outcome, string success)
    {
        if (outcome.Result == RegisterForEvent.Result.NotFound)
        {
            return NotFound();
        }

        StatusMessage = outcome.Refusal is { } refusal ? l[refusal.Message, refusal.Args] : success;
        return Redirect(Path(id));
    }

    private static string Path(Guid id) => $"{OfficeListModel.Path}/{id}/warteliste";

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var ev = await db.Set<Event>().AsNoTracking().Where(e => e.Id == id)
            .Select(e => new { e.Title, e.Capacity, e.ConfirmedCount, e.OfferHours }).SingleOrDefaultAsync(cancellationToken);
        if (ev is null)
        {
            return false;
        }

        Id = id;
        Title = ev.Title;
        Capacity = ev.Capacity;
        ConfirmedCount = ev.ConfirmedCount;
        OfferHours = ev.OfferHours;
        Entries = await OfficeWaitlist.ListAsync(db, id, cancellationToken);
        return true;
    }
}
