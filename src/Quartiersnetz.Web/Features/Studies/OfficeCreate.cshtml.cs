using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Localization;

namespace Quartiersnetz.Features.Studies;

/// <summary>The office records a new research contract; its reports are added on its page afterwards.</summary>
[Authorize(Policy = Policies.Office)]
internal sealed class OfficeCreateModel(QuartiersnetzDbContext db, AuditLog audit, TimeProvider clock, IStringLocalizer<Texts> l) : PageModel
{
    [BindProperty]
    public SaveStudy.Input Input { get; set; } = new();

    public IReadOnlyList<TopicGroup> Topics { get; private set; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Topics = await AssignTopics.ActiveTreeAsync(db, cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        StudyForm.NormaliseLineBreaks(Input, ModelState);
        // The use case checks everything and answers in German; the binder's own checks would answer twice.
        ModelState.ClearValidationState(nameof(Input));
        var outcome = await SaveStudy.SaveAsync(db, audit, AuditActor.From(User), clock, null, Input, cancellationToken);
        if (outcome.Succeeded)
        {
            StatusMessage = l["Der Forschungsauftrag wurde gespeichert. Tragen Sie jetzt die vereinbarten Berichte ein."];
            return Redirect($"{OfficeListModel.Path}/{outcome.Id}#deliverables");
        }

        StudyForm.AddRefusals(ModelState, l, outcome.Refusals);
        Topics = await AssignTopics.ActiveTreeAsync(db, cancellationToken);
        return Page();
    }
}
