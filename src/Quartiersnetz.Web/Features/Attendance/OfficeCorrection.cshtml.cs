using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Localization;

namespace Quartiersnetz.Features.Attendance;

/// <summary>The office corrects one person's check-in and check-out of one day, with a reason (see <see cref="CorrectAttendance"/>).</summary>
[Authorize(Policy = Policies.Office)]
internal sealed class OfficeCorrectionModel(QuartiersnetzDbContext db, AuditLog audit, IStringLocalizer<Texts> l) : PageModel
{
    public static string PathOf(Guid eventId, Guid registrationId, DateOnly day) =>
        string.Create(CultureInfo.InvariantCulture, $"{OfficeAttendanceModel.PathOf(eventId)}/{registrationId}/korrektur?tag={day:yyyy-MM-dd}");

    public sealed class Form
    {
        public string? CheckedIn { get; set; }

        public string? CheckedOut { get; set; }

        public string? Reason { get; set; }
    }

    [BindProperty(SupportsGet = true, Name = "tag")]
    public string? DayText { get; set; }

    [BindProperty]
    public Form Input { get; set; } = new();

    public Guid EventId { get; private set; }

    public DateOnly Day { get; private set; }

    public CorrectAttendance.Current Current { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, Guid registrationId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, registrationId, cancellationToken))
        {
            return NotFound();
        }

        Input = new Form { CheckedIn = CorrectAttendance.Time(Current.CheckedInAtUtc), CheckedOut = CorrectAttendance.Time(Current.CheckedOutAtUtc) };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid registrationId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, registrationId, cancellationToken))
        {
            return NotFound();
        }

        var refusals = await CorrectAttendance.SaveAsync(db, audit, AuditActor.From(User), id, registrationId, Day, Current,
            new CorrectAttendance.Input(Input.CheckedIn, Input.CheckedOut, Input.Reason), cancellationToken);
        foreach (var refusal in refusals)
        {
            ModelState.AddModelError("Input." + refusal.Field, l[refusal.Message, refusal.Args]);
        }

        if (refusals.Count > 0)
        {
            return Page();
        }

        TempData[nameof(OfficeAttendanceModel.StatusMessage)] = l["Die Anwesenheit von {0} ist korrigiert.", Current.Name].Value;
        return Redirect(OfficeAttendanceModel.PathOf(id) + "?tag=" + Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    private async Task<bool> LoadAsync(Guid id, Guid registrationId, CancellationToken cancellationToken)
    {
        if (!DateOnly.TryParseExact(DayText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            || await CorrectAttendance.LoadAsync(db, id, registrationId, day, cancellationToken) is not { } current)
        {
            return false;
        }

        (EventId, Day, Current) = (id, day, current);
        return true;
    }
}
