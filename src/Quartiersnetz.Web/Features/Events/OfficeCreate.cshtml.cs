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
internal sealed class OfficeCreateModel(QuartiersnetzDbContext db, AuditLog audit, TimeProvider clock, IStringLocalizer<Texts> l) : PageModel
{
    [BindProperty]
    public EventFormInput Input { get; set; } = new() { Language = "Deutsch" };

    public IReadOnlyList<TopicGroup> Topics { get; private set; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Topics = await AssignTopics.ActiveTreeAsync(db, cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Input.ToInput(ModelState, l) is { } input)
        {
            var outcome = await SaveEvent.CreateAsync(db, audit, AuditActor.From(User), clock, input, cancellationToken);
            if (outcome.Refusal is null)
            {
                StatusMessage = l["Die Veranstaltung wurde angelegt."];
                return Redirect($"{OfficeListModel.Path}/{outcome.Id}");
            }

            ModelState.AddModelError("Input." + outcome.Refusal.Field, l[outcome.Refusal.Message, outcome.Refusal.Args]);
        }

        Topics = await AssignTopics.ActiveTreeAsync(db, cancellationToken);
        return Page();
    }
}
