using CrossSellCrm.Domain.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrossSellCrm.Domain.Persistence.Configurations;

public sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> b)
    {
        b.Property(c => c.CustomerNumber).HasMaxLength(20);
        b.HasIndex(c => c.CustomerNumber).IsUnique();
        b.Property(c => c.FirstName).HasMaxLength(100);
        b.Property(c => c.LastName).HasMaxLength(100);
        b.Property(c => c.Email).HasMaxLength(254);
        b.Property(c => c.Phone).HasMaxLength(40);
        b.Property(c => c.PhoneDigits).HasMaxLength(40);
        b.Property(c => c.Country).HasMaxLength(2);
        b.Property(c => c.Region).HasMaxLength(100);
        b.Property(c => c.City).HasMaxLength(100);
        b.Property(c => c.PostalCode).HasMaxLength(12);
        // Search as you type (name, e-mail, phone, city) and the pages' filters.
        b.HasIndex(c => new { c.LastName, c.FirstName });
        b.HasIndex(c => c.Email);
        b.HasIndex(c => c.PhoneDigits);
        b.HasIndex(c => c.City);
        b.HasIndex(c => c.Country);
        b.HasIndex(c => c.AssignedRepId);
        b.Property(c => c.AgeBand).HasMaxLength(10);
        b.Ignore(c => c.FullName);
        // Scanned through a covering index (SearchText, Id): a fraction of the table's pages.
        b.Property(c => c.SearchText).HasMaxLength(800).HasDefaultValue("").UsePropertyAccessMode(PropertyAccessMode.Property);
        b.HasIndex(c => c.SearchText);

        b.ComplexProperty(c => c.Behaviour, behaviour =>
        {
            behaviour.Property(x => x.TopBrand).HasMaxLength(60);
        });

        b.HasOne(c => c.Lifestyle).WithMany().HasForeignKey(c => c.LifestyleTagId).OnDelete(DeleteBehavior.SetNull);
        b.HasMany(c => c.Tags).WithMany(t => t.Customers).UsingEntity<CustomerTag>(
            r => r.HasOne<Tag>().WithMany().HasForeignKey(x => x.TagId),
            l => l.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId),
            j => j.HasKey(x => new { x.CustomerId, x.TagId }));
        b.HasMany(c => c.Consents).WithOne().HasForeignKey(x => x.CustomerId);
        b.HasOne(c => c.AssignedRep).WithMany().HasForeignKey(c => c.AssignedRepId).OnDelete(DeleteBehavior.SetNull);
    }
}

public sealed class TagConfiguration : IEntityTypeConfiguration<Tag>
{
    public void Configure(EntityTypeBuilder<Tag> b)
    {
        b.Property(t => t.Code).HasMaxLength(60);
        b.Property(t => t.NameEn).HasMaxLength(100);
        b.Property(t => t.NameDe).HasMaxLength(100);
        b.HasIndex(t => new { t.Kind, t.Code }).IsUnique();
    }
}

public sealed class CustomerTagConfiguration : IEntityTypeConfiguration<CustomerTag>
{
    public void Configure(EntityTypeBuilder<CustomerTag> b)
    {
        b.ToTable("CustomerTags");
        b.HasIndex(x => x.TagId);
    }
}

public sealed class MarketingConsentConfiguration : IEntityTypeConfiguration<MarketingConsent>
{
    public void Configure(EntityTypeBuilder<MarketingConsent> b) => b.HasKey(x => new { x.CustomerId, x.Channel });
}
