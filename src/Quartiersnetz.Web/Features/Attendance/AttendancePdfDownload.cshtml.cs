using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Events;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Localization;
using Quartiersnetz.Platform.Time;

namespace Quartiersnetz.Features.Attendance;

/// <summary>
/// The signature list of an event as PDF, one section per day with the confirmed participants and the times checked
/// so far (for events where a signed list is required). Built in the request like the participant PDFs; audited.
/// </summary>
[Authorize(Policy = Policies.Office)]
internal sealed class AttendancePdfDownloadModel(QuartiersnetzDbContext db, AuditLog audit, TimeProvider clock, IStringLocalizer<Texts> l) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await AttendanceList.EventAsync(db, id, cancellationToken) is not { } ev)
        {
            return NotFound();
        }

        var days = new List<AttendancePdfDay>();
        foreach (var day in ev.Days)
        {
            days.Add(new AttendancePdfDay(EventProgramme.Format(day), await AttendanceList.AllAsync(db, ev, day, clock.GetUtcNow().UtcDateTime, cancellationToken)));
        }

        audit.Record(AuditActor.From(User), "attendance.list.exported", "Event", id.ToString(), ev.Title,
            [new AuditChange("Export", null, $"Unterschriftenliste, {days.FirstOrDefault()?.People.Count ?? 0} Personen, {days.Count} Tage")]);
        await db.SaveChangesAsync(cancellationToken);
        var subtitle = ev.Venue is null ? BerlinTime.FormatDateTime(ev.StartUtc) : BerlinTime.FormatDateTime(ev.StartUtc) + " · " + ev.Venue;
        var bytes = AttendancePdf.Render(l["Anwesenheitsliste: {0}", ev.Title], subtitle, days,
            [l["Nr."], l["Name"], l["Organisation"], l["Kommen"], l["Gehen"], l["Unterschrift"]], l["Seite {0} von {1}"].Value);
        return File(bytes, "application/pdf", $"anwesenheitsliste-{ev.Days[0]:yyyy-MM-dd}.pdf");
    }
}
