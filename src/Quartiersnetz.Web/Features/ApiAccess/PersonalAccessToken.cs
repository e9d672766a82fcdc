using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.Features.ApiAccess;

/// <summary>
/// A token for scripts, created on the profile page and shown once. Only its SHA-256 hash is stored;
/// it expires and can be revoked.
/// </summary>
internal sealed class PersonalAccessToken
{
    public const int NameMaxLength = 100;

    public Guid Id { get; init; } = Guid.NewGuid();

    public Guid UserId { get; init; }

    public required string Name { get; init; }

    /// <summary>SHA-256 of the token (hex).</summary>
    public required string TokenHash { get; init; }

    /// <summary>The first characters of the token, shown in the list so a person recognises it.</summary>
    public required string Prefix { get; init; }

    public DateTime CreatedAtUtc { get; init; }

    public DateTime ExpiresAtUtc { get; init; }

    public DateTime? LastUsedAtUtc { get; set; }

    public DateTime? RevokedAtUtc { get; set; }
}

internal sealed class PersonalAccessTokenConfiguration : IEntityTypeConfiguration<PersonalAccessToken>
{
    public void Configure(EntityTypeBuilder<PersonalAccessToken> builder)
    {
        builder.ToTable("PersonalAccessTokens");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Name).HasMaxLength(PersonalAccessToken.NameMaxLength);
        builder.Property(t => t.TokenHash).HasMaxLength(64);
        builder.Property(t => t.Prefix).HasMaxLength(20);
        builder.HasIndex(t => t.TokenHash).IsUnique();
        builder.HasIndex(t => t.UserId);
        builder.HasOne<UserAccount>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
