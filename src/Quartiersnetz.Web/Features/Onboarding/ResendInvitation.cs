using Quartiersnetz.Data;
using Quartiersnetz.Platform.Audit;

namespace Quartiersnetz.Features.Onboarding;

internal enum InvitationChangeOutcome
{
    Done = 0,
    NotFound = 1,

    /// <summary>Outside the inviter's scope (another municipality, or a role a coordinator may not invite).</summary>
    Forbidden = 2,

    /// <summary>Already accepted (or, for a resend, revoked): nothing to do.</summary>
    NotPossible = 3,
}

/// <summary>
/// Sends an unused invitation again with a new link: the old link stops working and the 14 days start again.
/// Works for open and expired invitations; an accepted or revoked one stays as it is.
/// </summary>
internal static class ResendInvitation
{
    public static async Task<InvitationChangeOutcome> HandleAsync(
        QuartiersnetzDbContext db, InvitePerson invitations, AuditLog audit, TimeProvider clock, Guid id, Inviter inviter, CancellationToken cancellationToken)
    {
        var invitation = await db.Set<Invitation>().SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (invitation is null)
        {
            return InvitationChangeOutcome.NotFound;
        }

        if (!inviter.MayManage(invitation.Role, invitation.MunicipalityAgs))
        {
            return InvitationChangeOutcome.Forbidden;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (invitation.StatusAt(now) is InvitationStatus.Accepted or InvitationStatus.Revoked)
        {
            return InvitationChangeOutcome.NotPossible;
        }

        var previousExpiry = invitation.ExpiresAtUtc;
        var (token, hash) = Invitation.NewToken();
        invitation.Renew(hash, now);
        invitations.EnqueueMail(invitation, token, inviter.Actor.Name);
        audit.Record(inviter.Actor, "invitation.resent", nameof(Invitation), invitation.Id.ToString(), invitation.Email,
            [new AuditChange("ExpiresAtUtc", previousExpiry.ToString("O"), invitation.ExpiresAtUtc.ToString("O"))]);
        await db.SaveChangesAsync(cancellationToken);
        return InvitationChangeOutcome.Done;
    }
}
