using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Events;
using Quartiersnetz.Features.Shared;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Localization;
using Quartiersnetz.Platform.Paging;
using Quartiersnetz.Platform.Time;

namespace Quartiersnetz.Features.Attendance;

/// <summary>
/// The office's attendance list of one event and day: search by name or organisation, check in and out with one button
/// each (plain form posts, no script needed), the count present, walk-ins, the signature list as PDF.
/// </summary>
[Authorize(Policy = Policies.Office)]
internal sealed class OfficeAttendanceModel(QuartiersnetzDbContext db, AuditLog audit, TimeProvider clock, IStringLocalizer<Texts> l) : PageModel
{
    private const int PageSize = 50;

    public static string PathOf(Guid eventId) => $"/geschaeftsstelle/veranstaltungen/{eventId}/anwesenheit";

    /// <summary>The day as yyyy-MM-dd; today (if a day of the event) or the first day otherwise.</summary>
    [BindProperty(SupportsGet = true, Name = "tag")]
    public string? DayText { get; set; }

    [BindProperty(SupportsGet = true, Name = "suche")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true, Name = "seite")]
    public int? PageNumber { get; set; }

    [BindProperty]
    public WalkIn.Input Input { get; set; } = new();

    public AttendanceEvent Event { get; private set; } = null!;

    public DateOnly Day { get; private set; }

    public DateOnly Today { get; private set; }

    public bool IsToday => Day == Today;

    public AttendanceCounts Counts { get; private set; } = new(0, 0, 0);

    public PagedResult<AttendanceRow> Result { get; private set; } = new([], 1, PageSize, 0);

    public IReadOnlyDictionary<string, string?> Filters => new Dictionary<string, string?> { ["tag"] = Day.ToString("yyyy-MM-dd", BerlinTime.Culture), ["suche"] = Query };

    public PagerModel Pager => new(Result.Page, Result.TotalPages, PathOf(Event.Id), Filters);

    [TempData]
    public string? StatusMessage { get; set; }

    /// <summary>Set when the message is a warning (over capacity, a refused check-in).</summary>
    [TempData]
    public bool StatusIsWarning { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostCheckInAsync(Guid id, Guid registrationId, CancellationToken cancellationToken) =>
        Done(id, await CheckIn.CheckInAsync(db, clock, User.AccountId(), id, registrationId, cancellationToken), checkIn: true);

    public async Task<IActionResult> OnPostCheckOutAsync(Guid id, Guid registrationId, CancellationToken cancellationToken) =>
        Done(id, await CheckIn.CheckOutAsync(db, clock, User.AccountId(), id, registrationId, cancellationToken), checkIn: false);

    public async Task<IActionResult> OnPostWalkInAsync(Guid id, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var outcome = await WalkIn.HandleAsync(db, audit, AuditActor.From(User), clock, id, Input, cancellationToken);
            if (outcome.Result == CheckIn.Result.NotFound)
            {
                return NotFound();
            }

            if (outcome.Refusal is { } refusal)
            {
                ModelState.AddModelError($"{nameof(Input)}.{refusal.Field}", l[refusal.Message, refusal.Args]);
            }
            else
            {
                var message = outcome.CheckedIn
                    ? l["{0} ist nachgemeldet und eingecheckt.", outcome.Name!].Value
                    : l["{0} ist nachgemeldet.", outcome.Name!].Value;
                if (outcome.OverCapacity)
                {
                    message += " " + l["Achtung: Damit sind mehr Personen angemeldet, als die Veranstaltung Plätze hat."].Value;
                }

                StatusMessage = message;
                StatusIsWarning = outcome.OverCapacity;
                return Redirect(PathOf(id) + QueryString());
            }
        }

        db.ChangeTracker.Clear();
        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    /// <summary>The address a row's button posts to, keeping day, search and page.</summary>
    public string ActionUrl(string handler) => PathOf(Event.Id) + (QueryString() is { Length: > 0 } query ? query + "&" : "?") + "handler=" + handler;

    private string QueryString()
    {
        var parts = new Dictionary<string, string?> { ["tag"] = DayText, ["suche"] = Query, ["seite"] = PageNumber?.ToString(BerlinTime.Culture) }
            .Where(f => !string.IsNullOrEmpty(f.Value)).Select(f => f.Key + "=" + Uri.EscapeDataString(f.Value!)).ToList();
        return parts.Count == 0 ? "" : "?" + string.Join("&", parts);
    }

    private IActionResult Done(Guid id, CheckIn.Outcome outcome, bool checkIn)
    {
        if (outcome.Result == CheckIn.Result.NotFound)
        {
            return NotFound();
        }

        var name = outcome.State?.Name ?? "";
        StatusIsWarning = outcome.Result == CheckIn.Result.Refused;
        StatusMessage = outcome.Result switch
        {
            CheckIn.Result.Refused => l[outcome.Refusal!.Message, outcome.Refusal.Args],
            CheckIn.Result.AlreadyDone when checkIn => l["{0} war bereits um {1} Uhr eingecheckt; nichts geändert.", name, BerlinTime.ToBerlin(outcome.State!.CheckedInAtUtc!.Value).ToString("HH:mm", BerlinTime.Culture)],
            CheckIn.Result.AlreadyDone => l["{0} war bereits um {1} Uhr ausgecheckt; nichts geändert.", name, BerlinTime.ToBerlin(outcome.State!.CheckedOutAtUtc!.Value).ToString("HH:mm", BerlinTime.Culture)],
            _ when checkIn => l["{0} ist eingecheckt.", name],
            _ => l["{0} ist ausgecheckt.", name],
        };
        return Redirect(PathOf(id) + QueryString());
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await AttendanceList.EventAsync(db, id, cancellationToken) is not { } ev)
        {
            return false;
        }

        Event = ev;
        Today = BerlinTime.Today(clock);
        Day = DateOnly.TryParseExact(DayText, "yyyy-MM-dd", BerlinTime.Culture, System.Globalization.DateTimeStyles.None, out var asked) && ev.Days.Contains(asked) ? asked
            : ev.Days.Contains(Today) ? Today
            : ev.Days[0];
        Query = ParticipantFilter.Clip(Query);
        Counts = await AttendanceList.CountsAsync(db, id, Day, cancellationToken);
        Result = await AttendanceList.PageAsync(db, ev, Day, Query, PageRequest.Lenient(PageNumber, PageSize, PageSize), clock.GetUtcNow().UtcDateTime, cancellationToken);
        return true;
    }
}
