using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Localization;

namespace Quartiersnetz.Features.Events;

/// <summary>The schedule part of the office's series form (Berlin date and times; an expert may type the RRULE itself).</summary>
internal sealed class SeriesScheduleForm
{
    public string? FirstDate { get; set; }

    public string? StartTime { get; set; } = "10:00";

    public string? EndTime { get; set; } = "13:00";

    /// <summary>Optional: an RRULE typed by hand; when filled it replaces the rule builder.</summary>
    public string? RawRule { get; set; }

    public string? MunicipalityAgs { get; set; }
}

/// <summary>What the series form partial needs.</summary>
internal sealed record EventSeriesFormModel(
    ModelStateDictionary State, EventFormInput Input, SeriesScheduleForm Schedule, SeriesRuleInput Rule, IReadOnlyList<TopicGroup> Topics, bool IsNew,
    string SubmitLabel)
{
    public string? ErrorOf(string key) => Shared.FieldState.Error(State, key);

    public string? Attempted(string key, string? current) =>
        State.TryGetValue(key, out var entry) && entry.AttemptedValue is not null ? entry.AttemptedValue : current;

    public EventFormModel EventForm => new(State, Input, Topics, IsNew, SubmitLabel);
}

/// <summary>
/// Creating a series from the office form, shared by "new series" and "copy a series": reads the template through the
/// event form's parser, writes the rule from the builder (or takes the typed RRULE) and stores all dates at once.
/// </summary>
internal abstract class SeriesCreatePage(QuartiersnetzDbContext db, AuditLog audit, TimeProvider clock, IStringLocalizer<Texts> l) : PageModel
{
    [BindProperty]
    public EventFormInput Input { get; set; } = new() { Language = "Deutsch", Type = nameof(EventType.Netzwerktreffen), PlaceMode = nameof(PlaceMode.OnSite), Audience = nameof(EventAudience.Members) };

    [BindProperty]
    public SeriesScheduleForm Schedule { get; set; } = new();

    [BindProperty]
    public SeriesRuleInput Rule { get; set; } = new();

    public IReadOnlyList<TopicGroup> Topics { get; private set; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    protected QuartiersnetzDbContext Db => db;

    protected async Task LoadTopicsAsync(CancellationToken cancellationToken) => Topics = await AssignTopics.ActiveTreeAsync(db, cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        // The event parser requires start and end; the series sets each date's own times.
        Input.StartsAt = "2000-01-03T10:00";
        Input.EndsAt = "2000-01-03T11:00";
        Input.RegistrationOpensAt = Input.RegistrationClosesAt = Input.CancellationDeadline = null;
        Input.Status = null;
        var template = Input.ToInput(ModelState, l);
        var rule = string.IsNullOrWhiteSpace(Schedule.RawRule)
            ? Rule.ToRule((field, message) => ModelState.AddModelError("Rule." + field, l[message]))
            : Schedule.RawRule;
        var schedule = SaveEventSeries.ParseSchedule(rule, Schedule.FirstDate, Schedule.StartTime, Schedule.EndTime, Schedule.MunicipalityAgs,
            (field, message) => ModelState.AddModelError("Schedule." + field, l[message]));
        if (template is not null && schedule is not null && rule is not null && ModelState.ErrorCount == 0)
        {
            var outcome = await SaveEventSeries.CreateAsync(db, audit, AuditActor.From(User), clock, schedule, template, cancellationToken);
            if (outcome.Refusal is null)
            {
                StatusMessage = l["Die Reihe wurde mit {0} Terminen angelegt.", outcome.Count];
                return Redirect($"{OfficeListModel.Path}/reihen/{outcome.Id}");
            }

            var key = outcome.Refusal.Field switch
            {
                "Rule" => "Schedule.Rule",
                "FirstDate" or "StartTime" or "EndTime" or "MunicipalityAgs" => "Schedule." + outcome.Refusal.Field,
                _ => "Input." + outcome.Refusal.Field,
            };
            ModelState.AddModelError(key, l[outcome.Refusal.Message, outcome.Refusal.Args]);
        }

        await LoadTopicsAsync(cancellationToken);
        return Page();
    }
}
