using CrossSellCrm.Domain.Recommendations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrossSellCrm.Domain.Persistence.Configurations;

public sealed class OfferPresentationConfiguration : IEntityTypeConfiguration<OfferPresentation>
{
    public void Configure(EntityTypeBuilder<OfferPresentation> b)
    {
        b.Property(o => o.ReasonsShown).HasMaxLength(2000);
        b.HasIndex(o => new { o.CustomerId, o.PresentedAt });
        b.HasIndex(o => o.PresentedAt);
        b.HasIndex(o => new { o.RepId, o.PresentedAt });
        b.HasIndex(o => new { o.ProductId, o.Outcome });
        b.HasOne(o => o.Customer).WithMany().HasForeignKey(o => o.CustomerId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(o => o.Product).WithMany().HasForeignKey(o => o.ProductId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Catalog.Product>().WithMany().HasForeignKey(o => o.AnchorProductId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne(o => o.Rep).WithMany().HasForeignKey(o => o.RepId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(o => o.PresentationKey).IsUnique(); // NULLs are distinct on both providers: only keyed answers are unique
        b.HasOne(o => o.Order).WithMany().HasForeignKey(o => o.OrderId).OnDelete(DeleteBehavior.SetNull);
        b.Property(o => o.ExperimentArm).HasMaxLength(2);
        b.Property(o => o.StrategyVersion).HasMaxLength(80);
        b.HasIndex(o => new { o.ExperimentId, o.ExperimentArm });
        b.HasOne<Experiments.Experiment>().WithMany().HasForeignKey(o => o.ExperimentId).OnDelete(DeleteBehavior.SetNull);
    }
}

public sealed class CallNoteConfiguration : IEntityTypeConfiguration<CallNote>
{
    public void Configure(EntityTypeBuilder<CallNote> b)
    {
        b.Property(n => n.Text).HasMaxLength(4000);
        b.HasIndex(n => new { n.CustomerId, n.CreatedAt });
        b.HasOne(n => n.Customer).WithMany().HasForeignKey(n => n.CustomerId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(n => n.Rep).WithMany().HasForeignKey(n => n.RepId).OnDelete(DeleteBehavior.SetNull);
    }
}

public sealed class EngineTuningConfiguration : IEntityTypeConfiguration<Recommendations.Tuning.EngineTuning>
{
    public void Configure(EntityTypeBuilder<Recommendations.Tuning.EngineTuning> b)
    {
        b.Property(t => t.Id).ValueGeneratedNever(); // one row, id 1: two first saves collide instead of making two
        b.ToTable(t => t.HasCheckConstraint("CK_EngineTunings_MarginWeight", "\"MarginWeight\" >= 0 AND \"MarginWeight\" <= 1"));
    }
}
