using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Localization;
using Quartiersnetz.Platform.Time;

namespace Quartiersnetz.Features.Attendance;

/// <summary>
/// Checking in at the door of one event: the browser's camera reads the pass's QR code where the browser can
/// (BarcodeDetector; wwwroot/js/check-in-scan.js fills in the field and sends the form), and the short code can always
/// be typed — the page works without a camera and without script.
/// </summary>
[Authorize(Policy = Policies.Office)]
internal sealed class OfficeScanModel(QuartiersnetzDbContext db, TimeProvider clock, IStringLocalizer<Texts> l) : PageModel
{
    [BindProperty]
    [Display(Name = "Code")]
    public string? Code { get; set; }

    public AttendanceEvent Event { get; private set; } = null!;

    public AttendanceCounts Counts { get; private set; } = new(0, 0, 0);

    [TempData]
    public string? StatusMessage { get; set; }

    [TempData]
    public bool StatusIsWarning { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await AttendanceList.EventAsync(db, id, cancellationToken) is null)
        {
            return NotFound();
        }

        var (registrationId, refusal) = await CheckIn.ResolveCodeAsync(db, id, Code, nameof(Code), cancellationToken);
        if (refusal is not null)
        {
            ModelState.AddModelError(nameof(Code), l[refusal.Refusal!.Message, refusal.Refusal.Args]);
            return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
        }

        var outcome = await CheckIn.CheckInAsync(db, clock, User.AccountId(), id, registrationId!.Value, cancellationToken);
        if (outcome.Result == CheckIn.Result.Refused)
        {
            ModelState.AddModelError(nameof(Code), l[outcome.Refusal!.Message, outcome.Refusal.Args]);
            return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
        }

        StatusIsWarning = outcome.Result == CheckIn.Result.AlreadyDone;
        StatusMessage = outcome.Result == CheckIn.Result.AlreadyDone
            ? l["{0} war bereits um {1} Uhr eingecheckt; nichts geändert.", outcome.State!.Name, BerlinTime.ToBerlin(outcome.State.CheckedInAtUtc!.Value).ToString("HH:mm", BerlinTime.Culture)]
            : l["{0} ist eingecheckt.", outcome.State!.Name];
        return Redirect(OfficeAttendanceModel.PathOf(id) + "/scannen");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await AttendanceList.EventAsync(db, id, cancellationToken) is not { } ev)
        {
            return false;
        }

        Event = ev;
        Counts = await AttendanceList.CountsAsync(db, id, BerlinTime.Today(clock), cancellationToken);
        return true;
    }
}
