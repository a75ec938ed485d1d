using CrossSellCrm.Domain.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrossSellCrm.Domain.Persistence.Configurations;

public sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> b)
    {
        b.Property(o => o.OrderNumber).HasMaxLength(20);
        b.HasIndex(o => o.OrderNumber).IsUnique();
        b.HasIndex(o => new { o.CustomerId, o.OrderedAt });
        b.Property(o => o.NetRevenue).HasPrecision(14, 2);
        b.Property(o => o.Margin).HasPrecision(14, 2);
        b.Ignore(o => o.IsReturn);
        // Covers revenue and order counts by period without touching the table.
        b.HasIndex(o => new { o.OrderedAt, o.NetRevenue });
        b.HasIndex(o => o.RepId);
        b.HasOne(o => o.Customer).WithMany().HasForeignKey(o => o.CustomerId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(o => o.Rep).WithMany().HasForeignKey(o => o.RepId).OnDelete(DeleteBehavior.SetNull);
        b.HasMany(o => o.Lines).WithOne(l => l.Order).HasForeignKey(l => l.OrderId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class OrderLineConfiguration : IEntityTypeConfiguration<OrderLine>
{
    public void Configure(EntityTypeBuilder<OrderLine> b)
    {
        b.Property(l => l.UnitPrice).HasPrecision(12, 2);
        b.Property(l => l.Discount).HasPrecision(12, 2);
        b.Property(l => l.UnitCost).HasPrecision(12, 2);
        b.Ignore(l => l.Revenue);
        b.Ignore(l => l.Margin);
        b.HasIndex(l => l.OrderId);
        b.HasIndex(l => l.ProductId);
        b.HasOne(l => l.Product).WithMany().HasForeignKey(l => l.ProductId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class SubscriptionConfiguration : IEntityTypeConfiguration<Subscription>
{
    public void Configure(EntityTypeBuilder<Subscription> b)
    {
        b.Property(s => s.MonthlyPrice).HasPrecision(12, 2);
        b.HasIndex(s => s.CustomerId);
        b.HasIndex(s => new { s.PlanProductId, s.Status });
        b.HasOne(s => s.Customer).WithMany().HasForeignKey(s => s.CustomerId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(s => s.Plan).WithMany().HasForeignKey(s => s.PlanProductId).OnDelete(DeleteBehavior.Restrict);
    }
}
