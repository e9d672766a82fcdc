using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Quartiersnetz.Platform.Email;

/// <summary>
/// One e-mail waiting to be sent, being sent, sent, or given up on. Mails are written in the same
/// transaction as the change that causes them (an invitation, a registration), so none is lost when
/// the SMTP server is down; a background sender delivers them.
/// </summary>
internal sealed class OutboxMessage
{
    public const int AddressMaxLength = 254;
    public const int NameMaxLength = 200;
    public const int SubjectMaxLength = 300;

    public Guid Id { get; init; } = Guid.NewGuid();

    public required string ToAddress { get; init; }

    public string? ToName { get; init; }

    public required string Subject { get; init; }

    public required string TextBody { get; init; }

    public string? HtmlBody { get; init; }

    /// <summary>Optional attachment (an event's .ics, a certificate PDF); erased with the body once sent.</summary>
    public string? AttachmentFileName { get; init; }

    public string? AttachmentContentType { get; init; }

    public string? AttachmentContent { get; init; }

    /// <summary>True when <see cref="AttachmentContent"/> holds base64 of binary content (a PDF) rather than text.</summary>
    public bool AttachmentIsBase64 { get; init; }

    /// <summary>Extra header fields ("Name: value" per line, see <see cref="OutboxHeaders"/>); erased with the body once sent.</summary>
    public string? Headers { get; init; }

    public DateTime CreatedAtUtc { get; init; }

    public OutboxStatus Status { get; set; } = OutboxStatus.Pending;

    public int Attempts { get; set; }

    /// <summary>Earliest time of the next delivery attempt (backoff after a failure).</summary>
    public DateTime NextAttemptAtUtc { get; set; }

    /// <summary>A sender node holds the message until this time; another node may take it over afterwards.</summary>
    public DateTime? LockedUntilUtc { get; set; }

    /// <summary>Random id of the claim, so a node only finishes messages it claimed itself.</summary>
    public Guid? LockToken { get; set; }

    public DateTime? SentAtUtc { get; set; }

    public string? LastError { get; set; }

    /// <summary>The office sends a given-up mail again: it starts over with a full set of attempts.</summary>
    public bool Requeue(DateTime now)
    {
        if (Status != OutboxStatus.DeadLetter)
        {
            return false;
        }

        Status = OutboxStatus.Pending;
        Attempts = 0;
        NextAttemptAtUtc = now;
        LockToken = null;
        LockedUntilUtc = null;
        return true;
    }
}

internal enum OutboxStatus
{
    Pending = 0,
    Sent = 1,

    /// <summary>Given up after the maximum number of attempts; shown to the office.</summary>
    DeadLetter = 2,
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("OutboxMessages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.ToAddress).HasMaxLength(OutboxMessage.AddressMaxLength);
        builder.Property(m => m.ToName).HasMaxLength(OutboxMessage.NameMaxLength);
        builder.Property(m => m.Subject).HasMaxLength(OutboxMessage.SubjectMaxLength);
        builder.Property(m => m.LastError).HasMaxLength(2000);
        builder.Property(m => m.AttachmentFileName).HasMaxLength(200);
        builder.Property(m => m.AttachmentContentType).HasMaxLength(100);
        builder.Property(m => m.Headers).HasMaxLength(2000);
        builder.HasIndex(m => new { m.Status, m.NextAttemptAtUtc });
    }
}
