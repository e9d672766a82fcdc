using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Files;
using Quartiersnetz.Platform.Privacy;

namespace Quartiersnetz.Features.Profile;

/// <summary>
/// Deletes a person's own account (Art. 17): every contributor erases or anonymises its data, the account
/// row goes with its roles, logins, tokens and passkeys, audit entries keep the event but lose the name,
/// and one audit entry records the deletion — all in one SaveChanges. The photo file follows afterwards.
/// </summary>
internal static class DeleteAccount
{
    public const string ConfirmationWord = "LÖSCHEN";

    internal sealed class Input
    {
        [Required(ErrorMessage = "Bitte geben Sie Ihr Passwort ein.")]
        [StringLength(200, ErrorMessage = "Das Passwort ist zu lang.")]
        public string Password { get; set; } = "";

        [Required(ErrorMessage = "Bitte geben Sie zur Bestätigung LÖSCHEN ein.")]
        [StringLength(20, ErrorMessage = "Bitte geben Sie zur Bestätigung LÖSCHEN ein.")]
        public string Confirmation { get; set; } = "";
    }

    internal enum Outcome
    {
        Deleted,
        WrongPassword,
        NotConfirmed,
        LastOfficeAccount,
    }

    public static async Task<Outcome> HandleAsync(
        QuartiersnetzDbContext db,
        UserManager<UserAccount> users,
        SignInManager<UserAccount> signIn,
        IEnumerable<IPersonalDataContributor> contributors,
        AuditLog audit,
        IFileStorage files,
        ILogger logger,
        Guid userId,
        Input input,
        CancellationToken cancellationToken)
    {
        if (!string.Equals(input.Confirmation.Trim(), ConfirmationWord, StringComparison.Ordinal))
        {
            return Outcome.NotConfirmed;
        }

        var user = await db.Users.SingleAsync(u => u.Id == userId, cancellationToken);
        // Counts towards the lockout, so this form cannot be used to guess the password.
        var check = await signIn.CheckPasswordSignInAsync(user, input.Password, lockoutOnFailure: true);
        if (!check.Succeeded)
        {
            return Outcome.WrongPassword;
        }

        if (await users.IsInRoleAsync(user, Roles.Office) && (await users.GetUsersInRoleAsync(Roles.Office)).Count <= 1)
        {
            return Outcome.LastOfficeAccount;
        }

        var photo = user.PhotoFileName;
        foreach (var contributor in contributors)
        {
            await contributor.EraseAsync(userId, cancellationToken);
        }

        // The entry says that an account was deleted, not whose: its id no longer leads to anyone.
        audit.Record(new AuditActor(userId, AuditPersonalData.DeletedAccountName), "account.deleted", "UserAccount", userId.ToString(), AuditPersonalData.DeletedAccountName);
        await db.SaveChangesAsync(cancellationToken);

        if (photo is not null)
        {
            try
            {
                await files.DeleteAsync(photo, CancellationToken.None);
            }
            catch (IOException ex)
            {
                logger.LogError(ex, "The photo {Key} of a deleted account could not be removed; delete it by hand", photo);
            }
        }

        return Outcome.Deleted;
    }
}
