using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
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
    // Set on creation; changed only through Renew, so an old link dies with every new one.
    public required string TokenHash { get; set; }

    public Guid? InvitedById { get; set; }

    public DateTime CreatedAtUtc { get; init; }

    public DateTime ExpiresAtUtc { get; set; }

    public DateTime? AcceptedAtUtc { get; private set; }

    public Guid? AcceptedUserId { get; private set; }

    public DateTime? RevokedAtUtc { get; private set; }

    public InvitationStatus StatusAt(DateTime nowUtc) =>
        AcceptedAtUtc is not null ? InvitationStatus.Accepted
        : RevokedAtUtc is not null ? InvitationStatus.Revoked
        : ExpiresAtUtc <= nowUtc ? InvitationStatus.Expired
        : InvitationStatus.Open;

    /// <summary>A new link for a still unused invitation: the old link stops working, the 14 days start again.</summary>
    public void Renew(string tokenHash, DateTime nowUtc)
    {
        TokenHash = tokenHash;
        ExpiresAtUtc = nowUtc + Validity;
        RevokedAtUtc = null;
    }

    public void Revoke(DateTime nowUtc) => RevokedAtUtc ??= nowUtc;

    public void Accept(Guid userId, DateTime nowUtc)
    {
        AcceptedAtUtc = nowUtc;
        AcceptedUserId = userId;
    }

    /// <summary>
    /// A fresh link token (32 random bytes, base64url) and the SHA-256 hex that is stored. The token itself
    /// exists only in the mail.
    /// </summary>
    public static (string Token, string Hash) NewToken()
    {
        var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        return (token, HashToken(token));
    }

    public static string HashToken(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Filter for invitations that can still be accepted (same rule as <see cref="StatusAt"/>).</summary>
    public static System.Linq.Expressions.Expression<Func<Invitation, bool>> IsOpenAt(DateTime nowUtc) =>
        i => i.AcceptedAtUtc == null && i.RevokedAtUtc == null && i.ExpiresAtUtc > nowUtc;
}

internal enum InvitationStatus
{
    Open = 0,
    Accepted = 1,
    Expired = 2,
    Revoked = 3,
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
