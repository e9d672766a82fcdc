using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.Features.Onboarding;

/// <summary>
/// An invitation by e-mail to create an account: valid 14 days, single use, bound to the address it was
/// sent to. Only a hash of the link's token is stored, so a database leak does not open accounts.
/// </summary>
internal sealed class Invitation
{
    public static readonly TimeSpan Validity = TimeSpan.FromDays(14);

    public Guid Id { get; init; } = Guid.NewGuid();

    public required string Email { get; init; }

    /// <summary>Upper-case form of the address for lookups and duplicate checks.</summary>
    public required string NormalizedEmail { get; init; }

    public required string DisplayName { get; init; }

    /// <summary>Role the account gets (one of <see cref="Roles.All"/>).</summary>
    public required string Role { get; init; }

    public string? MunicipalityAgs { get; init; }

    public string? Organisation { get; init; }

    public string? FunctionTitle { get; init; }

    /// <summary>SHA-256 of the token in the link (hex).</summary>
    public required string TokenHash { get; set; }

    public Guid? InvitedById { get; init; }

    public DateTime CreatedAtUtc { get; init; }

    public DateTime ExpiresAtUtc { get; set; }

    public DateTime? AcceptedAtUtc { get; set; }

    public Guid? AcceptedUserId { get; set; }

    public DateTime? RevokedAtUtc { get; set; }
}

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> builder)
    {
        builder.ToTable("Invitations");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Email).HasMaxLength(254);
        builder.Property(i => i.NormalizedEmail).HasMaxLength(254);
        builder.Property(i => i.DisplayName).HasMaxLength(UserAccount.DisplayNameMaxLength);
        builder.Property(i => i.Role).HasMaxLength(50);
        builder.Property(i => i.MunicipalityAgs).HasMaxLength(8);
        builder.Property(i => i.Organisation).HasMaxLength(UserAccount.OrganisationMaxLength);
        builder.Property(i => i.FunctionTitle).HasMaxLength(UserAccount.FunctionTitleMaxLength);
        builder.Property(i => i.TokenHash).HasMaxLength(64);
        builder.HasIndex(i => i.TokenHash).IsUnique();
        builder.HasIndex(i => i.NormalizedEmail);
    }
}
