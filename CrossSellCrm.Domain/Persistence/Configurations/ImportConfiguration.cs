using CrossSellCrm.Domain.Imports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrossSellCrm.Domain.Persistence.Configurations;

public sealed class ImportJobConfiguration : IEntityTypeConfiguration<ImportJob>
{
    public void Configure(EntityTypeBuilder<ImportJob> b)
    {
        b.Property(j => j.UserName).HasMaxLength(256);
        b.Property(j => j.FileName).HasMaxLength(260);
        b.Property(j => j.FileHash).HasMaxLength(64);
        b.Property(j => j.StoredPath).HasMaxLength(1000);
        b.Property(j => j.Runner).HasMaxLength(300);
        b.Property(j => j.Language).HasMaxLength(8);
        b.Property(j => j.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(j => j.Status).HasConversion<string>().HasMaxLength(20);
        b.Ignore(j => j.IsFinished);
        b.ComplexProperty(j => j.Counts);
        // An interrupted job is found again by its file.
        b.HasIndex(j => new { j.FileHash, j.Kind });
    }
}

public sealed class ImportProblemConfiguration : IEntityTypeConfiguration<ImportProblem>
{
    public void Configure(EntityTypeBuilder<ImportProblem> b)
    {
        b.Property(p => p.Column).HasMaxLength(201);
        b.Property(p => p.Value).HasMaxLength(201);
        b.Property(p => p.Message).HasMaxLength(1001);
        b.Property(p => p.Outcome).HasConversion<string>().HasMaxLength(20);
        b.HasIndex(p => p.JobId);
        b.HasOne<ImportJob>().WithMany().HasForeignKey(p => p.JobId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ImportMappingConfiguration : IEntityTypeConfiguration<ImportMapping>
{
    public void Configure(EntityTypeBuilder<ImportMapping> b)
    {
        b.Property(m => m.Name).HasMaxLength(100);
        b.Property(m => m.SavedBy).HasMaxLength(256);
        b.Property(m => m.Kind).HasConversion<string>().HasMaxLength(20);
        b.HasIndex(m => new { m.Kind, m.Name }).IsUnique();
    }
}
