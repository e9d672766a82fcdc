using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Localization;

namespace Quartiersnetz.Features.Accounts;

/// <summary>
/// The person's sign-in security: second factor (authenticator app, recovery codes), passkeys and password.
/// Passkeys are registered with wwwroot/js/passkeys.js, which asks this page for the WebAuthn options and
/// posts the authenticator's answer back as an ordinary form.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
internal sealed class SecurityModel(
    UserManager<UserAccount> users, SignInManager<UserAccount> signIn, IStringLocalizer<Texts> l, ILogger<SecurityModel> logger) : PageModel
{
    public const int MaxPasskeys = 20;

    [BindProperty]
    public PasskeyInput Input { get; set; } = new();

    [TempData]
    public string? Notice { get; set; }

    public bool TwoFactorEnabled { get; private set; }

    public int RecoveryCodesLeft { get; private set; }

    public bool IsOffice { get; private set; }

    public bool SignedInWithSecondFactor { get; private set; }

    public IReadOnlyList<PasskeyRow> Passkeys { get; private set; } = [];

    public IReadOnlyList<string>? NewRecoveryCodes { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        await LoadAsync(user);
        return Page();
    }

    /// <summary>Options for navigator.credentials.create(); the ceremony state waits in Identity's cookie.</summary>
    public async Task<IActionResult> OnPostPasskeyOptionsAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        var entity = new PasskeyUserEntity
        {
            Id = await users.GetUserIdAsync(user),
            Name = await users.GetEmailAsync(user) ?? user.DisplayName,
            DisplayName = user.DisplayName,
        };
        return Content(await signIn.MakePasskeyCreationOptionsAsync(entity), "application/json");
    }

    public async Task<IActionResult> OnPostAddPasskeyAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (ModelState.IsValid && (await users.GetPasskeysAsync(user)).Count >= MaxPasskeys)
        {
            ModelState.AddModelError("Input.Name", l["Sie haben bereits {0} Passkeys. Bitte entfernen Sie zuerst einen, den Sie nicht mehr nutzen.", MaxPasskeys]);
        }

        if (ModelState.IsValid)
        {
            PasskeyAttestationResult? attestation = null;
            try
            {
                attestation = await signIn.PerformPasskeyAttestationAsync(Input.Credential);
            }
            catch (Exception ex) when (ex is InvalidOperationException or JsonException or FormatException or PasskeyException)
            {
                logger.LogInformation("Passkey registration refused: {Reason}", ex.Message);
            }

            if (attestation is { Succeeded: true, Passkey: { } passkey } && attestation.UserEntity.Id == await users.GetUserIdAsync(user))
            {
                passkey.Name = Input.Name.Trim();
                var stored = await users.AddOrUpdatePasskeyAsync(user, passkey);
                if (stored.Succeeded)
                {
                    Notice = "Der Passkey wurde gespeichert.";
                    return Redirect(AccountPaths.Security);
                }
            }

            ModelState.AddModelError("Input.Name", l["Der Passkey konnte nicht gespeichert werden. Bitte versuchen Sie es erneut."]);
        }

        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostRemovePasskeyAsync(string credentialId)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        byte[] id;
        try
        {
            id = WebEncoders.Base64UrlDecode(credentialId ?? "");
        }
        catch (FormatException)
        {
            return BadRequest();
        }

        var removed = await users.RemovePasskeyAsync(user, id);
        if (removed.Succeeded)
        {
            await signIn.RefreshSignInAsync(user);
        }

        Notice = removed.Succeeded ? "Der Passkey wurde entfernt." : null;
        return Redirect(AccountPaths.Security);
    }

    public async Task<IActionResult> OnPostNewRecoveryCodesAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        ModelState.Clear();
        if (await users.GetTwoFactorEnabledAsync(user))
        {
            NewRecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, SetUpAuthenticatorModel.RecoveryCodeCount) ?? []];
        }

        await LoadAsync(user);
        return Page();
    }

    private async Task LoadAsync(UserAccount user)
    {
        TwoFactorEnabled = await users.GetTwoFactorEnabledAsync(user);
        RecoveryCodesLeft = TwoFactorEnabled ? await users.CountRecoveryCodesAsync(user) : 0;
        IsOffice = await users.IsInRoleAsync(user, Roles.Office);
        SignedInWithSecondFactor = User.HasSecondFactor();
        Passkeys = (await users.GetPasskeysAsync(user))
            .OrderBy(p => p.CreatedAt)
            .Select(p => new PasskeyRow(WebEncoders.Base64UrlEncode(p.CredentialId), p.Name ?? "", p.CreatedAt.UtcDateTime))
            .ToList();
    }

    internal sealed record PasskeyRow(string CredentialId, string Name, DateTime CreatedAtUtc);

    internal sealed class PasskeyInput
    {
        [Required(ErrorMessage = "Bitte geben Sie dem Passkey einen Namen, zum Beispiel „Laptop“ oder „Smartphone“.")]
        [StringLength(100, ErrorMessage = "Der Name darf höchstens 100 Zeichen lang sein.")]
        [Display(Name = "Name des Passkeys")]
        public string Name { get; set; } = "";

        /// <summary>The authenticator's answer from navigator.credentials.create(), as JSON.</summary>
        [Required(ErrorMessage = "Der Passkey konnte nicht erstellt werden. Bitte versuchen Sie es erneut.")]
        [StringLength(16_384, ErrorMessage = "Der Passkey konnte nicht erstellt werden. Bitte versuchen Sie es erneut.")]
        public string Credential { get; set; } = "";
    }
}
