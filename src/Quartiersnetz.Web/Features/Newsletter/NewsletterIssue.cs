using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Quartiersnetz.Platform.Caching;

namespace Quartiersnetz.Features.Newsletter;

/// <summary>Who receives an issue.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<IssueAudience>))]
internal enum IssueAudience
{
    /// <summary>Confirmed public subscribers and members who want member mails; public content only; in the public archive.</summary>
    Public,

    /// <summary>Members who want it; may carry members-only news and events; archived for members only.</summary>
    Members,
}

internal enum IssueStatus
{
    Draft,

    /// <summary>"Versenden" was pressed; the send job writes one outbox mail per recipient.</summary>
    Sending,

    Sent,
}

internal static class IssueLabels
{
    /// <summary>German source text for the localizer.</summary>
    public static string Label(IssueAudience audience) => audience == IssueAudience.Public ? "Öffentlich" : "Nur Mitglieder";

    /// <summary>German source text for the localizer.</summary>
    public static string Label(IssueStatus status) => status switch
    {
        IssueStatus.Draft => "Entwurf",
        IssueStatus.Sending => "Wird versendet",
        _ => "Versendet",
    };

    public static IssueAudience? ParseAudience(string? value) =>
        Enum.TryParse<IssueAudience>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(value, out _) ? parsed : null;
}

/// <summary>
/// One newsletter issue: a free text plus picked news and events. When sending starts, the mail as rendered is kept
/// (<see cref="SentHtml"/>, <see cref="SentText"/>), so the archive shows what was mailed even after the articles change.
/// </summary>
internal sealed class NewsletterIssue
{
    public const int SubjectMaxLength = 200;
    public const int IntroMaxLength = 20000;

    public Guid Id { get; init; } = Guid.NewGuid();

    public string Subject { get; set; } = "";

    /// <summary>Markdown; rendered through the shared sanitising renderer.</summary>
    public string Intro { get; set; } = "";

    public IssueAudience Audience { get; set; }

    public IssueStatus Status { get; set; }

    /// <summary>The HTML body fragment as mailed (without the per-recipient unsubscribe footer).</summary>
    public string? SentHtml { get; set; }

    public string? SentText { get; set; }

    /// <summary>Scheme and host for the per-recipient links, taken from the request that started sending (the job has none).</summary>
    public string? LinkBase { get; set; }

    /// <summary>Recipients found when the last batch was written; the progress is <see cref="DeliveredCount"/> of it.</summary>
    public int RecipientCount { get; set; }

    /// <summary>Mails written to the outbox so far.</summary>
    public int DeliveredCount { get; set; }

    public DateTime CreatedAtUtc { get; init; }

    public DateTime UpdatedAtUtc { get; set; }

    public DateTime? SendStartedAtUtc { get; set; }

    public DateTime? SentAtUtc { get; set; }
}

internal enum IssueItemKind
{
    News,
    Event,
    Publication,
}

/// <summary>A news article, event or publication picked for an issue.</summary>
internal sealed class NewsletterIssueItem
{
    public Guid IssueId { get; init; }

    public IssueItemKind Kind { get; init; }

    public Guid ItemId { get; init; }

    public int Position { get; set; }
}

/// <summary>
/// One recipient of one issue, written in the same transaction as the outbox mail. The unique key makes the send job
/// idempotent: a recipient never gets an issue twice, even when the job is interrupted or two nodes run it.
/// </summary>
internal sealed class NewsletterDelivery : INotShownOnPublicPages
{
    public Guid IssueId { get; init; }

    /// <summary>Upper-case address (the same key as <see cref="NewsletterSubscription.EmailKey"/>).</summary>
    public required string RecipientKey { get; init; }

    public DateTime QueuedAtUtc { get; init; }
}

internal sealed class NewsletterIssueConfiguration : IEntityTypeConfiguration<NewsletterIssue>
{
    public void Configure(EntityTypeBuilder<NewsletterIssue> builder)
    {
        builder.ToTable("NewsletterIssues");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Subject).HasMaxLength(NewsletterIssue.SubjectMaxLength);
        builder.Property(i => i.Intro).HasMaxLength(NewsletterIssue.IntroMaxLength);
        builder.Property(i => i.Audience).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.LinkBase).HasMaxLength(300);
        builder.HasIndex(i => new { i.Status, i.SentAtUtc });
    }
}

internal sealed class NewsletterIssueItemConfiguration : IEntityTypeConfiguration<NewsletterIssueItem>
{
    public void Configure(EntityTypeBuilder<NewsletterIssueItem> builder)
    {
        builder.ToTable("NewsletterIssueItems");
        builder.HasKey(i => new { i.IssueId, i.Kind, i.ItemId });
        builder.Property(i => i.Kind).HasConversion<string>().HasMaxLength(20);
        builder.HasOne<NewsletterIssue>().WithMany().HasForeignKey(i => i.IssueId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class NewsletterDeliveryConfiguration : IEntityTypeConfiguration<NewsletterDelivery>
{
    public void Configure(EntityTypeBuilder<NewsletterDelivery> builder)
    {
        builder.ToTable("NewsletterDeliveries");
        builder.HasKey(d => new { d.IssueId, d.RecipientKey });
        builder.Property(d => d.RecipientKey).HasMaxLength(Platform.Email.EmailAddress.MaxLength);
        builder.HasOne<NewsletterIssue>().WithMany().HasForeignKey(d => d.IssueId).OnDelete(DeleteBehavior.Cascade);
    }
}
