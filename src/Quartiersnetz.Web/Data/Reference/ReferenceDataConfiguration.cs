using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Quartiersnetz.Data.Reference;

internal sealed class DistrictConfiguration : IEntityTypeConfiguration<District>
{
    public void Configure(EntityTypeBuilder<District> builder)
    {
        builder.ToTable("Districts");
        builder.HasKey(d => d.Ags);
        builder.Property(d => d.Ags).HasMaxLength(5);
        builder.Property(d => d.Name).HasMaxLength(200);
        builder.Property(d => d.Type).HasMaxLength(50);
        builder.Property(d => d.RegionCode).HasMaxLength(3);
        builder.Property(d => d.RegionName).HasMaxLength(100);
        builder.Property(d => d.SortKey).HasMaxLength(200);
    }
}

internal sealed class MunicipalityConfiguration : IEntityTypeConfiguration<Municipality>
{
    public void Configure(EntityTypeBuilder<Municipality> builder)
    {
        builder.ToTable("Municipalities");
        builder.HasKey(m => m.Ags);
        builder.Property(m => m.Ags).HasMaxLength(8);
        builder.Property(m => m.Ars).HasMaxLength(12);
        builder.Property(m => m.Name).HasMaxLength(200);
        builder.Property(m => m.ShortName).HasMaxLength(200);
        builder.Property(m => m.SortKey).HasMaxLength(200);
        builder.Property(m => m.Type).HasMaxLength(50);
        builder.Property(m => m.DistrictAgs).HasMaxLength(5);
        builder.Property(m => m.AreaKm2).HasPrecision(10, 2);
        builder.Property(m => m.PostalCode).HasMaxLength(5);
        builder.Property(m => m.Urbanisation).HasMaxLength(100);
        builder.HasIndex(m => m.SortKey);
        builder.HasOne(m => m.District).WithMany().HasForeignKey(m => m.DistrictAgs).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ReferenceDataImportConfiguration : IEntityTypeConfiguration<ReferenceDataImport>
{
    public void Configure(EntityTypeBuilder<ReferenceDataImport> builder)
    {
        builder.ToTable("ReferenceDataImports");
        builder.HasKey(i => i.Source);
        builder.Property(i => i.Source).HasMaxLength(100);
        builder.Property(i => i.ContentHash).HasMaxLength(64);
    }
}
