using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Attendance;
using Quartiersnetz.Features.Events;
using Quartiersnetz.Features.Shared;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Http;
using Quartiersnetz.Platform.Localization;
using Quartiersnetz.Platform.Paging;
using Quartiersnetz.Platform.Time;

namespace Quartiersnetz.Features.Certificates;

/// <summary>
/// The office's continuing-education page of one event: the chamber's recognition, the participants with attended
/// minutes and the points their certificate would carry, overrides with a reason, and the bulk issue of the
/// certificates (queued for the background job, never drawn in this request).
/// </summary>
[Authorize(Policy = Policies.Office)]
internal sealed class OfficeCreditModel(
    QuartiersnetzDbContext db, AuditLog audit, TimeProvider clock, CertificateSignal signal, PublicUrls urls, IStringLocalizer<Texts> l) : PageModel
{
    private const int PageSize = 50;

    public static string PathOf(Guid eventId) => $"/geschaeftsstelle/veranstaltungen/{eventId}/fortbildung";

    public sealed class CreditInput
    {
        public string? Recognition { get; set; }

        public string? ChamberReference { get; set; }

        /// <summary>yyyy-MM-dd from the date field.</summary>
        public string? RecognisedOn { get; set; }

        public string? Format { get; set; }

        public string? FuwoTopic { get; set; }
    }

    public sealed class OverrideInput
    {
        public Guid? RegistrationId { get; set; }

        public string? Points { get; set; }

        public string? Reason { get; set; }
    }

    [BindProperty]
    public CreditInput Input { get; set; } = new();

    [BindProperty]
    public OverrideInput Override { get; set; } = new();

    [BindProperty(SupportsGet = true, Name = "seite")]
    public int? PageNumber { get; set; }

    public CreditEvent Event { get; private set; } = null!;

    public PagedResult<CertificateDraft> Drafts { get; private set; } = new([], 1, PageSize, 0);

    public CertificateRun? LastRun { get; private set; }

    public int CertificateCount { get; private set; }

    public bool HasEnded { get; private set; }

    public PagerModel Pager => new(Drafts.Page, Drafts.TotalPages, PathOf(Event.Id), new Dictionary<string, string?>());

    [TempData]
    public string? StatusMessage { get; set; }

    [TempData]
    public bool StatusIsWarning { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Input = new CreditInput
        {
            Recognition = Event.Credit.Recognition.ToString(),
            ChamberReference = Event.Credit.ChamberReference,
            RecognisedOn = Event.Credit.RecognisedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Format = Event.Credit.Format.ToString(),
            FuwoTopic = Event.Credit.FuwoTopic,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostCreditAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await CertificateDrafts.EventAsync(db, id, cancellationToken) is not { } ev)
        {
            return NotFound();
        }

        var recognition = Enum.TryParse<RecognitionStatus>(Input.Recognition, out var r) && Enum.IsDefined(r) ? r : (RecognitionStatus)(-1);
        var format = Enum.TryParse<CourseFormat>(Input.Format, out var f) && Enum.IsDefined(f) ? f : (CourseFormat)(-1);
        DateOnly? recognisedOn = null;
        if (!string.IsNullOrWhiteSpace(Input.RecognisedOn))
        {
            if (DateOnly.TryParseExact(Input.RecognisedOn.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                || DateOnly.TryParseExact(Input.RecognisedOn.Trim(), "dd.MM.yyyy", BerlinTime.Culture, DateTimeStyles.None, out day))
            {
                recognisedOn = day;
            }
            else
            {
                ModelState.AddModelError("Input.RecognisedOn", l["Bitte geben Sie den Tag der Anerkennung als Datum an (z. B. 01.10.2026)."]);
            }
        }

        if (ModelState.ErrorCount == 0)
        {
            var refusals = await ContinuingEducation.SaveCreditAsync(db, audit, AuditActor.From(User), clock, ev, recognition, Input.ChamberReference, recognisedOn, format, Input.FuwoTopic, cancellationToken);
            foreach (var refusal in refusals)
            {
                ModelState.AddModelError("Input." + refusal.Field, l[refusal.Message, refusal.Args]);
            }

            if (refusals.Count == 0)
            {
                StatusMessage = l["Die Angaben zur Fortbildung sind gespeichert."];
                StatusIsWarning = false;
                return Redirect(PathOf(id));
            }
        }

        db.ChangeTracker.Clear();
        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostOverrideAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await CertificateDrafts.EventAsync(db, id, cancellationToken) is not { } ev)
        {
            return NotFound();
        }

        if (Override.RegistrationId is not { } registrationId)
        {
            ModelState.AddModelError("Override.RegistrationId", l["Bitte wählen Sie eine Person."]);
        }
        else if (string.IsNullOrWhiteSpace(Override.Points))
        {
            ModelState.AddModelError("Override.Points", l["Bitte geben Sie die Punkte an."]);
        }
        else
        {
            var refusals = await ContinuingEducation.SetOverrideAsync(db, audit, AuditActor.From(User), clock, ev, registrationId, Override.Points, Override.Reason, cancellationToken);
            foreach (var refusal in refusals)
            {
                ModelState.AddModelError("Override." + refusal.Field, l[refusal.Message, refusal.Args]);
            }

            if (refusals.Count == 0)
            {
                StatusMessage = l["Die Punkte sind festgesetzt. Sie gelten für die nächste Ausstellung der Bescheinigungen."];
                StatusIsWarning = false;
                return Redirect(PathOf(id) + PageQuery());
            }
        }

        db.ChangeTracker.Clear();
        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostRemoveOverrideAsync(Guid id, Guid registrationId, CancellationToken cancellationToken)
    {
        if (await CertificateDrafts.EventAsync(db, id, cancellationToken) is not { } ev)
        {
            return NotFound();
        }

        var refusals = await ContinuingEducation.SetOverrideAsync(db, audit, AuditActor.From(User), clock, ev, registrationId, null, null, cancellationToken);
        StatusIsWarning = refusals.Count > 0;
        StatusMessage = refusals.Count > 0 ? l[refusals[0].Message, refusals[0].Args] : l["Die Festsetzung ist entfernt; es gilt wieder die Berechnung."];
        return Redirect(PathOf(id) + PageQuery());
    }

    public async Task<IActionResult> OnPostIssueAsync(Guid id, bool sendMail, CancellationToken cancellationToken)
    {
        if (await CertificateDrafts.EventAsync(db, id, cancellationToken) is not { } ev)
        {
            return NotFound();
        }

        var (_, refusal) = await ContinuingEducation.RequestIssueAsync(db, audit, AuditActor.From(User), clock, signal, ev, urls.Absolute("/"), sendMail, cancellationToken);
        StatusIsWarning = refusal is not null;
        StatusMessage = refusal is not null
            ? l[refusal.Message, refusal.Args]
            : sendMail
                ? l["Die Bescheinigungen werden im Hintergrund ausgestellt und per E-Mail versandt. Laden Sie die Seite neu, um den Stand zu sehen."]
                : l["Die Bescheinigungen werden im Hintergrund ausgestellt (ohne E-Mail). Laden Sie die Seite neu, um den Stand zu sehen."];
        return Redirect(PathOf(id));
    }

    private string PageQuery() => PageNumber is > 1 ? "?seite=" + PageNumber.Value.ToString(CultureInfo.InvariantCulture) : "";

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await CertificateDrafts.EventAsync(db, id, cancellationToken) is not { } ev)
        {
            return false;
        }

        Event = ev;
        var now = clock.GetUtcNow().UtcDateTime;
        HasEnded = ev.EndUtc <= now;
        var participants = await ParticipantList.PageAsync(db, id, new ParticipantFilter(RegistrationStatus.Confirmed), PageRequest.Lenient(PageNumber, PageSize, PageSize), cancellationToken);
        var drafts = await CertificateDrafts.ForAsync(db, ev, participants.Items, now, cancellationToken);
        Drafts = new PagedResult<CertificateDraft>(drafts, participants.Page, participants.PageSize, participants.TotalCount);
        LastRun = await db.Set<CertificateRun>().AsNoTracking().Where(r => r.EventId == id).OrderByDescending(r => r.RequestedAtUtc).FirstOrDefaultAsync(cancellationToken);
        CertificateCount = await db.Set<Certificate>().CountAsync(c => c.EventId == id && c.ReplacedById == null, cancellationToken);
        return true;
    }
}
