using CrossSellCrm.Domain.Experiments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrossSellCrm.Domain.Persistence.Configurations;

public sealed class ExperimentConfiguration : IEntityTypeConfiguration<Experiment>
{
    public void Configure(EntityTypeBuilder<Experiment> b)
    {
        b.Property(e => e.Name).HasMaxLength(ExperimentInputValidator.MaxNameLength);
        b.Property(e => e.Hypothesis).HasMaxLength(ExperimentInputValidator.MaxHypothesisLength);
        b.Property(e => e.Channels).HasMaxLength(100);
        b.Property(e => e.CreatedBy).HasMaxLength(256);
        b.Property(e => e.PromotedArm).HasMaxLength(2);
        b.Ignore(e => e.ChannelList);
        b.HasIndex(e => e.Status);
        b.HasOne(e => e.Segment).WithMany().HasForeignKey(e => e.SegmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(e => e.Arms).WithOne().HasForeignKey(a => a.ExperimentId).OnDelete(DeleteBehavior.Cascade);
        b.ToTable(t => t.HasCheckConstraint("CK_Experiments_WindowDays", "\"WindowDays\" >= 1 AND \"WindowDays\" <= 90"));
    }
}

public sealed class ExperimentArmConfiguration : IEntityTypeConfiguration<ExperimentArm>
{
    public void Configure(EntityTypeBuilder<ExperimentArm> b)
    {
        b.Property(a => a.Key).HasMaxLength(2);
        b.Property(a => a.Name).HasMaxLength(ExperimentInputValidator.MaxNameLength);
        b.HasIndex(a => new { a.ExperimentId, a.Key }).IsUnique();
        b.ToTable(t => t.HasCheckConstraint("CK_ExperimentArms_Share", "\"SharePercent\" >= 1 AND \"SharePercent\" <= 99"));
    }
}

public sealed class ExperimentExposureConfiguration : IEntityTypeConfiguration<ExperimentExposure>
{
    public void Configure(EntityTypeBuilder<ExperimentExposure> b)
    {
        b.Property(x => x.Arm).HasMaxLength(2);
        b.Property(x => x.StrategyVersion).HasMaxLength(80);
        // One exposure per customer and experiment: assignment is sticky, and two reps opening one customer write one row.
        b.HasIndex(x => new { x.ExperimentId, x.CustomerId }).IsUnique();
        b.HasIndex(x => x.CustomerId);
        b.HasOne<Experiment>().WithMany().HasForeignKey(x => x.ExperimentId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Customers.Customer>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Cascade);
    }
}
