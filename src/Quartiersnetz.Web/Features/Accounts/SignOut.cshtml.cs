using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.Features.Accounts;

/// <summary>Signing out is a POST with antiforgery token, so no link or image can sign a person out.</summary>
[AllowAnonymous]
internal sealed class SignOutModel(SignInManager<UserAccount> signIn) : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return Redirect("/");
    }
}
