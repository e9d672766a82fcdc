using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Quartiersnetz.Features.Accessibility;

/// <summary>A report of a barrier on the site (BITV NRW feedback mechanism), read by the office.</summary>
internal sealed class AccessibilityFeedback
{
    public const int MessageMaxLength = 4000;
    public const int NameMaxLength = 200;
    public const int EmailMaxLength = 254;
    public const int PageUrlMaxLength = 500;

    public Guid Id { get; init; } = Guid.NewGuid();

    public required string Message { get; init; }

    public string? PageUrl { get; init; }

    public string? Name { get; init; }

    public string? Email { get; init; }

    public DateTime ReceivedAtUtc { get; init; }

    public DateTime? HandledAtUtc { get; private set; }

    public bool IsHandled => HandledAtUtc is not null;

    public void MarkHandled(DateTime nowUtc) => HandledAtUtc ??= nowUtc;
}

internal sealed class AccessibilityFeedbackConfiguration : IEntityTypeConfiguration<AccessibilityFeedback>
{
    public void Configure(EntityTypeBuilder<AccessibilityFeedback> builder)
    {
        builder.ToTable("AccessibilityFeedback");
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Message).HasMaxLength(AccessibilityFeedback.MessageMaxLength);
        builder.Property(f => f.PageUrl).HasMaxLength(AccessibilityFeedback.PageUrlMaxLength);
        builder.Property(f => f.Name).HasMaxLength(AccessibilityFeedback.NameMaxLength);
        builder.Property(f => f.Email).HasMaxLength(AccessibilityFeedback.EmailMaxLength);
        builder.Ignore(f => f.IsHandled);
        builder.HasIndex(f => f.ReceivedAtUtc);
    }
}
