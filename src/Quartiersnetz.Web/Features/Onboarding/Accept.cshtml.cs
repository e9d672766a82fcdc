using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Email;

namespace Quartiersnetz.Features.Onboarding;

/// <summary>The page behind the link in the invitation mail: set a password and create the account.</summary>
[AllowAnonymous]
// "no-cache" too, as the form's antiforgery token demands (else it replaces the header and logs a warning).
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
internal sealed class AcceptModel(AcceptInvitation accept, SignInManager<UserAccount> signIn) : PageModel
{
    [BindProperty]
    public AcceptInvitation.Input Input { get; set; } = new();

    public AcceptInvitation.Invited? Invitation { get; private set; }

    /// <summary>Why the invitation cannot be used; null while it can.</summary>
    public InvitationProblem? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        await LoadAsync(token, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        await LoadAsync(token, cancellationToken);
        if (Problem is not null || !ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await accept.HandleAsync(token, Input, cancellationToken);
        if (outcome.NotFound || outcome.Refused is not null)
        {
            // Used or withdrawn between showing the form and sending it.
            SetProblem(outcome.NotFound ? InvitationProblem.Unknown : ProblemFor(outcome.Refused!.Value));
            return Page();
        }

        if (!outcome.Succeeded)
        {
            foreach (var error in outcome.Errors)
            {
                ModelState.AddModelError("Input.Password", error);
            }

            return Page();
        }

        await signIn.SignInAsync(outcome.Account!, isPersistent: false);
        // Office accounts set up their second factor before anything else.
        return LocalRedirect(Invitation!.Role == Roles.Office ? "/konto/sicherheit" : "/");
    }

    private async Task LoadAsync(string token, CancellationToken cancellationToken)
    {
        Invitation = await accept.FindAsync(token, cancellationToken);
        if (Invitation is null)
        {
            SetProblem(InvitationProblem.Unknown);
        }
        else if (Invitation.Status != InvitationStatus.Open)
        {
            SetProblem(ProblemFor(Invitation.Status));
        }
        else if (User.Identity?.IsAuthenticated == true
            && !string.Equals(EmailAddress.Normalize(User.FindFirstValue(ClaimTypes.Email) ?? User.Identity.Name).Address,
                Invitation.Email, StringComparison.OrdinalIgnoreCase))
        {
            SetProblem(InvitationProblem.Foreign);
        }
    }

    private static InvitationProblem ProblemFor(InvitationStatus status) => status switch
    {
        InvitationStatus.Accepted => InvitationProblem.Used,
        InvitationStatus.Revoked => InvitationProblem.Revoked,
        _ => InvitationProblem.Expired,
    };

    private void SetProblem(InvitationProblem problem)
    {
        Problem = problem;
        Response.StatusCode = problem switch
        {
            InvitationProblem.Unknown => StatusCodes.Status404NotFound,
            InvitationProblem.Foreign => StatusCodes.Status403Forbidden,
            _ => StatusCodes.Status410Gone,
        };
    }
}

internal enum InvitationProblem
{
    Unknown = 0,
    Expired = 1,
    Used = 2,
    Revoked = 3,

    /// <summary>Someone else is signed in: the link belongs to another address.</summary>
    Foreign = 4,
}
