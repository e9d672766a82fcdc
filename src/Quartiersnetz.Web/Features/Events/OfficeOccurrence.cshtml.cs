using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Localization;
using Quartiersnetz.Platform.Time;

namespace Quartiersnetz.Features.Events;

/// <summary>New Berlin wall-clock start and end of a moved occurrence, as the form posts them.</summary>
internal sealed class MoveOccurrenceForm
{
    public string? StartsAt { get; set; }

    public string? EndsAt { get; set; }
}

/// <summary>One date of a series: move it, cancel it, give it an agenda.</summary>
[Authorize(Policy = Policies.Office)]
internal sealed class OfficeOccurrenceModel(QuartiersnetzDbContext db, AuditLog audit, TimeProvider clock, IStringLocalizer<Texts> l) : PageModel
{
    private static readonly string[] LocalFormats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "dd.MM.yyyy HH:mm", "d.M.yyyy H:mm", "dd.MM.yyyy, HH:mm"];

    public Guid SeriesId { get; private set; }

    public string SeriesTitle { get; private set; } = "";

    public SeriesOccurrence Occurrence { get; private set; } = null!;

    [BindProperty]
    public MoveOccurrenceForm Move { get; set; } = new();

    [BindProperty]
    public string? Agenda { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, Guid eventId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, eventId, cancellationToken))
        {
            return NotFound();
        }

        Agenda = Occurrence.Agenda;
        Move = new MoveOccurrenceForm { StartsAt = Local(Occurrence.StartUtc), EndsAt = Local(Occurrence.EndUtc) };
        return Page();
    }

    public async Task<IActionResult> OnPostMoveAsync(Guid id, Guid eventId, CancellationToken cancellationToken)
    {
        var start = Parse("Move.StartsAt", Move.StartsAt, required: true);
        var end = Parse("Move.EndsAt", Move.EndsAt, required: false);
        if (ModelState.ErrorCount == 0)
        {
            var outcome = await SaveEventSeries.MoveAsync(db, audit, AuditActor.From(User), clock, id, eventId, start!.Value, end, cancellationToken);
            if (Done(outcome, id, l["Der Termin wurde verschoben."]) is { } done)
            {
                return done;
            }

            ModelState.AddModelError("Move." + outcome.Refusal!.Field, l[outcome.Refusal.Message, outcome.Refusal.Args]);
        }

        return await ReloadAsync(id, eventId, cancellationToken);
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid id, Guid eventId, CancellationToken cancellationToken)
    {
        var outcome = await SaveEventSeries.CancelOccurrenceAsync(db, audit, AuditActor.From(User), clock, id, eventId, cancellationToken);
        return Done(outcome, id, l["Der Termin wurde abgesagt."]) ?? await ReloadAsync(id, eventId, cancellationToken);
    }

    public async Task<IActionResult> OnPostAgendaAsync(Guid id, Guid eventId, CancellationToken cancellationToken)
    {
        var outcome = await SaveEventSeries.SetAgendaAsync(db, audit, AuditActor.From(User), clock, id, eventId, Agenda, cancellationToken);
        if (Done(outcome, id, l["Die Tagesordnung wurde gespeichert."]) is { } done)
        {
            return done;
        }

        ModelState.AddModelError("Agenda", l[outcome.Refusal!.Message, outcome.Refusal.Args]);
        return await ReloadAsync(id, eventId, cancellationToken);
    }

    private IActionResult? Done(SaveEventSeries.Outcome outcome, Guid id, string message)
    {
        switch (outcome.Result)
        {
            case SaveEvent.Result.NotFound:
                return NotFound();
            case SaveEvent.Result.Saved:
            case SaveEvent.Result.Unchanged:
                TempData["StatusMessage"] = outcome.Result == SaveEvent.Result.Saved ? message : l["Es gab nichts zu ändern."].Value;
                return Redirect($"{OfficeListModel.Path}/reihen/{id}");
            default:
                return null;
        }
    }

    private async Task<IActionResult> ReloadAsync(Guid id, Guid eventId, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        return await LoadAsync(id, eventId, cancellationToken) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, Guid eventId, CancellationToken cancellationToken)
    {
        var series = await ListEventSeries.DetailsAsync(db, new EventViewer(null, true, true), id, cancellationToken);
        if (series?.Occurrences.FirstOrDefault(o => o.EventId == eventId) is not { } occurrence)
        {
            return false;
        }

        SeriesId = id;
        SeriesTitle = series.Title;
        Occurrence = occurrence;
        return true;
    }

    private DateTimeOffset? Parse(string key, string? value, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                ModelState.AddModelError(key, l["Bitte geben Sie Datum und Uhrzeit an, z. B. 20.05.2026 10:00."]);
            }

            return null;
        }

        if (!DateTime.TryParseExact(value.Trim(), LocalFormats, BerlinTime.Culture, DateTimeStyles.None, out var local))
        {
            ModelState.AddModelError(key, l["Bitte geben Sie Datum und Uhrzeit an, z. B. 20.05.2026 10:00."]);
            return null;
        }

        if (BerlinTime.ToUtc(local) is not { } utc)
        {
            ModelState.AddModelError(key, l["Diese Uhrzeit gibt es wegen der Umstellung auf Sommerzeit nicht. Bitte wählen Sie eine andere."]);
            return null;
        }

        return new DateTimeOffset(utc);
    }

    private static string Local(DateTime utc) => BerlinTime.ToBerlin(utc).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
}
