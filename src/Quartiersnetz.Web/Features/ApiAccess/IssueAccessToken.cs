using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.Features.ApiAccess;

/// <summary>
/// Exchanges e-mail, password and (where required) a TOTP code for a short-lived access token. Failed
/// passwords and codes count towards the account lockout, like on the sign-in page.
/// </summary>
internal static class IssueAccessToken
{
    public const int EmailMaxLength = 254;
    public const int PasswordMaxLength = 200;

    internal sealed record Input(string? Email, string? Password, string? Code);

    internal enum Result
    {
        Issued,
        WrongCredentials,
        LockedOut,
        CodeRequired,
        WrongCode,
        OfficeNeedsTwoFactor,
    }

    internal sealed record Outcome(Result Result, string? AccessToken = null, DateTime? ExpiresAtUtc = null);

    /// <summary>Field errors (German) for the input's shape; empty when it is well formed.</summary>
    public static Dictionary<string, string[]> Validate(Input? input, Func<string, string> l)
    {
        var errors = new Dictionary<string, string[]>();
        var email = input?.Email?.Trim();
        if (string.IsNullOrEmpty(email))
        {
            errors["email"] = [l("Bitte geben Sie Ihre E-Mail-Adresse an.")];
        }
        else if (email.Length > EmailMaxLength || !new EmailAddressAttribute().IsValid(email))
        {
            errors["email"] = [l("Bitte geben Sie eine gültige E-Mail-Adresse an.")];
        }

        if (string.IsNullOrEmpty(input?.Password))
        {
            errors["password"] = [l("Bitte geben Sie Ihr Passwort an.")];
        }
        else if (input.Password.Length > PasswordMaxLength)
        {
            errors["password"] = [l("Das Passwort ist zu lang.")];
        }

        var code = NormalizeCode(input?.Code);
        if (code is not null && (code.Length != 6 || !code.All(char.IsAsciiDigit)))
        {
            errors["code"] = [l("Der Code besteht aus 6 Ziffern aus Ihrer Authenticator-App.")];
        }

        return errors;
    }

    public static async Task<Outcome> HandleAsync(SignInManager<UserAccount> signIn, AccessTokens tokens, Input input)
    {
        var users = signIn.UserManager;
        var user = await users.FindByEmailAsync(input.Email!.Trim());
        if (user is null)
        {
            // Same answer as a wrong password, so the endpoint does not reveal who has an account.
            return new Outcome(Result.WrongCredentials);
        }

        var password = await signIn.CheckPasswordSignInAsync(user, input.Password!, lockoutOnFailure: true);
        if (password.IsLockedOut)
        {
            return new Outcome(Result.LockedOut);
        }

        if (!password.Succeeded)
        {
            return new Outcome(Result.WrongCredentials);
        }

        var secondFactor = false;
        if (user.TwoFactorEnabled)
        {
            var code = NormalizeCode(input.Code);
            if (code is null)
            {
                return new Outcome(Result.CodeRequired);
            }

            if (!await users.VerifyTwoFactorTokenAsync(user, TokenOptions.DefaultAuthenticatorProvider, code))
            {
                // Wrong codes count like wrong passwords, so six digits cannot be tried through.
                await users.AccessFailedAsync(user);
                return new Outcome(await users.IsLockedOutAsync(user) ? Result.LockedOut : Result.WrongCode);
            }

            // CheckPasswordSignInAsync leaves the failure count alone for 2FA accounts; the full sign-in ends here.
            await users.ResetAccessFailedCountAsync(user);
            secondFactor = true;
        }
        else if (await users.IsInRoleAsync(user, Roles.Office))
        {
            return new Outcome(Result.OfficeNeedsTwoFactor);
        }

        var principal = await signIn.CreateUserPrincipalAsync(user);
        if (secondFactor)
        {
            ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(ApiAuthentication.AuthenticationMethodClaim, "mfa"));
        }

        var (token, expires) = tokens.Issue(principal);
        return new Outcome(Result.Issued, token, expires);
    }

    private static string? NormalizeCode(string? code)
    {
        var digits = code?.Replace(" ", "", StringComparison.Ordinal).Trim();
        return string.IsNullOrEmpty(digits) ? null : digits;
    }
}
