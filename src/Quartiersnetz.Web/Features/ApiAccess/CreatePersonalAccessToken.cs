using System.ComponentModel.DataAnnotations;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Time;

namespace Quartiersnetz.Features.ApiAccess;

/// <summary>Creates a personal access token for the signed-in person. The secret is returned once and only its hash is kept.</summary>
internal static class CreatePersonalAccessToken
{
    internal sealed class Input
    {
        [Required(ErrorMessage = "Bitte geben Sie dem Token einen Namen, z. B. den Zweck des Skripts.")]
        [StringLength(PersonalAccessToken.NameMaxLength, ErrorMessage = "Der Name darf höchstens {1} Zeichen haben.")]
        [Display(Name = "Name")]
        public string Name { get; set; } = "";

        [AllowedValues(30, 90, 365, ErrorMessage = "Bitte wählen Sie eine Gültigkeit von 30, 90 oder 365 Tagen.")]
        [Display(Name = "Gültigkeit")]
        public int ValidityDays { get; set; } = 90;
    }

    internal sealed record Outcome(Guid Id, string Name, string Secret, DateTime ExpiresAtUtc);

    public static async Task<Outcome> HandleAsync(
        QuartiersnetzDbContext db, AuditLog audit, TimeProvider clock, AuditActor actor, Guid userId, Input input, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var secret = PersonalAccessToken.NewSecret();
        var token = new PersonalAccessToken
        {
            UserId = userId,
            Name = input.Name.Trim(),
            TokenHash = PersonalAccessToken.HashOf(secret),
            Prefix = PersonalAccessToken.PrefixOf(secret),
            CreatedAtUtc = now,
            ExpiresAtUtc = now.AddDays(input.ValidityDays),
        };
        db.Add(token);
        // Name and validity only: the secret never goes into the audit log.
        audit.Record(actor, "apitoken.created", "PersonalAccessToken", token.Id.ToString(), token.Name,
            [new AuditChange("Gültig bis", null, BerlinTime.FormatDateTime(token.ExpiresAtUtc))]);
        await db.SaveChangesAsync(cancellationToken);
        return new Outcome(token.Id, token.Name, secret, token.ExpiresAtUtc);
    }
}

/// <summary>Revokes one of the person's own tokens; another person's token is "not found".</summary>
internal static class RevokePersonalAccessToken
{
    internal enum Outcome
    {
        Revoked,
        NotFound,
    }

    public static async Task<Outcome> HandleAsync(
        QuartiersnetzDbContext db, AuditLog audit, TimeProvider clock, AuditActor actor, Guid userId, Guid tokenId, CancellationToken cancellationToken)
    {
        var token = await db.Set<PersonalAccessToken>().SingleOrDefaultAsync(t => t.Id == tokenId && t.UserId == userId, cancellationToken);
        if (token is null)
        {
            return Outcome.NotFound;
        }

        if (token.RevokedAtUtc is null)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            token.Revoke(now);
            audit.Record(actor, "apitoken.revoked", "PersonalAccessToken", token.Id.ToString(), token.Name,
                [new AuditChange("Widerrufen am", null, BerlinTime.FormatDateTime(now))]);
            await db.SaveChangesAsync(cancellationToken);
        }

        return Outcome.Revoked;
    }
}

/// <summary>A token as its owner sees it in lists: never the hash.</summary>
internal sealed record PersonalAccessTokenSummary(
    Guid Id, string Name, string Prefix, DateTime CreatedAtUtc, DateTime ExpiresAtUtc, DateTime? LastUsedAtUtc, DateTime? RevokedAtUtc);

internal static class ListPersonalAccessTokens
{
    public static Task<List<PersonalAccessTokenSummary>> HandleAsync(QuartiersnetzDbContext db, Guid userId, CancellationToken cancellationToken) =>
        db.Set<PersonalAccessToken>().AsNoTracking()
            .Where(t => t.UserId == userId)
            .OrderByDescending(t => t.CreatedAtUtc)
            .Select(t => new PersonalAccessTokenSummary(t.Id, t.Name, t.Prefix, t.CreatedAtUtc, t.ExpiresAtUtc, t.LastUsedAtUtc, t.RevokedAtUtc))
            .ToListAsync(cancellationToken);
}
