using Quartiersnetz.Data;
using Quartiersnetz.Platform.Privacy;

namespace Quartiersnetz.Features.Onboarding;

/// <summary>
/// Onboarding's part in "Meine Daten" and account deletion: invitations addressed to the person and access
/// requests sent from their address. On deletion these are removed, and the person's name disappears from
/// invitations and decisions they made for others (those rows stay for the other people's history).
/// </summary>
internal sealed class OnboardingPersonalData(QuartiersnetzDbContext db) : IPersonalDataContributor
{
    public string Section => "Einladungen und Anträge auf Zugang";

    public async Task<object?> ExportAsync(Guid userId, CancellationToken cancellationToken)
    {
        var key = await EmailKeyAsync(userId, cancellationToken);
        var invitations = await db.Set<Invitation>().AsNoTracking()
            .Where(i => i.AcceptedUserId == userId || (key != null && i.NormalizedEmail == key))
            .OrderBy(i => i.CreatedAtUtc)
            .Select(i => new
            {
                i.Email,
                i.DisplayName,
                i.Role,
                i.MunicipalityAgs,
                i.Organisation,
                i.FunctionTitle,
                i.CreatedAtUtc,
                i.ExpiresAtUtc,
                i.AcceptedAtUtc,
                i.RevokedAtUtc,
            })
            .ToListAsync(cancellationToken);
        var requests = key is null
            ? []
            : await db.Set<AccessRequest>().AsNoTracking()
                .Where(AccessRequest.FromAddress(key))
                .OrderBy(r => r.SubmittedAtUtc)
                .Select(r => new
                {
                    r.Name,
                    r.Email,
                    r.Affiliation,
                    r.FunctionTitle,
                    r.Message,
                    r.SubmittedAtUtc,
                    r.PrivacyNoticeVersion,
                    Status = r.Status.ToString(),
                    r.DecidedAtUtc,
                    r.DecisionMessage,
                })
                .ToListAsync(cancellationToken);
        return new { Invitations = invitations, AccessRequests = requests };
    }

    public async Task EraseAsync(Guid userId, CancellationToken cancellationToken)
    {
        var key = await EmailKeyAsync(userId, cancellationToken);
        var own = await db.Set<Invitation>()
            .Where(i => i.AcceptedUserId == userId || (key != null && i.NormalizedEmail == key))
            .ToListAsync(cancellationToken);
        db.Set<Invitation>().RemoveRange(own);
        if (key is not null)
        {
            db.Set<AccessRequest>().RemoveRange(await db.Set<AccessRequest>().Where(AccessRequest.FromAddress(key)).ToListAsync(cancellationToken));
        }

        foreach (var sent in await db.Set<Invitation>().Where(i => i.InvitedById == userId && i.AcceptedUserId != userId).ToListAsync(cancellationToken))
        {
            sent.InvitedById = null;
        }

        foreach (var decided in await db.Set<AccessRequest>().Where(r => r.DecidedById == userId).ToListAsync(cancellationToken))
        {
            decided.DecidedById = null;
        }
    }

    private async Task<string?> EmailKeyAsync(Guid userId, CancellationToken cancellationToken) =>
        await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.NormalizedEmail).SingleOrDefaultAsync(cancellationToken);
}
