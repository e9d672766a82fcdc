using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Quartiersnetz.Data;

namespace Quartiersnetz.Features.Accessibility;

[AllowAnonymous]
internal sealed class FeedbackModel(QuartiersnetzDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty]
    public SubmitAccessibilityFeedback.Input Input { get; set; } = new();

    public bool Sent { get; private set; }

    public void OnGet([FromQuery(Name = "seite")] string? page, [FromQuery(Name = "gesendet")] bool sent = false)
    {
        Sent = sent;
        if (page is not null && page.Length <= AccessibilityFeedback.PageUrlMaxLength)
        {
            Input.PageUrl = page;
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        await SubmitAccessibilityFeedback.HandleAsync(db, clock, Input, cancellationToken);
        // Post/Redirect/Get, so reloading the confirmation does not send the report twice.
        return Redirect("/barrierefreiheit/barriere-melden?gesendet=true");
    }
}
