using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Quartiersnetz.Platform.Http;

namespace Quartiersnetz.Features.Newsletter;

/// <summary>
/// The confirmation link. Opening it changes nothing — mail scanners and link previews open links — the button on the
/// page confirms. It checks a secret, so it counts against the sign-in rate limit.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.Auth)]
internal sealed class ConfirmModel(NewsletterSubscriptions subscriptions) : PageModel
{
    public ConfirmationState State { get; private set; }

    /// <summary>True right after the button confirmed the subscription.</summary>
    public bool JustConfirmed { get; private set; }

    public async Task OnGetAsync(string token, CancellationToken cancellationToken) =>
        State = await subscriptions.CheckAsync(token, cancellationToken);

    public async Task OnPostAsync(string token, CancellationToken cancellationToken)
    {
        State = await subscriptions.ConfirmAsync(token, cancellationToken);
        JustConfirmed = State == ConfirmationState.Open;
    }
}
