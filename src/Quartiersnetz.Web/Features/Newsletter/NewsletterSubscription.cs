using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Caching;

namespace Quartiersnetz.Features.Newsletter;

/// <summary>Where a public subscription stands.</summary>
internal enum SubscriptionStatus
{
    /// <summary>Asked for, confirmation link sent, not yet confirmed: receives nothing.</summary>
    Pending,

    /// <summary>Confirmed by the link (double opt-in): receives public issues.</summary>
    Confirmed,

    Unsubscribed,

    /// <summary>The mail server refused the address for good; receives nothing until subscribed again.</summary>
    Bounced,
}

internal static class SubscriptionLabels
{
    /// <summary>German source text for the localizer.</summary>
    public static string Label(SubscriptionStatus status) => status switch
    {
        SubscriptionStatus.Pending => "Wartet auf Bestätigung",
        SubscriptionStatus.Confirmed => "Bestätigt",
        SubscriptionStatus.Unsubscribed => "Abgemeldet",
        SubscriptionStatus.Bounced => "Unzustellbar",
        _ => status.ToString(),
    };
}

/// <summary>
/// One address that asked for the public newsletter. The consent (text version and time) is proof under Art. 7(1) DSGVO;
/// the confirmation link's token is stored only as its SHA-256, so a copy of the database cannot confirm anything.
/// </summary>
internal sealed class NewsletterSubscription : INotShownOnPublicPages
{
    public const int TokenHashLength = 64;

    /// <summary>How long a confirmation link works.</summary>
    public static readonly TimeSpan ConfirmationLifetime = TimeSpan.FromDays(7);

    /// <summary>At most one confirmation mail per address in this time, however often the form is sent.</summary>
    public static readonly TimeSpan ConfirmationMailInterval = TimeSpan.FromMinutes(10);

    public Guid Id { get; init; } = Guid.NewGuid();

    /// <summary>As normalised by <see cref="Platform.Email.EmailAddress.Normalize"/>.</summary>
    public required string Email { get; set; }

    /// <summary>Upper-case form for the unique index and look-ups.</summary>
    public required string EmailKey { get; init; }

    public SubscriptionStatus Status { get; set; }

    /// <summary>Version of the consent text the person agreed to (<see cref="NewsletterConsent.Version"/>).</summary>
    public string ConsentTextVersion { get; set; } = "";

    /// <summary>When the consent was given on the form.</summary>
    public DateTime ConsentGivenAtUtc { get; set; }

    public string? ConfirmationTokenHash { get; set; }

    public DateTime ConfirmationExpiresAtUtc { get; set; }

    public DateTime? LastConfirmationMailAtUtc { get; set; }

    public DateTime? ConfirmedAtUtc { get; set; }

    public DateTime? UnsubscribedAtUtc { get; set; }

    public DateTime? BouncedAtUtc { get; set; }

    public string? BounceReason { get; set; }

    public DateTime CreatedAtUtc { get; init; }
}

/// <summary>A member's choice about member issues; no row means the default (<see cref="MemberNewsletterSetting.Default"/>).</summary>
internal sealed class MemberNewsletterPreference : INotShownOnPublicPages
{
    public Guid UserId { get; init; }

    public bool Receive { get; set; }

    public DateTime ChangedAtUtc { get; set; }
}

internal sealed class NewsletterSubscriptionConfiguration : IEntityTypeConfiguration<NewsletterSubscription>
{
    public void Configure(EntityTypeBuilder<NewsletterSubscription> builder)
    {
        builder.ToTable("NewsletterSubscriptions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Email).HasMaxLength(Platform.Email.EmailAddress.MaxLength);
        builder.Property(s => s.EmailKey).HasMaxLength(Platform.Email.EmailAddress.MaxLength);
        builder.HasIndex(s => s.EmailKey).IsUnique();
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(s => s.Status);
        builder.Property(s => s.ConsentTextVersion).HasMaxLength(50);
        builder.Property(s => s.ConfirmationTokenHash).HasMaxLength(NewsletterSubscription.TokenHashLength);
        builder.HasIndex(s => s.ConfirmationTokenHash);
        builder.Property(s => s.BounceReason).HasMaxLength(500);
    }
}

internal sealed class MemberNewsletterPreferenceConfiguration : IEntityTypeConfiguration<MemberNewsletterPreference>
{
    public void Configure(EntityTypeBuilder<MemberNewsletterPreference> builder)
    {
        builder.ToTable("MemberNewsletterPreferences");
        builder.HasKey(p => p.UserId);
        builder.HasOne<UserAccount>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
