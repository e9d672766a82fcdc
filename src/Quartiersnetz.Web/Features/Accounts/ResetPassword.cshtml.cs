using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Http;

namespace Quartiersnetz.Features.Accounts;

/// <summary>
/// Sets a new password from the link in the reset mail. The link is checked when the page opens, so an
/// expired or used link says so before the person types a new password. Success lifts a lockout: the
/// person has just proven they read the account's mail.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.Auth)]
internal sealed class ResetPasswordModel(UserManager<UserAccount> users) : PageModel
{
    [BindProperty]
    public ResetPasswordInput Input { get; set; } = new();

    public bool LinkInvalid { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? konto, string? code)
    {
        Input = new ResetPasswordInput { AccountId = konto ?? "", Code = code ?? "" };
        LinkInvalid = await FindUserWithValidTokenAsync() is null;
        if (LinkInvalid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await FindUserWithValidTokenAsync();
        if (user is null)
        {
            LinkInvalid = true;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var reset = await users.ResetPasswordAsync(user, Input.Code, Input.NewPassword);
        if (!reset.Succeeded)
        {
            foreach (var error in reset.Errors)
            {
                ModelState.AddModelError("Input.NewPassword", error.Description);
            }

            return Page();
        }

        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        TempData["Notice"] = "Ihr neues Passwort ist gespeichert. Bitte melden Sie sich damit an.";
        return Redirect(AccountPaths.SignIn);
    }

    private async Task<UserAccount?> FindUserWithValidTokenAsync()
    {
        if (!Guid.TryParse(Input.AccountId, out _) || string.IsNullOrEmpty(Input.Code) || Input.Code.Length > 2000)
        {
            return null;
        }

        var user = await users.FindByIdAsync(Input.AccountId);
        // External contacts never sign in, whatever link someone holds.
        return user is not null && !user.IsExternalContact
            && await users.VerifyUserTokenAsync(user, users.Options.Tokens.PasswordResetTokenProvider, UserManager<UserAccount>.ResetPasswordTokenPurpose, Input.Code)
            ? user
            : null;
    }

    internal sealed class ResetPasswordInput
    {
        public string AccountId { get; set; } = "";

        public string Code { get; set; } = "";

        [Required(ErrorMessage = "Bitte geben Sie ein neues Passwort ein.")]
        [Display(Name = "Neues Passwort")]
        public string NewPassword { get; set; } = "";

        [Required(ErrorMessage = "Bitte wiederholen Sie das neue Passwort.")]
        [Compare(nameof(NewPassword), ErrorMessage = "Die beiden Passwörter stimmen nicht überein.")]
        [Display(Name = "Neues Passwort wiederholen")]
        public string ConfirmPassword { get; set; } = "";
    }
}
