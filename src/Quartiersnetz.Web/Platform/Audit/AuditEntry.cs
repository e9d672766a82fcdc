using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Quartiersnetz.Platform.Audit;

/// <summary>
/// One administrative action: who did what to whom, when, and which fields changed (before/after).
/// Never holds passwords, tokens or TOTP secrets: callers pass only the fields they name.
/// </summary>
internal sealed class AuditEntry
{
    public const int ActionMaxLength = 100;
    public const int NameMaxLength = 300;

    public Guid Id { get; init; } = Guid.NewGuid();

    public DateTime OccurredAtUtc { get; init; }

    public Guid? ActorId { get; set; }

    /// <summary>Name at the time of the action; replaced when the actor's account is deleted.</summary>
    public required string ActorName { get; set; }

    /// <summary>Stable action key, e.g. "invitation.sent"; the office page shows a German label.</summary>
    public required string Action { get; init; }

    public required string SubjectType { get; init; }

    public string? SubjectId { get; init; }

    public string? SubjectName { get; set; }

    /// <summary>JSON array of { field, before, after }.</summary>
    public string? Changes { get; init; }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditEntries");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.ActorName).HasMaxLength(AuditEntry.NameMaxLength);
        builder.Property(e => e.Action).HasMaxLength(AuditEntry.ActionMaxLength);
        builder.Property(e => e.SubjectType).HasMaxLength(AuditEntry.ActionMaxLength);
        builder.Property(e => e.SubjectId).HasMaxLength(100);
        builder.Property(e => e.SubjectName).HasMaxLength(AuditEntry.NameMaxLength);
        builder.HasIndex(e => e.OccurredAtUtc);
        builder.HasIndex(e => e.ActorId);
    }
}
