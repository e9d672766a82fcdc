using Quartiersnetz.Data;
using Quartiersnetz.Platform.Privacy;

namespace Quartiersnetz.Features.ApiAccess;

/// <summary>The person's access tokens in "Meine Daten" (without hashes) and their removal with the account.</summary>
internal sealed class PersonalAccessTokenData(QuartiersnetzDbContext db) : IPersonalDataContributor
{
    public string Section => "Persönliche Zugangstoken";

    public async Task<object?> ExportAsync(Guid userId, CancellationToken cancellationToken) =>
        await db.Set<PersonalAccessToken>().AsNoTracking()
            .Where(t => t.UserId == userId)
            .OrderBy(t => t.CreatedAtUtc)
            .Select(t => new { t.Name, t.Prefix, t.CreatedAtUtc, t.ExpiresAtUtc, t.LastUsedAtUtc, t.RevokedAtUtc })
            .ToListAsync(cancellationToken);

    public async Task EraseAsync(Guid userId, CancellationToken cancellationToken)
    {
        var tokens = await db.Set<PersonalAccessToken>().Where(t => t.UserId == userId).ToListAsync(cancellationToken);
        db.RemoveRange(tokens);
    }
}
