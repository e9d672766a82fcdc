using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Localization;

namespace Quartiersnetz.Features.Events;

/// <summary>Changes a series' template and times for its future, not individually changed dates.</summary>
[Authorize(Policy = Policies.Office)]
internal sealed class OfficeSeriesEditModel(QuartiersnetzDbContext db, AuditLog audit, TimeProvider clock, IStringLocalizer<Texts> l) : PageModel
{
    private static readonly EventViewer Office = new(null, IsMember: true, IsOffice: true);

    [BindProperty]
    public EventFormInput Input { get; set; } = new();

    [BindProperty]
    public SeriesScheduleForm Schedule { get; set; } = new();

    public SeriesRuleInput Rule { get; } = new();

    public Guid Id { get; private set; }

    public string Summary { get; private set; } = "";

    public IReadOnlyList<TopicGroup> Topics { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var series = await ListEventSeries.DetailsAsync(db, Office, id, cancellationToken);
        if (series is null)
        {
            return NotFound();
        }

        var next = series.Occurrences.FirstOrDefault(o => !o.Moved && o.Status == EventStatus.Published) ?? (series.Occurrences.Count > 0 ? series.Occurrences[0] : null);
        var template = next is null ? null : await ListEvents.DetailsAsync(db, Office, next.EventId, cancellationToken);
        Input = new EventFormInput
        {
            Type = series.Type.ToString(), Title = series.Title, Description = series.Description, PlaceMode = series.PlaceMode.ToString(),
            VenueName = series.VenueName, VenueAddress = series.VenueAddress, OnlineLink = template?.OnlineLink, Organiser = series.Organiser,
            Audience = series.Audience.ToString(), Language = series.Language, AccessibilityInfo = series.AccessibilityInfo, FeeText = series.FeeText,
            Capacity = series.Capacity?.ToString(CultureInfo.InvariantCulture), RequiresConfirmation = series.RequiresConfirmation,
            Topics = template is null ? [] : [.. template.Topics.Select(t => t.Slug)],
        };
        Schedule = new SeriesScheduleForm
        {
            MunicipalityAgs = series.MunicipalityAgs,
            StartTime = series.StartTime.ToString("HH:mm", CultureInfo.InvariantCulture), EndTime = series.EndTime.ToString("HH:mm", CultureInfo.InvariantCulture),
        };
        await LoadAsync(series, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        Input.StartsAt = "2000-01-03T10:00";
        Input.EndsAt = "2000-01-03T11:00";
        Input.RegistrationOpensAt = Input.RegistrationClosesAt = Input.CancellationDeadline = null;
        Input.Status = null;
        var template = Input.ToInput(ModelState, l);
        var schedule = SaveEventSeries.ParseSchedule(null, "2000-01-03", Schedule.StartTime, Schedule.EndTime, Schedule.MunicipalityAgs,
            (field, message) => ModelState.AddModelError("Schedule." + field, l[message]));
        if (template is not null && schedule is not null)
        {
            var outcome = await SaveEventSeries.UpdateAsync(
                db, audit, AuditActor.From(User), clock, id, schedule.StartTime, schedule.EndTime, schedule.MunicipalityAgs, template, cancellationToken);
            switch (outcome.Result)
            {
                case SaveEvent.Result.NotFound:
                    return NotFound();
                case SaveEvent.Result.Saved:
                    TempData["StatusMessage"] = l["Die Reihe wurde gespeichert; {0} künftige Termine wurden angepasst.", outcome.Count].Value;
                    return Redirect($"{OfficeListModel.Path}/reihen/{id}");
                default:
                    var field = outcome.Refusal!.Field;
                    ModelState.AddModelError(field is "StartTime" or "EndTime" or "MunicipalityAgs" ? "Schedule." + field : "Input." + field,
                        l[outcome.Refusal.Message, outcome.Refusal.Args]);
                    break;
            }
        }

        db.ChangeTracker.Clear();
        var series = await ListEventSeries.DetailsAsync(db, Office, id, cancellationToken);
        if (series is null)
        {
            return NotFound();
        }

        await LoadAsync(series, cancellationToken);
        return Page();
    }

    private async Task LoadAsync(EventSeriesDetails series, CancellationToken cancellationToken)
    {
        Id = series.Id;
        Summary = SeriesRecurrence.Describe(series.Rule, series.StartTime, series.EndTime, l);
        Topics = await AssignTopics.ActiveTreeAsync(db, cancellationToken);
    }
}
