using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Localization;
using Quartiersnetz.Platform.Time;

namespace Quartiersnetz.Features.Library;

/// <summary>The office describes a new publication; files are added on its page afterwards.</summary>
[Authorize(Policy = Policies.Office)]
internal sealed class OfficeCreateModel(QuartiersnetzDbContext db, AuditLog audit, TimeProvider clock, IStringLocalizer<Texts> l) : PageModel
{
    [BindProperty]
    public PublicationFormInput Input { get; set; } = new();

    public IReadOnlyList<TopicGroup> Topics { get; private set; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        // Most publications are entered in the year they appear.
        Input.Year = BerlinTime.ToBerlin(clock.GetUtcNow().UtcDateTime).Year.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Topics = await AssignTopics.ActiveTreeAsync(db, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Input.NormaliseLineBreaks(ModelState);
        if (Input.ToInput(ModelState, l) is { } input)
        {
            var outcome = await SavePublication.SaveAsync(db, audit, AuditActor.From(User), clock, null, input, cancellationToken);
            if (outcome.Succeeded)
            {
                StatusMessage = l["Die Veröffentlichung wurde gespeichert. Fügen Sie jetzt ihre Dateien hinzu."];
                return Redirect($"{OfficeLibrary.Path}/{outcome.Id}");
            }

            PublicationFormInput.AddRefusals(ModelState, l, outcome.Refusals);
        }

        Topics = await AssignTopics.ActiveTreeAsync(db, cancellationToken);
        return Page();
    }
}
