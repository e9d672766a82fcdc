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
/// The second sign-in step: a code from the authenticator app or one of the recovery codes. Identity keeps
/// the account waiting in its own short-lived cookie; wrong codes count towards the lockout like wrong
/// passwords. "Remember this device" is deliberately not offered, so every sign-in asks for the factor.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.Auth)]
internal sealed class SignInSecondStepModel(SignInManager<UserAccount> signIn, IStringLocalizer<Texts> l) : PageModel
{
    [BindProperty]
    public CodeInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? Redirect(AccountPaths.SignIn) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
        {
            return Redirect(AccountPaths.SignIn);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var code = Input.Code.Replace(" ", "", StringComparison.Ordinal).Trim();
        var isAuthenticatorCode = code.Length == 6 && code.All(char.IsAsciiDigit);
        var result = isAuthenticatorCode
            ? await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false)
            : await signIn.TwoFactorRecoveryCodeSignInAsync(code.ToUpperInvariant());
        if (result.Succeeded)
        {
            return LocalRedirect(AccountPaths.LocalOrHome(Url, ReturnUrl));
        }

        ModelState.AddModelError("Input.Code", result.IsLockedOut
            ? SignInModel.LockedOut(l)
            : l["Der Code ist nicht richtig. Bitte geben Sie den aktuellen Code aus Ihrer Authenticator-App oder einen unbenutzten Wiederherstellungscode ein."]);
        return Page();
    }

    internal sealed class CodeInput
    {
        [Required(ErrorMessage = "Bitte geben Sie den Code ein.")]
        [StringLength(20, ErrorMessage = "Der Code ist zu lang.")]
        [Display(Name = "Code")]
        public string Code { get; set; } = "";
    }
}
