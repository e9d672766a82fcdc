using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Quartiersnetz.Features.Onboarding;

[AllowAnonymous]
internal sealed class RequestAccessPageModel(RequestAccess requestAccess) : PageModel
{
    [BindProperty]
    public RequestAccess.Input Input { get; set; } = new();

    public bool Sent { get; private set; }

    public void OnGet([FromQuery(Name = "gesendet")] bool sent = false) => Sent = sent;

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var emailError = await requestAccess.HandleAsync(Input, cancellationToken);
        if (emailError is not null)
        {
            ModelState.AddModelError("Input.Email", emailError);
            return Page();
        }

        // Post/Redirect/Get, so reloading the confirmation does not send the request twice.
        return Redirect("/zugang-beantragen?gesendet=true");
    }
}
