using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Http;
using Quartiersnetz.Platform.Localization;

namespace Quartiersnetz.Features.Accounts;

/// <summary>
/// Switches the second factor off after the password is confirmed. The key is replaced, so an app that
/// still shows codes for the old key is useless. Office accounts cannot switch it off: they must keep it.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
[EnableRateLimiting(RateLimits.Auth)]
internal sealed class DisableAuthenticatorModel(
    UserManager<UserAccount> users, SignInManager<UserAccount> signIn, IStringLocalizer<Texts> l) : PageModel
{
    [BindProperty]
    public PasswordInput Input { get; set; } = new();

    public bool IsOffice { get; private set; }

    public bool Enabled { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        IsOffice = await users.IsInRoleAsync(user, Roles.Office);
        Enabled = await users.GetTwoFactorEnabledAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        IsOffice = await users.IsInRoleAsync(user, Roles.Office);
        Enabled = await users.GetTwoFactorEnabledAsync(user);
        if (IsOffice || !Enabled)
        {
            return Redirect(AccountPaths.Security);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (!await users.CheckPasswordAsync(user, Input.Password))
        {
            await users.AccessFailedAsync(user);
            ModelState.AddModelError("Input.Password", l["Das Passwort ist nicht richtig."]);
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await signIn.RefreshSignInAsync(user);
        TempData["Notice"] = "Die Anmeldung in zwei Schritten ist ausgeschaltet.";
        return Redirect(AccountPaths.Security);
    }

    internal sealed class PasswordInput
    {
        [Required(ErrorMessage = "Bitte geben Sie Ihr Passwort ein.")]
        [StringLength(PasswordRules.MaximumLength, ErrorMessage = "Das Passwort ist zu lang.")]
        [Display(Name = "Passwort")]
        public string Password { get; set; } = "";
    }
}
