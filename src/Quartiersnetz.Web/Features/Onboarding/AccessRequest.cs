using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Quartiersnetz.Features.Onboarding;

/// <summary>
/// Someone without an account asks for access; the office approves (which sends an invitation) or
/// rejects with a message. There is no open self-registration.
/// </summary>
internal sealed class AccessRequest
{
    public const int NameMaxLength = 200;
    public const int EmailMaxLength = 254;
    public const int AffiliationMaxLength = 300;
    public const int FunctionMaxLength = 200;
    public const int MessageMaxLength = 2000;

    public Guid Id { get; init; } = Guid.NewGuid();

    public required string Name { get; init; }

    public required string Email { get; init; }

    /// <summary>Municipality or organisation as the person wrote it.</summary>
    public required string Affiliation { get; init; }

    public required string FunctionTitle { get; init; }

    public string? Message { get; init; }

    public DateTime SubmittedAtUtc { get; init; }

    /// <summary>Version of the privacy notice the person acknowledged with the form.</summary>
    public required string PrivacyNoticeVersion { get; init; }

    public AccessRequestStatus Status { get; private set; } = AccessRequestStatus.Pending;

    public DateTime? DecidedAtUtc { get; private set; }

    public Guid? DecidedById { get; set; }

    /// <summary>The office's message to the person (reason for a rejection, or a note with the approval).</summary>
    public string? DecisionMessage { get; private set; }

    public Guid? InvitationId { get; private set; }

    public bool IsDecided => Status != AccessRequestStatus.Pending;

    /// <summary>
    /// Requests sent from an address, given its upper-case key (EmailAddress.Key). Addresses are stored in
    /// their ASCII form, so SQL upper() on both providers folds them exactly like the key.
    /// </summary>
    public static System.Linq.Expressions.Expression<Func<AccessRequest, bool>> FromAddress(string emailKey) =>
#pragma warning disable CA1304, CA1311, CA1862 // translated to SQL upper(); culture rules do not apply in the database
        r => r.Email.ToUpper() == emailKey;
#pragma warning restore CA1304, CA1311, CA1862

    public void Approve(Guid invitationId, Guid? officeUserId, DateTime nowUtc)
    {
        Decide(AccessRequestStatus.Approved, officeUserId, nowUtc, null);
        InvitationId = invitationId;
    }

    public void Reject(string message, Guid? officeUserId, DateTime nowUtc) =>
        Decide(AccessRequestStatus.Rejected, officeUserId, nowUtc, message);

    private void Decide(AccessRequestStatus status, Guid? officeUserId, DateTime nowUtc, string? message)
    {
        // Callers check IsDecided first and tell the office; reaching this twice is a bug.
        if (IsDecided)
        {
            throw new InvalidOperationException($"Access request {Id} was already decided.");
        }

        Status = status;
        DecidedById = officeUserId;
        DecidedAtUtc = nowUtc;
        DecisionMessage = message;
    }
}

internal enum AccessRequestStatus
{
    Pending = 0,
    Approved = 1,
    Rejected = 2,
}

internal sealed class AccessRequestConfiguration : IEntityTypeConfiguration<AccessRequest>
{
    public void Configure(EntityTypeBuilder<AccessRequest> builder)
    {
        builder.ToTable("AccessRequests");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Name).HasMaxLength(AccessRequest.NameMaxLength);
        builder.Property(r => r.Email).HasMaxLength(AccessRequest.EmailMaxLength);
        builder.Property(r => r.Affiliation).HasMaxLength(AccessRequest.AffiliationMaxLength);
        builder.Property(r => r.FunctionTitle).HasMaxLength(AccessRequest.FunctionMaxLength);
        builder.Property(r => r.Message).HasMaxLength(AccessRequest.MessageMaxLength);
        builder.Property(r => r.DecisionMessage).HasMaxLength(AccessRequest.MessageMaxLength);
        builder.Property(r => r.PrivacyNoticeVersion).HasMaxLength(50);
        builder.HasIndex(r => new { r.Status, r.SubmittedAtUtc });
        builder.Ignore(r => r.IsDecided);
    }
}
