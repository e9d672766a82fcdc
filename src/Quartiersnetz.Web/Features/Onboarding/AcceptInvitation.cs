using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Localization;
using Quartiersnetz.Platform.Privacy;

namespace Quartiersnetz.Features.Onboarding;

/// <summary>
/// Turns an invitation into an account: the invited address becomes the account's address (confirmed by
/// the link), the person sets a password and acknowledges the privacy notice. The account and the consumed
/// invitation are stored in one transaction, so there is never one without the other.
/// </summary>
internal sealed class AcceptInvitation(
    QuartiersnetzDbContext db, UserManager<UserAccount> users, AuditLog audit, TimeProvider clock, IStringLocalizer<Texts> l)
{
    internal sealed class Input
    {
        [Required(ErrorMessage = "Bitte wählen Sie ein Passwort.")]
        [StringLength(200, ErrorMessage = "Das Passwort darf höchstens {1} Zeichen haben.")]
        [DataType(DataType.Password)]
        public string Password { get; set; } = "";

        [Required(ErrorMessage = "Bitte wiederholen Sie das Passwort.")]
        [Compare(nameof(Password), ErrorMessage = "Die beiden Passwörter stimmen nicht überein.")]
        [DataType(DataType.Password)]
        public string ConfirmPassword { get; set; } = "";

        [Range(typeof(bool), "true", "true", ErrorMessage = "Bitte bestätigen Sie, dass Sie die Datenschutzerklärung zur Kenntnis genommen haben.")]
        public bool AcceptPrivacyNotice { get; set; }
    }

    /// <summary>What the acceptance page shows about an invitation.</summary>
    internal sealed record Invited(Guid Id, string Email, string DisplayName, string Role, InvitationStatus Status);

    internal sealed record Outcome(UserAccount? Account, InvitationStatus? Refused, bool NotFound, IReadOnlyList<string> Errors)
    {
        public bool Succeeded => Account is not null;
    }

    public async Task<Invited?> FindAsync(string token, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var hash = Invitation.HashToken(token);
        var invitation = await db.Set<Invitation>().AsNoTracking().SingleOrDefaultAsync(i => i.TokenHash == hash, cancellationToken);
        return invitation is null
            ? null
            : new Invited(invitation.Id, invitation.Email, invitation.DisplayName, invitation.Role, invitation.StatusAt(now));
    }

    public async Task<Outcome> HandleAsync(string token, Input input, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var hash = Invitation.HashToken(token);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var invitation = await db.Set<Invitation>().AsNoTracking().SingleOrDefaultAsync(i => i.TokenHash == hash, cancellationToken);
        if (invitation is null)
        {
            return new Outcome(null, null, true, []);
        }

        var status = invitation.StatusAt(now);
        if (status != InvitationStatus.Open)
        {
            return new Outcome(null, status, false, []);
        }

        var account = new UserAccount
        {
            Id = Guid.CreateVersion7(),
            UserName = invitation.Email,
            Email = invitation.Email,
            EmailConfirmed = true,
            DisplayName = invitation.DisplayName,
            MunicipalityAgs = invitation.MunicipalityAgs,
            Organisation = invitation.Organisation,
            FunctionTitle = invitation.FunctionTitle,
            CreatedAtUtc = now,
        };

        // Claim the invitation with a conditional update first: of two simultaneous acceptances only one
        // matches (PostgreSQL makes the second wait for the first, SQLite has one writer), so single use holds.
        var claimed = await db.Set<Invitation>()
            .Where(i => i.Id == invitation.Id && i.TokenHash == hash && i.AcceptedAtUtc == null && i.RevokedAtUtc == null && i.ExpiresAtUtc > now)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.AcceptedAtUtc, now).SetProperty(i => i.AcceptedUserId, account.Id), cancellationToken);
        if (claimed != 1)
        {
            return new Outcome(null, InvitationStatus.Accepted, false, []);
        }

        var created = await users.CreateAsync(account, input.Password);
        if (!created.Succeeded)
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return new Outcome(null, null, false, created.Errors.Select(Describe).Distinct().ToList());
        }

        var inRole = await users.AddToRoleAsync(account, invitation.Role);
        if (!inRole.Succeeded)
        {
            throw new InvalidOperationException($"Role {invitation.Role} could not be assigned: {string.Join(" ", inRole.Errors.Select(e => e.Code))}");
        }

        db.Set<ConsentRecord>().Add(new ConsentRecord
        {
            UserId = account.Id,
            Kind = ConsentKinds.PrivacyNotice,
            TextVersion = PrivacyNotice.Version,
            GivenAtUtc = now,
        });
        audit.Record(new AuditActor(account.Id, account.DisplayName), "invitation.accepted", nameof(Invitation), invitation.Id.ToString(), invitation.Email,
            [new AuditChange("Role", null, invitation.Role), new AuditChange("MunicipalityAgs", null, invitation.MunicipalityAgs)]);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new Outcome(account, null, false, []);
    }

    private string Describe(IdentityError error) => error.Code switch
    {
        nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName) =>
            l["Für diese Adresse gibt es bereits einen Zugang. Bitte melden Sie sich an."],
        _ => error.Description,
    };
}
