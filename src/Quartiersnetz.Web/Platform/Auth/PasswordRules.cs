using Microsoft.AspNetCore.Identity;

namespace Quartiersnetz.Platform.Auth;

/// <summary>
/// Password rules after the BSI's guidance (IT-Grundschutz ORP.4): length instead of composition rules.
/// At least 10 characters, at most 200, not one of the most common passwords and not derived from the
/// person's e-mail address: not the address itself, and without the address's name part (before the @)
/// the rest must still have the minimum length, so "max.mustermann2024" fails for max.mustermann@… while a
/// long passphrase that happens to contain a short name part such as "admin" passes.
/// Identity's own composition validator is replaced by this one.
/// </summary>
internal sealed class PasswordRules(GermanIdentityErrors errors) : IPasswordValidator<UserAccount>
{
    public const int MinimumLength = 10;
    public const int MaximumLength = 200;

    // Shorter local parts ("a@…", "kb@…") occur by chance in good passwords.
    private const int ShortestLocalPartChecked = 3;

    public Task<IdentityResult> ValidateAsync(UserManager<UserAccount> manager, UserAccount user, string? password)
    {
        password ??= "";
        var failures = new List<IdentityError>();
        if (password.Length < MinimumLength)
        {
            failures.Add(errors.PasswordTooShort(MinimumLength));
        }
        else if (password.Length > MaximumLength)
        {
            failures.Add(errors.PasswordTooLong(MaximumLength));
        }
        else if (CommonPasswords.Contains(password))
        {
            failures.Add(errors.PasswordTooCommon());
        }
        else if (ContainsEmail(password, user.Email))
        {
            failures.Add(errors.PasswordContainsEmail());
        }

        return Task.FromResult(failures.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. failures]));
    }

    private static bool ContainsEmail(string password, string? email)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return false;
        }

        email = email.Trim();
        if (password.Equals(email, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var at = email.IndexOf('@', StringComparison.Ordinal);
        var localPart = at > 0 ? email[..at] : email;
        return localPart.Length >= ShortestLocalPartChecked
            && password.Contains(localPart, StringComparison.OrdinalIgnoreCase)
            && password.Replace(localPart, "", StringComparison.OrdinalIgnoreCase).Length < MinimumLength;
    }
}
