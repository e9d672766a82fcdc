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
    QuartiersnetzDbContext db, IAuthorizationService authorization, AuditLog audit, TimeProvider clock, IStringLocalizer<Texts> l,
    MailParticipants mail, EventNoticeSignal signal) : PageModel
{
    private const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "status")]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "seite")]
    public int? PageNumber { get; set; }

    /// <summary>Text over name, municipality and organisation.</summary>
    [BindProperty(SupportsGet = true, Name = "suche")]
    public string? Query { get; set; }

    [BindProperty]
    public string? MailSubject { get; set; }

    [BindProperty]
    public string? MailBody { get; set; }

    /// <summary>Set after the first step of the bulk mail: the number of recipients the office confirms.</summary>
    public int? MailRecipients { get; private set; }

    public IReadOnlyDictionary<string, string?> Filters => new Dictionary<string, string?> { ["status"] = Status, ["suche"] = Query };

    [BindProperty]
    [Display(Name = "E-Mail-Adresse")]
    public string? Email { get; set; }

    public Guid Id { get; private set; }

    public string Title { get; private set; } = "";

    public int? Capacity { get; private set; }

    public int ConfirmedCount { get; private set; }

    public PagedResult<ParticipantListRow> Result { get; private set; } = new([], 1, PageSize, 0);

    public PagerModel Pager => new(Result.Page, Result.TotalPages, $"{OfficeListModel.Path}/{Id}/teilnehmende", Filters);

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

    /// <summary>Cancels a member's or a guest's registration (the same use case, mails and move-up for both).</summary>
    public async Task<IActionResult> OnPostCancelAsync(Guid id, Guid registrationId, CancellationToken cancellationToken)
    {
        var outcome = await RegisterForEvent.CancelByOfficeAsync(db, audit, AuditActor.From(User), clock, id, registrationId, cancellationToken);
        signal.Wake();
        return Done(id, outcome, l["Die Person ist abgemeldet."]);
    }

    /// <summary>First step of the bulk mail: checks the text and counts the recipients; nothing is sent.</summary>
    public Task<IActionResult> OnPostMailAsync(Guid id, CancellationToken cancellationToken) => MailAsync(id, confirmed: false, cancellationToken);

    /// <summary>Second step: the office confirmed the number; the mails go into the outbox.</summary>
    public Task<IActionResult> OnPostMailConfirmAsync(Guid id, CancellationToken cancellationToken) => MailAsync(id, confirmed: true, cancellationToken);

    private async Task<IActionResult> MailAsync(Guid id, bool confirmed, CancellationToken cancellationToken)
    {
        var result = await mail.HandleAsync(
            AuditActor.From(User), id, new ParticipantFilter(EventLabels.ParseStatus(Status), Query), MailSubject, MailBody, confirmed, cancellationToken);
        if (!result.EventFound)
        {
            return NotFound();
        }

        foreach (var (field, messages) in result.Errors)
        {
            var key = field switch { "subject" => nameof(MailSubject), "body" => nameof(MailBody), _ => "" };
            foreach (var message in messages)
            {
                ModelState.AddModelError(key, message);
            }
        }

        if (result.Sent)
        {
            StatusMessage = l["Die E-Mail geht an {0} Personen.", result.Recipients];
            return Redirect($"{OfficeListModel.Path}/{id}/teilnehmende{QueryString()}");
        }

        if (result.Errors.Count == 0)
        {
            MailRecipients = result.Recipients;
        }

        db.ChangeTracker.Clear();
        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    /// <summary>The address a row's button posts to: the handler, and the filter so the list comes back as it was.</summary>
    public string ActionUrl(string handler) =>
        $"{OfficeListModel.Path}/{Id}/teilnehmende" + (QueryString() is { Length: > 0 } query ? query + "&" : "?") + "handler=" + handler;

    private string QueryString()
    {
        var parts = Filters.Where(f => !string.IsNullOrEmpty(f.Value)).Select(f => f.Key + "=" + Uri.EscapeDataString(f.Value!)).ToList();
        return parts.Count == 0 ? "" : "?" + string.Join("&", parts);
    }

    private IActionResult Done(Guid id, RegisterForEvent.Outcome outcome, string success)
    {
        if (outcome.Result == RegisterForEvent.Result.NotFound)
        {
            return NotFound();
        }

        StatusMessage = outcome.Refusal is { } refusal ? l[refusal.Message, refusal.Args] : success;
        return Redirect($"{OfficeListModel.Path}/{id}/teilnehmende{QueryString()}");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var status = EventLabels.ParseStatus(Status);
        Status = status is null ? null : EventLabels.ApiName(status.Value);
        Query = ParticipantFilter.Clip(Query);
        var filter = new ParticipantFilter(status, Query);
        var matching = ParticipantList.Matching(db, id, filter);
        var ev = await db.Set<Event>().AsNoTracking().Where(e => e.Id == id)
            .Select(e => new { e.Title, e.Capacity, e.ConfirmedCount, Matching = matching.Count() }).SingleOrDefaultAsync(cancellationToken);
        if (ev is null)
        {
            return false;
        }

        Id = id;
        Title = ev.Title;
        Capacity = ev.Capacity;
        ConfirmedCount = ev.ConfirmedCount;
        Result = await EventRegistrationApi.WithAnswersAsync(db,
            await ParticipantList.PageAsync(db, id, filter, PageRequest.Lenient(PageNumber, PageSize, PageSize), ev.Matching, cancellationToken), cancellationToken);
        return true;
    }
}
