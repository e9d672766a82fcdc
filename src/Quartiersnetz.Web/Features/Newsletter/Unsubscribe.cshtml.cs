using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Quartiersnetz.Features.Newsletter;

/// <summary>
/// The unsubscribe link of every newsletter mail, also its List-Unsubscribe address. GET shows a button (mail scanners
/// open links); POST unsubscribes — from the button, and as the RFC 8058 one-click request a mail program sends with the
/// body "List-Unsubscribe=One-Click", which carries no antiforgery token and no cookie. Forging that request needs the
/// signed token, so antiforgery adds nothing here. There is no rate limit either: mail providers send one-click requests
/// for many recipients from few addresses. Unknown and forged tokens get exactly the answer a real one gets.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
internal sealed class UnsubscribeModel(NewsletterSubscriptions subscriptions) : PageModel
{
    public bool Done { get; private set; }

    public async Task OnPostAsync(string token, CancellationToken cancellationToken)
    {
        await subscriptions.UnsubscribeAsync(token, cancellationToken);
        Done = true;
    }
}
