using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Shared;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Localization;
using Quartiersnetz.Platform.Paging;

namespace Quartiersnetz.Features.Events;

/// <summary>The office's participant list of one event: filter by status, confirm pending ones, register or cancel on someone's behalf.</summary>
[Authorize(Policy = Policies.Office)]
internal sealed class OfficeParticipantsModel(
    QuartiersnetzDbContext db, IAuthorizationService authorization, AuditLog audit, TimeProvider clock, IStringLocalizer<Texts> l) : PageModel
{
    private const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "status")]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "seite")]
    public int? PageNumber { get; set; }

    [BindProperty]
    [Display(Name = "E-Mail-Adresse")]
    public string? Email { get; set; }

    public Guid Id { get; private set; }

    public string Title { get; private set; } = "";

    public int? Capacity { get; private set; }

    public int ConfirmedCount { get; private set; }

    public PagedResult<ParticipantRow> Result { get; private set; } = new([], 1, PageSize, 0);

    public PagerModel Pager => new(Result.Page, Result.TotalPages, $"{OfficeListModel.Path}/{Id}/teilnehmende", new Dictionary<string, string?> { ["status"] = Status });

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostRegisterAsync(Guid id, CancellationToken cancellationToken)
    {
        var email = Email?.Trim();
        if (string.IsNullOrEmpty(email))
        {
            ModelState.AddModelError(nameof(Email), l["Bitte geben Sie die E-Mail-Adresse der Person ein."]);
        }
        else
        {
            var normalized = email.ToUpperInvariant();
            var person = await db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => new { u.Id, u.DisplayName }).SingleOrDefaultAsync(cancellationToken);
            if (person is null)
            {
                ModelState.AddModelError(nameof(Email), l["Es gibt kein Konto mit dieser E-Mail-Adresse."]);
            }
            else
            {
                var actor = await RegistrationActor.FromAsync(authorization, User);
                var outcome = await RegisterForEvent.HandleAsync(db, clock, actor, id, person.Id, cancellationToken);
                if (outcome.Result == RegisterForEvent.Result.NotFound)
                {
                    return NotFound();
                }

                if (outcome.Refusal is { } refusal)
                {
                    ModelState.AddModelError(nameof(Email), l[refusal.Message, refusal.Args]);
                }
                else
                {
                    StatusMessage = l["{0} ist angemeldet ({1}).", person.DisplayName, l[EventLabels.Label(outcome.Registration!.StatusValue)]];
                    return Redirect($"{OfficeListModel.Path}/{id}/teilnehmende");
                }
            }
        }

        db.ChangeTracker.Clear();
        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostConfirmAsync(Guid id, Guid registrationId, CancellationToken cancellationToken)
    {
        var outcome = await RegisterForEvent.ConfirmAsync(db, audit, AuditActor.From(User), id, registrationId, cancellationToken);
        return Done(id, outcome, l["Die Anmeldung ist bestätigt."]);
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid id, Guid personId, CancellationToken cancellationToken)
    {
        var outcome = await RegisterForEvent.CancelAsync(db, clock, id, personId, byOffice: true, cancellationToken);
        return Done(id, outcome, l["Die Person ist abgemeldet."]);
    }

    private IActionResult Done(Guid id, RegisterForEvent.Outcome outcome, string success)
    {
        if (outcome.Result == RegisterForEvent.Result.NotFound)
        {
            return NotFound();
        }

        StatusMessage = outcome.Refusal is { } refusal ? l[refusal.Message, refusal.Args] : success;
        return Redirect($"{OfficeListModel.Path}/{id}/teilnehmende{(string.IsNullOrEmpty(Status) ? "" : "?status=" + Uri.EscapeDataString(Status))}");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var ev = await db.Set<Event>().AsNoTracking().Where(e => e.Id == id)
            .Select(e => new { e.Title, e.Capacity, e.ConfirmedCount }).SingleOrDefaultAsync(cancellationToken);
        if (ev is null)
        {
            return false;
        }

        Id = id;
        Title = ev.Title;
        Capacity = ev.Capacity;
        ConfirmedCount = ev.ConfirmedCount;
        var status = EventLabels.ParseStatus(Status);
        Status = status is null ? null : EventLabels.ApiName(status.Value);
        Result = await EventRegistrationApi.WithAnswersAsync(db,
            await ListEvents.ParticipantsAsync(db, id, status, PageRequest.Lenient(PageNumber, PageSize, PageSize), cancellationToken), cancellationToken);
        return true;
    }
}
