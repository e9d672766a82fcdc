using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Localization;

namespace Quartiersnetz.Features.Accounts;

[AllowAnonymous]
internal sealed class SignInModel(SignInManager<UserAccount> signIn, UserManager<UserAccount> users, IStringLocalizer<Texts> l) : PageModel
{
    [BindProperty]
    public SignInInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

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
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }

        ModelState.AddModelError(string.Empty, result.IsLockedOut
            ? l["Ihr Zugang ist nach mehreren Fehlversuchen vorübergehend gesperrt. Bitte versuchen Sie es in 15 Minuten erneut."]
            : l["Die Anmeldung ist fehlgeschlagen. Bitte prüfen Sie E-Mail-Adresse und Passwort."]);
        return Page();
    }

    internal sealed class SignInInput
    {
        [Required(ErrorMessage = "Bitte geben Sie Ihre E-Mail-Adresse ein.")]
        [EmailAddress(ErrorMessage = "Bitte geben Sie eine gültige E-Mail-Adresse ein.")]
        [StringLength(254, ErrorMessage = "Die E-Mail-Adresse ist zu lang.")]
        [Display(Name = "E-Mail-Adresse")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Bitte geben Sie Ihr Passwort ein.")]
        [StringLength(200, ErrorMessage = "Das Passwort ist zu lang.")]
        [DataType(DataType.Password)]
        [Display(Name = "Passwort")]
        public string Password { get; set; } = "";
    }
}
