using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Exports;
using Quartiersnetz.Platform.Localization;
using Quartiersnetz.Platform.Time;

namespace Quartiersnetz.Features.Events;

/// <summary>
/// The participant list as a file: CSV or XLSX with the list's filters (all rows, the list's order), or the confirmed
/// participants as name badges or attendance list (PDF). Built in the request: 1,000 badges take about a second on
/// the 2-core machine (see ParticipantPdfsTests), so no background job is needed. Every download is audited.
/// </summary>
[Authorize(Policy = Policies.Office)]
internal sealed class OfficeParticipantsExportModel(QuartiersnetzDbContext db, AuditLog audit, IStringLocalizer<Texts> l, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "format")]
    public string? Format { get; set; }

    [BindProperty(SupportsGet = true, Name = "status")]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "suche")]
    public string? Text { get; set; }

    public Guid Id { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        Id = id;
        var ev = await db.Set<Event>().AsNoTracking().Where(e => e.Id == id)
            .Select(e => new { e.Title, e.StartUtc, e.VenueName }).SingleOrDefaultAsync(cancellationToken);
        if (ev is null)
        {
            return NotFound();
        }

        var pdf = Format is "namensschilder" or "anwesenheitsliste";
        var format = ExportFormat.Csv;
        if (!pdf && !TableExport.TryParse(Format, out format))
        {
            return new PageResult { StatusCode = StatusCodes.Status400BadRequest };
        }

        // Badges and the attendance list are for the people who come: the confirmed ones, whatever the status filter says.
        var filter = new ParticipantFilter(pdf ? RegistrationStatus.Confirmed : EventLabels.ParseStatus(Status), Text);
        var rows = await ParticipantList.AllAsync(db, id, filter, cancellationToken);
        audit.Record(AuditActor.From(User), "event.participants.exported", "Event", id.ToString(), ev.Title,
            [new AuditChange("Export", null, $"{Format}, {rows.Count} Anmeldungen")]);
        await db.SaveChangesAsync(cancellationToken);
        var day = BerlinTime.Today(clock);
        if (pdf)
        {
            var people = rows.Select(r => new PdfParticipant(r.DisplayName ?? l["(ohne Konto)"], r.Organisation, r.Municipality, r.Companions)).ToList();
            var info = new PdfEvent(ev.Title, ev.StartUtc, ev.VenueName);
            var companionOf = l["Begleitung von {0}"].Value;
            var bytes = Format == "namensschilder"
                ? ParticipantPdfs.Badges(info, people, companionOf, l["Namensschilder: {0}", ev.Title])
                : ParticipantPdfs.AttendanceList(info, people, [l["Nr."], l["Name"], l["Organisation"], l["Kommune"], l["Unterschrift"]],
                    companionOf, l["Anwesenheitsliste: {0}", ev.Title], l["Seite {0} von {1}"].Value);
            return File(bytes, "application/pdf", $"{Format}-{day:yyyy-MM-dd}.pdf");
        }

        return await TableExport.FileAsync("teilnehmende", day, format, Columns(), rows, l, cancellationToken, sheetName: l["Teilnehmende"]);
    }

    private List<ExportColumn<ParticipantListRow>> Columns() =>
    [
        new("Name", r => r.DisplayName),
        new("E-Mail", r => r.Email),
        new("Organisation", r => r.Organisation),
        new("Kommune", r => r.Municipality),
        new("Status", r => l[EventLabels.Label(r.StatusValue)].Value),
        new("Position auf der Warteliste", r => r.WaitlistPosition),
        new("Begleitpersonen", r => r.Companions),
        new("Angemeldet am", r => BerlinTime.FormatDateTime(r.RegisteredAtUtc)),
        new("Angebot gilt bis", r => r.OfferExpiresUtc is { } until ? BerlinTime.FormatDateTime(until) : null),
    ];
}
