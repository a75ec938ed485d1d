using CrossSellCrm.Domain.Segmentation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrossSellCrm.Domain.Persistence.Configurations;

public sealed class SegmentConfiguration : IEntityTypeConfiguration<Segment>
{
    public void Configure(EntityTypeBuilder<Segment> b)
    {
        b.Property(s => s.Name).HasMaxLength(120);
        b.HasIndex(s => s.Name).IsUnique();
        b.Property(s => s.Description).HasMaxLength(1000);
        b.Property(s => s.NameDe).HasMaxLength(120);
        b.Property(s => s.DescriptionDe).HasMaxLength(1000);
        b.HasOne(s => s.Owner).WithMany().HasForeignKey(s => s.OwnerId).OnDelete(DeleteBehavior.SetNull);
    }
}

public sealed class SegmentMembershipConfiguration : IEntityTypeConfiguration<SegmentMembership>
{
    public void Configure(EntityTypeBuilder<SegmentMembership> b)
    {
        b.HasKey(m => new { m.SegmentId, m.CustomerId });
        b.HasIndex(m => m.CustomerId);
        b.HasOne(m => m.Segment).WithMany().HasForeignKey(m => m.SegmentId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(m => m.Customer).WithMany().HasForeignKey(m => m.CustomerId).OnDelete(DeleteBehavior.Cascade);
    }
}
