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
