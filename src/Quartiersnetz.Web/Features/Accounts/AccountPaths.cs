namespace Quartiersnetz.Features.Accounts;

/// <summary>Addresses of the sign-in and security pages, used in redirects and links.</summary>
internal static class AccountPaths
{
    public const string SignIn = "/anmelden";
    public const string SecondStep = "/anmelden/zwei-faktor";
    public const string Security = "/konto/sicherheit";
    public const string SetUpAuthenticator = "/konto/sicherheit/authenticator";
    public const string DisableAuthenticator = "/konto/sicherheit/authenticator-deaktivieren";
    public const string ChangePassword = "/konto/sicherheit/passwort";
    public const string ForgotPassword = "/passwort-vergessen";
    public const string ResetPassword = "/passwort-zuruecksetzen";

    /// <summary>The return address if it is a local one, else the home page (no open redirect).</summary>
    public static string LocalOrHome(Microsoft.AspNetCore.Mvc.IUrlHelper url, string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && url.IsLocalUrl(returnUrl) ? returnUrl : "/";

    public static string WithReturnUrl(string path, string? returnUrl) =>
        string.IsNullOrEmpty(returnUrl) ? path : path + "?ReturnUrl=" + Uri.EscapeDataString(returnUrl);
}
