using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Platform.Email;
using Quartiersnetz.Platform.Http;
using Quartiersnetz.Platform.Localization;

namespace Quartiersnetz.Features.Newsletter;

/// <summary>
/// The public subscription form. Every accepted request gets the same answer, known address or not. Abuse (mailing
/// strangers' inboxes) is held back three ways: the rate limit of the sign-in (per client address and per named address,
/// the form field is Input.Email), at most one confirmation mail per address every ten minutes, and a honeypot field.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.Auth)]
internal sealed class IndexModel(NewsletterSubscriptions subscriptions, IStringLocalizer<Texts> l) : PageModel
{
    [BindProperty]
    public SubscribeInput Input { get; set; } = new();

    public bool Sent { get; private set; }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!Input.Consent)
        {
            ModelState.AddModelError("Input.Consent", l["Bitte stimmen Sie der Einwilligung zu, damit wir Ihnen den Newsletter schicken dürfen."]);
        }

        var address = EmailAddress.Normalize(Input.Email);
        if (!address.IsValid && ModelState.GetFieldValidationState("Input.Email") != ModelValidationState.Invalid)
        {
            ModelState.AddModelError("Input.Email", l[address.Error!]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        // Filled only by bots (the field is hidden from people and screen readers): answer as usual, send nothing.
        if (string.IsNullOrEmpty(Input.Website))
        {
            await subscriptions.SubscribeAsync(address.Address!, cancellationToken);
        }

        Sent = true;
        return Page();
    }

    internal sealed class SubscribeInput
    {
        [Required(ErrorMessage = "Bitte geben Sie Ihre E-Mail-Adresse ein.")]
        [StringLength(EmailAddress.MaxLength, ErrorMessage = "Die E-Mail-Adresse darf höchstens 254 Zeichen haben.")]
        public string Email { get; set; } = "";

        public bool Consent { get; set; }

        /// <summary>The honeypot.</summary>
        public string? Website { get; set; }
    }
}
