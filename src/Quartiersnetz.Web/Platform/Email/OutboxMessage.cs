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
        builder.Property(m => m.Headers).HasMaxLength(2000);
        builder.HasIndex(m => new { m.Status, m.NextAttemptAtUtc });
    }
}

/// <summary>
/// One attachment of an outbox message (an event's .ics, the admission pass's QR code, a certificate PDF): text as it
/// is, binary content as base64. Deleted once the message is sent, like its body.
/// </summary>
internal sealed class OutboxAttachment
{
    public const int FileNameMaxLength = 200;
    public const int ContentTypeMaxLength = 100;

    public Guid Id { get; init; } = Guid.NewGuid();

    public Guid MessageId { get; init; }

    /// <summary>The order in the mail.</summary>
    public int Position { get; init; }

    public required string FileName { get; init; }

    public required string ContentType { get; init; }

    public required string Content { get; init; }

    public bool IsBase64 { get; init; }
}

internal sealed class OutboxAttachmentConfiguration : IEntityTypeConfiguration<OutboxAttachment>
{
    public void Configure(EntityTypeBuilder<OutboxAttachment> builder)
    {
        builder.ToTable("OutboxAttachments");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.FileName).HasMaxLength(OutboxAttachment.FileNameMaxLength);
        builder.Property(a => a.ContentType).HasMaxLength(OutboxAttachment.ContentTypeMaxLength);
        builder.HasIndex(a => new { a.MessageId, a.Position });
        builder.HasOne<OutboxMessage>().WithMany().HasForeignKey(a => a.MessageId).OnDelete(DeleteBehavior.Cascade);
    }
}
