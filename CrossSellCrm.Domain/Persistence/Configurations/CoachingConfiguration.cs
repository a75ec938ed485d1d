using CrossSellCrm.Domain.Coaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrossSellCrm.Domain.Persistence.Configurations;

public sealed class PracticeCaseConfiguration : IEntityTypeConfiguration<PracticeCase>
{
    public void Configure(EntityTypeBuilder<PracticeCase> b)
    {
        b.Property(c => c.Title).HasMaxLength(120);
        b.Property(c => c.Language).HasMaxLength(2);
        b.Property(c => c.Situation).HasMaxLength(1000);
        b.Property(c => c.CustomerSays).HasMaxLength(1000);
        b.Property(c => c.TrainerNotes).HasMaxLength(2000);
        b.HasIndex(c => new { c.World, c.Difficulty });
        b.HasOne(c => c.CreatedBy).WithMany().HasForeignKey(c => c.CreatedById).OnDelete(DeleteBehavior.SetNull);
    }
}

public sealed class PracticeSessionConfiguration : IEntityTypeConfiguration<PracticeSession>
{
    public void Configure(EntityTypeBuilder<PracticeSession> b)
    {
        b.Property(s => s.Code).HasMaxLength(6);
        b.HasIndex(s => s.Code).IsUnique();
        b.HasIndex(s => s.CaseId);
        // Practised cases are kept (their answers are the trainees' progress): a case with sessions cannot be deleted.
        b.HasOne(s => s.Case).WithMany().HasForeignKey(s => s.CaseId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(s => s.Host).WithMany().HasForeignKey(s => s.HostId).OnDelete(DeleteBehavior.SetNull);
    }
}

public sealed class PracticeAnswerConfiguration : IEntityTypeConfiguration<PracticeAnswer>
{
    public void Configure(EntityTypeBuilder<PracticeAnswer> b)
    {
        b.Property(a => a.PickedProductIds).HasMaxLength(100);
        b.Property(a => a.Pitch).HasMaxLength(2000);
        b.HasIndex(a => new { a.SessionId, a.TraineeId }).IsUnique();
        b.HasIndex(a => new { a.TraineeId, a.SubmittedAt });
        b.HasOne(a => a.Session).WithMany(s => s.Answers).HasForeignKey(a => a.SessionId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(a => a.Trainee).WithMany().HasForeignKey(a => a.TraineeId).OnDelete(DeleteBehavior.Cascade);
    }
}
