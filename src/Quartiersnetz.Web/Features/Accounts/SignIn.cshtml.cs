using System.ComponentModel.DataAnnotations;
using System.Text.Json;
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
/// Sign-in with e-mail and password (then the second step if the account has one), or with a passkey.
/// An office account without a second factor is sent straight to setting one up: its office rights
/// count only once it has signed in with one (see Policies.Office).
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.Auth)]
internal sealed class SignInModel(
    SignInManager<UserAccount> signIn, UserManager<UserAccount> users, IStringLocalizer<Texts> l, ILogger<SignInModel> logger) : PageModel
{
    [BindProperty]
    public SignInInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>The WebAuthn assertion posted by wwwroot/js/passkeys.js.</summary>
    [BindProperty]
    public string? PasskeyCredential { get; set; }

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await users.FindByEmailAsync(Input.Email.Trim());
        var result = user is null
            ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signIn.PasswordSignInAsync(user, Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.RequiresTwoFactor)
        {
            return Redirect(AccountPaths.WithReturnUrl(AccountPaths.SecondStep, LocalReturnUrl()));
        }

        if (result.Succeeded)
        {
            if (await users.IsInRoleAsync(user!, Roles.Office) && !await users.GetTwoFactorEnabledAsync(user!))
            {
                return Redirect(AccountPaths.SetUpAuthenticator);
            }

            return LocalRedirect(AccountPaths.LocalOrHome(Url, ReturnUrl));
        }

        ModelState.AddModelError(string.Empty, result.IsLockedOut ? LockedOut(l) : l["Die Anmeldung ist fehlgeschlagen. Bitte prüfen Sie E-Mail-Adresse und Passwort."]);
        return Page();
    }

    /// <summary>Options for navigator.credentials.get(); any passkey of any account may answer.</summary>
    public async Task<IActionResult> OnPostPasskeyOptionsAsync() =>
        Content(await signIn.MakePasskeyRequestOptionsAsync(null), "application/json");

    public async Task<IActionResult> OnPostPasskeyAsync()
    {
        ModelState.Clear();
        if (string.IsNullOrWhiteSpace(PasskeyCredential) || PasskeyCredential.Length > 16_384)
        {
            ModelState.AddModelError(string.Empty, l["Die Anmeldung mit Passkey ist fehlgeschlagen. Bitte versuchen Sie es erneut."]);
            return Page();
        }

        PasskeyAssertionResult<UserAccount> assertion;
        try
        {
            assertion = await signIn.PerformPasskeyAssertionAsync(PasskeyCredential);
        }
        catch (Exception ex) when (ex is InvalidOperationException or JsonException or FormatException or PasskeyException)
        {
            // No ceremony under way (expired or replayed state) or malformed JSON: the same answer as a bad assertion.
            logger.LogInformation("Passkey sign-in refused: {Reason}", ex.Message);
            assertion = PasskeyAssertionResult.Fail<UserAccount>(new PasskeyException(ex.Message));
        }

        if (!assertion.Succeeded || assertion.User is null || assertion.Passkey is null)
        {
            ModelState.AddModelError(string.Empty, l["Die Anmeldung mit Passkey ist fehlgeschlagen. Bitte versuchen Sie es erneut."]);
            return Page();
        }

        var user = assertion.User;
        if (await users.IsLockedOutAsync(user))
        {
            ModelState.AddModelError(string.Empty, LockedOut(l));
            return Page();
        }

        if (!await signIn.CanSignInAsync(user))
        {
            ModelState.AddModelError(string.Empty, l["Die Anmeldung ist fehlgeschlagen. Bitte prüfen Sie E-Mail-Adresse und Passwort."]);
            return Page();
        }

        // Stores the new signature counter, which reveals a cloned authenticator.
        await users.AddOrUpdatePasskeyAsync(user, assertion.Passkey);
        await signIn.SignInWithClaimsAsync(user, isPersistent: false,
            [SecondFactor.MultiFactorClaim(), new(SecondFactor.AuthenticationMethodClaim, SecondFactor.HardwareKey)]);
        return LocalRedirect(AccountPaths.LocalOrHome(Url, ReturnUrl));
    }

    internal static string LockedOut(IStringLocalizer l) =>
        l["Ihr Zugang ist nach mehreren Fehlversuchen vorübergehend gesperrt. Bitte versuchen Sie es in 15 Minuten erneut."];

    private string? LocalReturnUrl() => !string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : null;

    internal sealed class SignInInput
    {
        [Required(ErrorMessage = "Bitte geben Sie Ihre E-Mail-Adresse ein.")]
        [EmailAddress(ErrorMessage = "Bitte geben Sie eine gültige E-Mail-Adresse ein.")]
        [StringLength(254, ErrorMessage = "Die E-Mail-Adresse ist zu lang.")]
        [Display(Name = "E-Mail-Adresse")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Bitte geben Sie Ihr Passwort ein.")]
        [StringLength(PasswordRules.MaximumLength, ErrorMessage = "Das Passwort ist zu lang.")]
        [DataType(DataType.Password)]
        [Display(Name = "Passwort")]
        public string Password { get; set; } = "";
    }
}
