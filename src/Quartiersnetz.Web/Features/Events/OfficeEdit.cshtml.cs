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

[Authorize(Policy = Policies.Office)]
internal sealed class OfficeEditModel(QuartiersnetzDbContext db, AuditLog audit, TimeProvider clock, IStringLocalizer<Texts> l) : PageModel
{
    private static readonly EventViewer Office = new(null, IsMember: true, IsOffice: true);

    [BindProperty]
    public EventFormInput Input { get; set; } = new();

    public Guid Id { get; private set; }

    public string CurrentTitle { get; private set; } = "";

    public int ConfirmedCount { get; private set; }

    /// <summary>The capacity dropped below the seats taken: the form asks what to do.</summary>
    public bool AskCapacityReduction { get; private set; }

    public IReadOnlyList<TopicGroup> Topics { get; private set; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var details = await ListEvents.DetailsAsync(db, Office, id, cancellationToken);
        if (details is null)
        {
            return NotFound();
        }

        Input = EventFormInput.From(details);
        Input.MunicipalityAgs = await db.Set<Event>().Where(e => e.Id == id).Select(e => e.MunicipalityAgs).SingleAsync(cancellationToken);
        await LoadAsync(details, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (Input.ToInput(ModelState, l) is { } input)
        {
            var outcome = await SaveEvent.UpdateAsync(db, audit, AuditActor.From(User), clock, id, input, cancellationToken);
            switch (outcome.Result)
            {
                case SaveEvent.Result.NotFound:
                    return NotFound();
                case SaveEvent.Result.Saved:
                case SaveEvent.Result.Unchanged:
                    StatusMessage = outcome.Result == SaveEvent.Result.Saved ? l["Die Änderungen wurden gespeichert."] : l["Es gab nichts zu ändern."];
                    return Redirect($"{OfficeListModel.Path}/{id}");
                default:
                    AskCapacityReduction = outcome.Refusal!.Message == SaveEvent.CapacityBelowTakenMessage;
                    ModelState.AddModelError("Input." + outcome.Refusal!.Field, l[outcome.Refusal.Message, outcome.Refusal.Args]);
                    break;
            }
        }

        db.ChangeTracker.Clear();
        var details = await ListEvents.DetailsAsync(db, Office, id, cancellationToken);
        if (details is null)
        {
            return NotFound();
        }

        await LoadAsync(details, cancellationToken);
        return Page();
    }

    private async Task LoadAsync(EventDetails details, CancellationToken cancellationToken)
    {
        Id = details.Id;
        CurrentTitle = details.Title;
        ConfirmedCount = details.ConfirmedCount;
        Topics = await AssignTopics.ActiveTreeAsync(db, cancellationToken);
    }
}
