using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.Features.ApiAccess;

[Authorize(Policy = Policies.SignedIn)]
internal sealed class TokensModel(QuartiersnetzDbContext db, AuditLog audit, TimeProvider clock) : PageModel
{
    public const string Path = "/konto/zugangstoken";

    [BindProperty]
    public CreatePersonalAccessToken.Input Input { get; set; } = new();

    /// <summary>The token just created; its secret is on this one response and nowhere else.</summary>
    public CreatePersonalAccessToken.Outcome? Created { get; private set; }

    public IReadOnlyList<PersonalAccessTokenSummary> Tokens { get; private set; } = [];

    public DateTime NowUtc { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            Created = await CreatePersonalAccessToken.HandleAsync(
                db, audit, clock, AuditActor.From(User), User.AccountId()!.Value, Input, cancellationToken);
            // Rendered directly instead of Post/Redirect/Get: the secret must not be kept anywhere to show it again.
            // "no-cache" too, as the page's antiforgery tokens demand (else they replace the header and log a warning).
            Response.Headers.CacheControl = "no-cache, no-store";
            ModelState.Clear();
            Input = new CreatePersonalAccessToken.Input();
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, CancellationToken cancellationToken)
    {
        var outcome = await RevokePersonalAccessToken.HandleAsync(
            db, audit, clock, AuditActor.From(User), User.AccountId()!.Value, id, cancellationToken);
        return outcome == RevokePersonalAccessToken.Outcome.Revoked ? Redirect(Path) : NotFound();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        NowUtc = clock.GetUtcNow().UtcDateTime;
        Tokens = await ListPersonalAccessTokens.HandleAsync(db, User.AccountId()!.Value, cancellationToken);
    }
}
