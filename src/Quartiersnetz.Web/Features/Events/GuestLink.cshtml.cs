using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Platform.Http;
using Quartiersnetz.Platform.Localization;

namespace Quartiersnetz.Features.Events;

/// <summary>
/// The links in a guest's mail. Opening a link changes nothing (mail scanners open links); the button on the page does.
/// Both pages check a secret, so they count against the rate limit like the sign-in.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.Auth)]
internal abstract class GuestLinkModel(GuestRegistration guests, IStringLocalizer<Texts> l) : PageModel
{
    protected abstract bool IsCancelLink { get; }

    public GuestRegistration.LinkState? Link { get; private set; }

    public string? Message { get; private set; }

    public string? Error { get; private set; }

    public RegistrationView? Registration { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        Link = await guests.FindAsync(token, IsCancelLink, cancellationToken);
        if (Link is null)
        {
            Error = l["Dieser Link ist ungültig. Bitte prüfen Sie, ob Sie ihn vollständig aus der E-Mail übernommen haben."];
        }
        else if (!Link.Usable)
        {
            Error = IsCancelLink ? l["Diese Anmeldung wurde bereits zurückgezogen."] : l["Dieser Bestätigungslink ist abgelaufen oder wurde bereits verwendet."];
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        var outcome = IsCancelLink ? await guests.CancelAsync(token, cancellationToken) : await guests.ConfirmAsync(token, cancellationToken);
        Link = await guests.FindAsync(token, IsCancelLink, cancellationToken);
        if (outcome.Result == RegisterForEvent.Result.NotFound)
        {
            Error = l["Dieser Link ist ungültig. Bitte prüfen Sie, ob Sie ihn vollständig aus der E-Mail übernommen haben."];
        }
        else if (outcome.Refusal is { } refusal)
        {
            Error = l[refusal.Message, refusal.Args];
        }
        else
        {
            Registration = outcome.Registration;
            Message = IsCancelLink
                ? l["Ihre Anmeldung ist zurückgezogen."]
                : outcome.Registration?.StatusValue switch
                {
                    RegistrationStatus.Confirmed => l["Ihre Anmeldung ist bestätigt. Ihr Platz ist reserviert."].Value,
                    RegistrationStatus.Waitlisted => l["Die Veranstaltung ist ausgebucht. Sie stehen auf der Warteliste an Position {0}.", outcome.Registration.WaitlistPosition ?? 0].Value,
                    _ => l["Ihre Anmeldung ist eingegangen. Die Geschäftsstelle bestätigt sie."].Value,
                };
        }

        return Page();
    }
}

[AllowAnonymous]
[EnableRateLimiting(RateLimits.Auth)]
internal sealed class GuestConfirmModel(GuestRegistration guests, IStringLocalizer<Texts> l) : GuestLinkModel(guests, l)
{
    protected override bool IsCancelLink => false;
}

[AllowAnonymous]
[EnableRateLimiting(RateLimits.Auth)]
internal sealed class GuestCancelModel(GuestRegistration guests, IStringLocalizer<Texts> l) : GuestLinkModel(guests, l)
{
    protected override bool IsCancelLink => true;
}
