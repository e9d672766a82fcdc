using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Quartiersnetz.Platform.Http;

namespace Quartiersnetz.Features.Accounts;

[AllowAnonymous]
[EnableRateLimiting(RateLimits.Auth)]
internal sealed class ForgotPasswordModel(RequestPasswordReset requestReset) : PageModel
{
    [BindProperty]
    public ForgotPasswordInput Input { get; set; } = new();

    public bool Sent { get; private set; }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        await requestReset.HandleAsync(new RequestPasswordReset.Input(Input.Email), cancellationToken);
        Sent = true;
        return Page();
    }

    internal sealed class ForgotPasswordInput
    {
        [Required(ErrorMessage = "Bitte geben Sie Ihre E-Mail-Adresse ein.")]
        [EmailAddress(ErrorMessage = "Bitte geben Sie eine gültige E-Mail-Adresse ein.")]
        [StringLength(254, ErrorMessage = "Die E-Mail-Adresse ist zu lang.")]
        [Display(Name = "E-Mail-Adresse")]
        public string Email { get; set; } = "";
    }
}
