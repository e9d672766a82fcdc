using System.Security.Claims;
using System.Text.Json;
using Quartiersnetz.Data;

namespace Quartiersnetz.Platform.Audit;

/// <summary>A changed field for the audit log. Only pass fields that are safe to keep: never secrets.</summary>
internal sealed record AuditChange(string Field, string? Before, string? After);

/// <summary>The actor of an administrative action.</summary>
internal sealed record AuditActor(Guid? Id, string Name)
{
    public static AuditActor From(ClaimsPrincipal user) => new(
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null,
        user.FindFirstValue(AuditClaims.DisplayName) ?? user.Identity?.Name ?? "System");

    public static AuditActor System { get; } = new(null, "System");
}

internal static class AuditClaims
{
    /// <summary>Claim with the person's display name, added at sign-in so the audit log can name the actor without a query.</summary>
    public const string DisplayName = "qn:name";
}

/// <summary>
/// Adds audit entries to the caller's DbContext; they are stored by the caller's SaveChanges, together
/// with the change they describe, or not at all.
/// </summary>
internal sealed class AuditLog(QuartiersnetzDbContext db, TimeProvider clock)
{
    public void Record(AuditActor actor, string action, string subjectType, string? subjectId, string? subjectName, IReadOnlyList<AuditChange>? changes = null)
    {
        db.Set<AuditEntry>().Add(new AuditEntry
        {
            OccurredAtUtc = clock.GetUtcNow().UtcDateTime,
            ActorId = actor.Id,
            ActorName = actor.Name,
            Action = action,
            SubjectType = subjectType,
            SubjectId = subjectId,
            SubjectName = subjectName,
            Changes = changes is { Count: > 0 } ? JsonSerializer.Serialize(changes) : null,
        });
    }
}
