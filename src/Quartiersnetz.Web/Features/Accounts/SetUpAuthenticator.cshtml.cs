using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using QRCoder;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Localization;

namespace Quartiersnetz.Features.Accounts;

/// <summary>
/// Sets up the authenticator app (TOTP): shows the key as QR code and in groups for typing, switches the
/// second factor on once the person proves a code, and shows ten recovery codes exactly once.
/// The key stays the same until it is confirmed or the second factor is switched off, so reloading the
/// page does not invalidate a key already scanned.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
internal sealed class SetUpAuthenticatorModel(
    UserManager<UserAccount> users, SignInManager<UserAccount> signIn, IStringLocalizer<Texts> l) : PageModel
{
    public const int RecoveryCodeCount = 10;
    private const string Issuer = "Quartiersnetz";

    [BindProperty]
    public CodeInput Input { get; set; } = new();

    public string GroupedKey { get; private set; } = "";

    public string QrCodeDataUri { get; private set; } = "";

    public bool AlreadyEnabled { get; private set; }

    /// <summary>An office account must finish this before it can use the office area.</summary>
    public bool Required { get; private set; }

    public IReadOnlyList<string>? RecoveryCodes { get; private set; }

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

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (await users.GetTwoFactorEnabledAsync(user))
        {
            return Redirect(AccountPaths.Security);
        }

        var code = Input.Code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (!ModelState.IsValid
            || !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            ModelState.Remove("Input.Code");
            ModelState.AddModelError("Input.Code", l["Der Code ist nicht richtig. Bitte geben Sie den Code ein, den Ihre Authenticator-App gerade anzeigt."]);
            await LoadAsync(user);
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        RecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount) ?? []];
        // The person has just proven the second factor; the new cookie says so (and carries the new security stamp).
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [SecondFactor.MultiFactorClaim()]);
        AlreadyEnabled = true;
        Required = await users.IsInRoleAsync(user, Roles.Office);
        return Page();
    }

    private async Task LoadAsync(UserAccount user)
    {
        AlreadyEnabled = await users.GetTwoFactorEnabledAsync(user);
        Required = !AlreadyEnabled && await users.IsInRoleAsync(user, Roles.Office);
        if (AlreadyEnabled)
        {
            return;
        }

        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user) ?? "";
        }

        GroupedKey = string.Join(' ', key.ToLowerInvariant().Chunk(4).Select(group => new string(group)));
        var email = await users.GetEmailAsync(user) ?? "";
        var uri = $"otpauth://totp/{Uri.EscapeDataString(Issuer + ":" + email)}?secret={key}&issuer={Issuer}&digits=6";
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        QrCodeDataUri = "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(5));
    }

    internal sealed class CodeInput
    {
        [Required(ErrorMessage = "Bitte geben Sie den Code aus Ihrer Authenticator-App ein.")]
        [StringLength(12, ErrorMessage = "Der Code ist zu lang.")]
        [Display(Name = "Code aus der App")]
        public string Code { get; set; } = "";
    }
}
