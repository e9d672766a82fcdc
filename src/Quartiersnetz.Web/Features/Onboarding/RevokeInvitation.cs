using Quartiersnetz.Data;
using Quartiersnetz.Platform.Audit;

namespace Quartiersnetz.Features.Onboarding;

/// <summary>Withdraws an invitation that was not accepted yet; its link stops working at once.</summary>
internal static class RevokeInvitation
{
    public static async Task<InvitationChangeOutcome> HandleAsync(
        QuartiersnetzDbContext db, AuditLog audit, TimeProvider clock, Guid id, Inviter inviter, CancellationToken cancellationToken)
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
        var status = invitation.StatusAt(now);
        if (status is InvitationStatus.Accepted or InvitationStatus.Revoked)
        {
            return InvitationChangeOutcome.NotPossible;
        }

        invitation.Revoke(now);
        audit.Record(inviter.Actor, "invitation.revoked", nameof(Invitation), invitation.Id.ToString(), invitation.Email);
        await db.SaveChangesAsync(cancellationToken);
        return InvitationChangeOutcome.Done;
    }
}
