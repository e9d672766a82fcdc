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

/// <summary>Copies one event: the form prefilled with everything but the dates and registration times; a new single event.</summary>
[Authorize(Policy = Policies.Office)]
internal sealed class OfficeCopyModel(QuartiersnetzDbContext db, AuditLog audit, TimeProvider clock, IStringLocalizer<Texts> l) : PageModel
{
    [BindProperty]
    public EventFormInput Input { get; set; } = new();

    public Guid Id { get; private set; }

    public IReadOnlyList<TopicGroup> Topics { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var details = await ListEvents.DetailsAsync(db, new EventViewer(null, true, true), id, cancellationToken);
        if (details is null)
        {
            return NotFound();
        }

        Input = EventFormInput.From(details);
        // A copy is a new date: the planner chooses the times; it starts published.
        Input.StartsAt = Input.EndsAt = Input.RegistrationOpensAt = Input.RegistrationClosesAt = Input.CancellationDeadline = null;
        Input.Status = null;
        Input.MunicipalityAgs = await db.Set<Event>().Where(e => e.Id == id).Select(e => e.MunicipalityAgs).SingleAsync(cancellationToken);
        Id = id;
        Topics = await AssignTopics.ActiveTreeAsync(db, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        Id = id;
        if (Input.ToInput(ModelState, l) is { } input)
        {
            var outcome = await SaveEvent.CreateAsync(db, audit, AuditActor.From(User), clock, input, cancellationToken);
            if (outcome.Refusal is null)
            {
                TempData["StatusMessage"] = l["Die Kopie wurde angelegt."].Value;
                return Redirect($"{OfficeListModel.Path}/{outcome.Id}");
            }

            ModelState.AddModelError("Input." + outcome.Refusal.Field, l[outcome.Refusal.Message, outcome.Refusal.Args]);
        }

        Topics = await AssignTopics.ActiveTreeAsync(db, cancellationToken);
        return Page();
    }
}
