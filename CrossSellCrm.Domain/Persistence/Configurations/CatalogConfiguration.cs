using CrossSellCrm.Domain.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrossSellCrm.Domain.Persistence.Configurations;

public sealed class CategoryConfiguration : IEntityTypeConfiguration<Category>
{
    public void Configure(EntityTypeBuilder<Category> b)
    {
        b.Property(c => c.Code).HasMaxLength(60);
        b.HasIndex(c => c.Code).IsUnique();
        b.Property(c => c.NameEn).HasMaxLength(100);
        b.Property(c => c.NameDe).HasMaxLength(100);
    }
}

public sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> b)
    {
        b.Property(p => p.Sku).HasMaxLength(40);
        b.HasIndex(p => p.Sku).IsUnique();
        b.Property(p => p.Name).HasMaxLength(200);
        b.Property(p => p.Brand).HasMaxLength(60);
        b.Property(p => p.BenefitEn).HasMaxLength(500);
        b.Property(p => p.BenefitDe).HasMaxLength(500);
        b.Property(p => p.Price).HasPrecision(12, 2);
        b.Property(p => p.UnitCost).HasPrecision(12, 2);
        b.HasIndex(p => p.CategoryId);
        b.HasIndex(p => p.Name);
        b.Ignore(p => p.Margin);
        b.Ignore(p => p.MarginRate);
        b.HasOne(p => p.Category).WithMany().HasForeignKey(p => p.CategoryId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class ProductRelationConfiguration : IEntityTypeConfiguration<ProductRelation>
{
    public void Configure(EntityTypeBuilder<ProductRelation> b)
    {
        b.HasIndex(r => new { r.FromProductId, r.ToProductId, r.Kind }).IsUnique();
        b.HasIndex(r => r.ToProductId);
        b.Property(r => r.BundleDiscountPercent).HasPrecision(5, 2);
        b.HasOne(r => r.From).WithMany().HasForeignKey(r => r.FromProductId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(r => r.To).WithMany().HasForeignKey(r => r.ToProductId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(r => r.CuratedBy).WithMany().HasForeignKey(r => r.CuratedById).OnDelete(DeleteBehavior.SetNull);
    }
}
