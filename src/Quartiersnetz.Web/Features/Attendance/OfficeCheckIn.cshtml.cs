using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Events;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Localization;
using Quartiersnetz.Platform.Time;

namespace Quartiersnetz.Features.Attendance;

/// <summary>
/// Where a pass's QR code leads: an office member scans it with the phone's own camera app, signs in if needed, sees
/// who it is and checks them in with one button. Anyone else is sent to sign in or refused by the office policy; the
/// token alone reveals nothing.
/// </summary>
[Authorize(Policy = Policies.Office)]
internal sealed class OfficeCheckInModel(QuartiersnetzDbContext db, TimeProvider clock, IStringLocalizer<Texts> l) : PageModel
{
    public const string Prefix = "/geschaeftsstelle/einchecken/";

    public string Token { get; private set; } = "";

    public bool Found { get; private set; }

    public Guid EventId { get; private set; }

    public string EventTitle { get; private set; } = "";

    public DateTime EventStartUtc { get; private set; }

    public string Name { get; private set; } = "";

    public string StatusLabel { get; private set; } = "";

    public bool Confirmed { get; private set; }

    public DateTime? CheckedInAtUtc { get; private set; }

    public DateTime? CheckedOutAtUtc { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    [TempData]
    public bool StatusIsWarning { get; set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        await LoadAsync(token, cancellationToken);
        if (!Found)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        if (await CheckIn.ByTokenAsync(db, token, cancellationToken) is not { } pass)
        {
            await LoadAsync(token, cancellationToken);
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        var outcome = await CheckIn.CheckInAsync(db, clock, User.AccountId(), pass.EventId, pass.RegistrationId, cancellationToken);
        StatusIsWarning = outcome.Result == CheckIn.Result.Refused;
        StatusMessage = outcome.Result switch
        {
            CheckIn.Result.Refused => l[outcome.Refusal!.Message, outcome.Refusal.Args],
            CheckIn.Result.AlreadyDone => l["{0} war bereits um {1} Uhr eingecheckt; nichts geändert.", outcome.State!.Name,
                BerlinTime.ToBerlin(outcome.State.CheckedInAtUtc!.Value).ToString("HH:mm", BerlinTime.Culture)],
            _ => l["{0} ist eingecheckt.", outcome.State!.Name],
        };
        return Redirect(Prefix + token);
    }

    private async Task LoadAsync(string token, CancellationToken cancellationToken)
    {
        Token = token;
        if (await CheckIn.ByTokenAsync(db, token, cancellationToken) is not { } pass)
        {
            return;
        }

        var today = BerlinTime.Today(clock);
        var row = await db.Set<EventRegistration>().AsNoTracking().Where(r => r.Id == pass.RegistrationId)
            .Join(db.Set<Event>(), r => r.EventId, e => e.Id, (r, e) => new
            {
                e.Title, e.StartUtc, r.Status,
                Name = r.PersonId == null ? r.GuestName : db.Users.Where(u => u.Id == r.PersonId).Select(u => u.DisplayName).FirstOrDefault(),
                Today = db.Set<AttendanceDay>().Where(a => a.RegistrationId == r.Id && a.Day == today)
                    .Select(a => new { a.CheckedInAtUtc, a.CheckedOutAtUtc }).FirstOrDefault(),
            })
            .SingleAsync(cancellationToken);
        Found = true;
        EventId = pass.EventId;
        EventTitle = row.Title;
        EventStartUtc = row.StartUtc;
        Name = row.Name ?? "";
        StatusLabel = l[EventLabels.Label(row.Status)];
        Confirmed = row.Status == RegistrationStatus.Confirmed;
        CheckedInAtUtc = row.Today?.CheckedInAtUtc;
        CheckedOutAtUtc = row.Today?.CheckedOutAtUtc;
    }
}
