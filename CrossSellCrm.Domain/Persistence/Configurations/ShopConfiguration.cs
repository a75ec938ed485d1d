using CrossSellCrm.Domain.Shop;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrossSellCrm.Domain.Persistence.Configurations;

public sealed class ShopApiKeyConfiguration : IEntityTypeConfiguration<ShopApiKey>
{
    public void Configure(EntityTypeBuilder<ShopApiKey> b)
    {
        b.Property(k => k.Name).HasMaxLength(ShopApiKeyInputValidator.MaxNameLength);
        b.Property(k => k.Prefix).HasMaxLength(20);
        b.Property(k => k.Hash).HasMaxLength(32);
        b.Property(k => k.AllowedOrigins).HasMaxLength(4000);
        b.Property(k => k.CreatedBy).HasMaxLength(256);
        b.Property(k => k.RevokedBy).HasMaxLength(256);
        b.Ignore(k => k.Origins);
        b.HasIndex(k => k.Prefix).IsUnique();
    }
}

public sealed class ShopWidgetEventConfiguration : IEntityTypeConfiguration<ShopWidgetEvent>
{
    public void Configure(EntityTypeBuilder<ShopWidgetEvent> b)
    {
        b.Property(e => e.Kind).HasConversion<string>().HasMaxLength(20);
        b.HasIndex(e => new { e.ProductId, e.At });
        b.HasOne<Catalog.Product>().WithMany().HasForeignKey(e => e.ProductId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Catalog.Product>().WithMany().HasForeignKey(e => e.PageProductId).OnDelete(DeleteBehavior.SetNull);
        // Erased with the customer (the clicks stay, anonymous).
        b.HasOne<Customers.Customer>().WithMany().HasForeignKey(e => e.CustomerId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<ShopApiKey>().WithMany().HasForeignKey(e => e.KeyId).OnDelete(DeleteBehavior.SetNull);
    }
}
