using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Quartiersnetz.Data.Reference;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.Features.Municipalities;

/// <summary>
/// A municipality's membership in the network. The Kommunale Koordination is not stored here: it is
/// whoever has that role and the municipality's AGS, so it cannot drift from the accounts.
/// </summary>
internal sealed class NetworkMembership
{
    public const int NoteMaxLength = 1000;

    public Guid Id { get; init; } = Guid.NewGuid();

    public required string MunicipalityAgs { get; init; }

    public DateOnly MemberSince { get; set; }

    public DateOnly? LeftOn { get; set; }

    /// <summary>Ansprechperson: an account of the same municipality.</summary>
    public Guid? ContactPersonId { get; set; }

    public string? Note { get; set; }

    public bool IsActiveOn(DateOnly day) => MemberSince <= day && (LeftOn is null || LeftOn > day);
}

internal sealed class NetworkMembershipConfiguration : IEntityTypeConfiguration<NetworkMembership>
{
    public void Configure(EntityTypeBuilder<NetworkMembership> builder)
    {
        builder.ToTable("NetworkMemberships");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.MunicipalityAgs).HasMaxLength(8);
        builder.HasIndex(m => m.MunicipalityAgs).IsUnique();
        builder.Property(m => m.Note).HasMaxLength(NetworkMembership.NoteMaxLength);
        builder.HasOne<Municipality>().WithMany().HasForeignKey(m => m.MunicipalityAgs).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(m => m.ContactPersonId);
        builder.HasOne<UserAccount>().WithMany().HasForeignKey(m => m.ContactPersonId).OnDelete(DeleteBehavior.SetNull);
    }
}
