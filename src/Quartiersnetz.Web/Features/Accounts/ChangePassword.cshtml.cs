using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Http;

namespace Quartiersnetz.Features.Accounts;

/// <summary>Changes the password after confirming the current one; the new one must pass the password rules.</summary>
[Authorize(Policy = Policies.SignedIn)]
[EnableRateLimiting(RateLimits.Auth)]
internal sealed class ChangePasswordModel(UserManager<UserAccount> users, SignInManager<UserAccount> signIn) : PageModel
{
    [BindProperty]
    public ChangePasswordInput Input { get; set; } = new();

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var changed = await users.ChangePasswordAsync(user, Input.CurrentPassword, Input.NewPassword);
        if (!changed.Succeeded)
        {
            foreach (var error in changed.Errors)
            {
                ModelState.AddModelError(error.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? "Input.CurrentPassword" : "Input.NewPassword", error.Description);
            }

            return Page();
        }

        // The security stamp changed (other sessions end); this one continues with a fresh cookie.
        await signIn.RefreshSignInAsync(user);
        TempData["Notice"] = "Ihr Passwort wurde geändert.";
        return Redirect(AccountPaths.Security);
    }

    internal sealed class ChangePasswordInput
    {
        [Required(ErrorMessage = "Bitte geben Sie Ihr bisheriges Passwort ein.")]
        [StringLength(PasswordRules.MaximumLength, ErrorMessage = "Das Passwort ist zu lang.")]
        [Display(Name = "Bisheriges Passwort")]
        public string CurrentPassword { get; set; } = "";

        [Required(ErrorMessage = "Bitte geben Sie ein neues Passwort ein.")]
        [Display(Name = "Neues Passwort")]
        public string NewPassword { get; set; } = "";

        [Required(ErrorMessage = "Bitte wiederholen Sie das neue Passwort.")]
        [Compare(nameof(NewPassword), ErrorMessage = "Die beiden neuen Passwörter stimmen nicht überein.")]
        [Display(Name = "Neues Passwort wiederholen")]
        public string ConfirmPassword { get; set; } = "";
    }
}
