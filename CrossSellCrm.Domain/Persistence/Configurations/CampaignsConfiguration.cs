using CrossSellCrm.Domain.Campaigns;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrossSellCrm.Domain.Persistence.Configurations;

public sealed class CampaignConfiguration : IEntityTypeConfiguration<Campaign>
{
    public void Configure(EntityTypeBuilder<Campaign> b)
    {
        b.Property(c => c.Name).HasMaxLength(CampaignInputValidator.MaxNameLength);
        b.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        foreach (var subject in new[] { nameof(Campaign.SubjectEn), nameof(Campaign.SubjectDe), nameof(Campaign.GreetingEn), nameof(Campaign.GreetingDe) })
            b.Property(subject).HasMaxLength(CampaignInputValidator.MaxSubjectLength);
        foreach (var text in new[] { nameof(Campaign.ClosingEn), nameof(Campaign.ClosingDe), nameof(Campaign.FooterEn), nameof(Campaign.FooterDe) })
            b.Property(text).HasMaxLength(CampaignInputValidator.MaxTextLength);
        b.Property(c => c.LinkBaseUrl).HasMaxLength(500);
        b.Property(c => c.CreatedBy).HasMaxLength(256);
        b.HasIndex(c => new { c.Status, c.ScheduledFor });
        // A segment with campaigns is kept: deleting it would take their results.
        b.HasOne(c => c.Segment).WithMany().HasForeignKey(c => c.SegmentId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class CampaignSendConfiguration : IEntityTypeConfiguration<CampaignSend>
{
    public void Configure(EntityTypeBuilder<CampaignSend> b)
    {
        b.Property(s => s.Arm).HasConversion<string>().HasMaxLength(10);
        b.Property(s => s.Status).HasConversion<string>().HasMaxLength(10);
        b.Property(s => s.SkipReason).HasConversion<string>().HasMaxLength(20);
        b.Property(s => s.Language).HasMaxLength(2);
        b.Property(s => s.Reason).HasMaxLength(500);
        b.Property(s => s.LastError).HasMaxLength(500);
        b.Property(s => s.MessageId).HasMaxLength(250);
        b.Property(s => s.ConvertedRevenue).HasPrecision(18, 2);
        b.HasIndex(s => new { s.CampaignId, s.Status });
        b.HasIndex(s => new { s.CustomerId, s.SentAt });
        b.HasIndex(s => new { s.CampaignId, s.CustomerId }).IsUnique();
        b.HasOne<Campaign>().WithMany().HasForeignKey(s => s.CampaignId).OnDelete(DeleteBehavior.Cascade);
        // Erased with the customer: the counts stay, anonymous.
        b.HasOne<Customers.Customer>().WithMany().HasForeignKey(s => s.CustomerId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<Catalog.Product>().WithMany().HasForeignKey(s => s.ProductId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<Recommendations.OfferPresentation>().WithMany().HasForeignKey(s => s.OfferPresentationId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<Orders.Order>().WithMany().HasForeignKey(s => s.ConvertedOrderId).OnDelete(DeleteBehavior.SetNull);
    }
}

public sealed class AppSecretConfiguration : IEntityTypeConfiguration<AppSecret>
{
    public void Configure(EntityTypeBuilder<AppSecret> b)
    {
        b.HasKey(s => s.Name);
        b.Property(s => s.Name).HasMaxLength(100);
        b.Property(s => s.Value).HasMaxLength(256);
    }
}
