using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Quartiersnetz.Features.Topics;

internal sealed class TopicConfiguration : IEntityTypeConfiguration<Topic>
{
    public void Configure(EntityTypeBuilder<Topic> builder)
    {
        builder.ToTable("Topics");
        builder.Property(t => t.Slug).HasMaxLength(Topic.SlugMaxLength);
        builder.HasIndex(t => t.Slug).IsUnique();
        builder.Property(t => t.Name).HasMaxLength(Topic.NameMaxLength);
        builder.Property(t => t.SortKey).HasMaxLength(Topic.NameMaxLength * 2);
        builder.HasIndex(t => t.SortKey);
        builder.Property(t => t.Description).HasMaxLength(Topic.DescriptionMaxLength);
        builder.HasOne<Topic>().WithMany().HasForeignKey(t => t.ParentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Topic>().WithMany().HasForeignKey(t => t.MergedIntoId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TopicAssignmentConfiguration : IEntityTypeConfiguration<TopicAssignment>
{
    public void Configure(EntityTypeBuilder<TopicAssignment> builder)
    {
        builder.ToTable("TopicAssignments");
        builder.HasKey(a => new { a.TopicId, a.ItemKind, a.ItemKey });
        builder.Property(a => a.ItemKind).HasMaxLength(TopicAssignment.ItemKindMaxLength);
        builder.Property(a => a.ItemKey).HasMaxLength(TopicAssignment.ItemKeyMaxLength);
        builder.HasIndex(a => new { a.ItemKind, a.ItemKey });
        builder.HasOne<Topic>().WithMany().HasForeignKey(a => a.TopicId).OnDelete(DeleteBehavior.Cascade);
    }
}
