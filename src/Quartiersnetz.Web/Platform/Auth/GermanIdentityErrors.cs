using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Platform.Localization;

namespace Quartiersnetz.Platform.Auth;

/// <summary>Identity's error messages in German (through the localizer, German as source text).</summary>
internal sealed class GermanIdentityErrors(IStringLocalizer<Texts> l) : IdentityErrorDescriber
{
    public override IdentityError DefaultError() => Error(nameof(DefaultError), l["Ein unbekannter Fehler ist aufgetreten."]);

    public override IdentityError ConcurrencyFailure() =>
        Error(nameof(ConcurrencyFailure), l["Der Zugang wurde zwischenzeitlich geändert. Bitte laden Sie die Seite neu und versuchen Sie es erneut."]);

    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), l["Das Passwort ist nicht richtig."]);

    public override IdentityError InvalidToken() =>
        Error(nameof(InvalidToken), l["Der Link oder Code ist ungültig oder abgelaufen. Bitte fordern Sie einen neuen an."]);

    public override IdentityError RecoveryCodeRedemptionFailed() =>
        Error(nameof(RecoveryCodeRedemptionFailed), l["Der Wiederherstellungscode ist ungültig oder wurde schon verwendet."]);

    public override IdentityError LoginAlreadyAssociated() =>
        Error(nameof(LoginAlreadyAssociated), l["Diese Anmeldung ist bereits mit einem anderen Zugang verbunden."]);

    public override IdentityError InvalidUserName(string? userName) =>
        Error(nameof(InvalidUserName), l["Der Benutzername „{0}“ ist ungültig.", userName ?? ""]);

    public override IdentityError InvalidEmail(string? email) =>
        Error(nameof(InvalidEmail), l["Die E-Mail-Adresse „{0}“ ist ungültig.", email ?? ""]);

    public override IdentityError DuplicateUserName(string userName) =>
        Error(nameof(DuplicateUserName), l["Für die E-Mail-Adresse „{0}“ gibt es bereits einen Zugang.", userName]);

    public override IdentityError DuplicateEmail(string email) =>
        Error(nameof(DuplicateEmail), l["Für die E-Mail-Adresse „{0}“ gibt es bereits einen Zugang.", email]);

    public override IdentityError InvalidRoleName(string? role) => Error(nameof(InvalidRoleName), l["Die Rolle „{0}“ ist ungültig.", role ?? ""]);

    public override IdentityError DuplicateRoleName(string role) => Error(nameof(DuplicateRoleName), l["Die Rolle „{0}“ gibt es bereits.", role]);

    public override IdentityError UserAlreadyHasPassword() => Error(nameof(UserAlreadyHasPassword), l["Für diesen Zugang ist bereits ein Passwort gesetzt."]);

    public override IdentityError UserLockoutNotEnabled() => Error(nameof(UserLockoutNotEnabled), l["Für diesen Zugang ist keine Sperre möglich."]);

    public override IdentityError UserAlreadyInRole(string role) => Error(nameof(UserAlreadyInRole), l["Der Zugang hat die Rolle „{0}“ bereits.", role]);

    public override IdentityError UserNotInRole(string role) => Error(nameof(UserNotInRole), l["Der Zugang hat die Rolle „{0}“ nicht.", role]);

    public override IdentityError PasswordTooShort(int length) =>
        Error(nameof(PasswordTooShort), l["Das Passwort muss mindestens {0} Zeichen lang sein. Lange Passphrasen aus mehreren Wörtern sind sicher und gut zu merken.", length]);

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) =>
        Error(nameof(PasswordRequiresUniqueChars), l["Das Passwort muss mindestens {0} verschiedene Zeichen enthalten.", uniqueChars]);

    public override IdentityError PasswordRequiresNonAlphanumeric() =>
        Error(nameof(PasswordRequiresNonAlphanumeric), l["Das Passwort muss ein Sonderzeichen enthalten."]);

    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit), l["Das Passwort muss eine Ziffer enthalten."]);

    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower), l["Das Passwort muss einen Kleinbuchstaben enthalten."]);

    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper), l["Das Passwort muss einen Großbuchstaben enthalten."]);

    public IdentityError PasswordTooLong(int length) =>
        Error(nameof(PasswordTooLong), l["Das Passwort darf höchstens {0} Zeichen lang sein.", length]);

    public IdentityError PasswordTooCommon() =>
        Error(nameof(PasswordTooCommon), l["Dieses Passwort gehört zu den am häufigsten verwendeten und ist daher leicht zu erraten. Bitte wählen Sie ein anderes."]);

    public IdentityError PasswordContainsEmail() =>
        Error(nameof(PasswordContainsEmail), l["Das Passwort darf Ihre E-Mail-Adresse nicht enthalten."]);

    private static IdentityError Error(string code, string description) => new() { Code = code, Description = description };
}
