using System.Text.Json;
using CrossSellCrm.Domain.Auditing;
using CrossSellCrm.Domain.Catalog;
using CrossSellCrm.Domain.Customers;
using CrossSellCrm.Domain.Orders;
using CrossSellCrm.Domain.Recommendations;
using CrossSellCrm.Domain.Segmentation;
using CrossSellCrm.Domain.Users;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace CrossSellCrm.Domain.Persistence;

/// <summary>
/// The one database of the CRM, users included (reps are users, and offers and customers point at them).
/// SQLite by default; <see cref="PostgresCrmDbContext"/> carries the PostgreSQL migrations.
/// </summary>
public class CrmDbContext : IdentityDbContext<CrmUser>
{
    private readonly ICurrentUser _currentUser;

    public CrmDbContext(DbContextOptions<CrmDbContext> options, ICurrentUser? currentUser = null)
        : this((DbContextOptions)options, currentUser) { }

    protected CrmDbContext(DbContextOptions options, ICurrentUser? currentUser)
        : base(options) => _currentUser = currentUser ?? new SystemUser();

    /// <summary>Who the audit log names for this context's changes.</summary>
    public string CurrentUserName => _currentUser.Name;

    /// <summary>
    /// Off for an import: its job writes one audit entry for the whole file, and the rows it touches carry the job's id
    /// (a million order lines must not make a million audit entries). Versions are still renewed.
    /// </summary>
    public bool AuditsEachChange { get; set; } = true;

    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<Tag> Tags => Set<Tag>();
    public DbSet<MarketingConsent> MarketingConsents => Set<MarketingConsent>();
    public DbSet<Category> Categories => Set<Category>();
    public DbSet<Product> Products => Set<Product>();
    public DbSet<ProductRelation> ProductRelations => Set<ProductRelation>();
    public DbSet<Order> Orders => Set<Order>();
    public DbSet<OrderLine> OrderLines => Set<OrderLine>();
    public DbSet<Subscription> Subscriptions => Set<Subscription>();
    public DbSet<Segment> Segments => Set<Segment>();
    public DbSet<SegmentMembership> SegmentMemberships => Set<SegmentMembership>();
    public DbSet<OfferPresentation> OfferPresentations => Set<OfferPresentation>();
    public DbSet<CallNote> CallNotes => Set<CallNote>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Imports.ImportJob> ImportJobs => Set<Imports.ImportJob>();
    public DbSet<Imports.ImportProblem> ImportProblems => Set<Imports.ImportProblem>();
    public DbSet<Imports.ImportMapping> ImportMappings => Set<Imports.ImportMapping>();
    public DbSet<ConsentChange> ConsentChanges => Set<ConsentChange>();
    public DbSet<Privacy.PrivacyRequest> PrivacyRequests => Set<Privacy.PrivacyRequest>();
    public DbSet<Recommendations.Tuning.EngineTuning> EngineTunings => Set<Recommendations.Tuning.EngineTuning>();
    public DbSet<Experiments.Experiment> Experiments => Set<Experiments.Experiment>();
    public DbSet<Experiments.ExperimentArm> ExperimentArms => Set<Experiments.ExperimentArm>();
    public DbSet<Experiments.ExperimentExposure> ExperimentExposures => Set<Experiments.ExperimentExposure>();
    public DbSet<Coaching.PracticeCase> PracticeCases => Set<Coaching.PracticeCase>();
    public DbSet<Coaching.PracticeSession> PracticeSessions => Set<Coaching.PracticeSession>();
    public DbSet<Coaching.PracticeAnswer> PracticeAnswers => Set<Coaching.PracticeAnswer>();
    public DbSet<Shop.ShopApiKey> ShopApiKeys => Set<Shop.ShopApiKey>();
    public DbSet<Shop.ShopWidgetEvent> ShopWidgetEvents => Set<Shop.ShopWidgetEvent>();
    public DbSet<Campaigns.Campaign> Campaigns => Set<Campaigns.Campaign>();
    public DbSet<Campaigns.CampaignSend> CampaignSends => Set<Campaigns.CampaignSend>();
    public DbSet<AppSecret> AppSecrets => Set<AppSecret>();

    public bool IsSqlite => Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite";

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(CrmDbContext).Assembly,
            t => t.Namespace == typeof(Configurations.CustomerConfiguration).Namespace);
        foreach (var entity in builder.Model.GetEntityTypes().Where(e => typeof(IVersioned).IsAssignableFrom(e.ClrType)))
            builder.Entity(entity.ClrType).Property(nameof(IVersioned.Version)).IsConcurrencyToken();
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        // SQLite has no decimal type: stored as TEXT it cannot be summed or compared in SQL, and the
        // KPI queries aggregate money over a million lines. REAL keeps those in the database.
        if (IsSqlite)
            builder.Properties<decimal>().HaveConversion<double>();
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var created = PrepareSave();
        if (created.Count == 0) return base.SaveChanges(acceptAllChangesOnSuccess);
        using var transaction = Database.CurrentTransaction is null ? Database.BeginTransaction() : null;
        var count = base.SaveChanges(acceptAllChangesOnSuccess);
        FillCreatedKeys(created);
        base.SaveChanges(acceptAllChangesOnSuccess);
        transaction?.Commit();
        return count;
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var created = PrepareSave();
        if (created.Count == 0) return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        await using var transaction = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        var count = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        FillCreatedKeys(created);
        await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        if (transaction is not null) await transaction.CommitAsync(cancellationToken);
        return count;
    }

    /// <summary>
    /// Gives changed rows a new concurrency version and adds one audit entry per audited change.
    /// Returns the audit entries of created rows: their keys exist only after the insert, so the
    /// caller saves twice inside one transaction and fills them in between.
    /// </summary>
    private List<(EntityEntry Entry, AuditEntry Audit)> PrepareSave()
    {
        var now = DateTime.UtcNow;
        var created = new List<(EntityEntry, AuditEntry)>();
        foreach (var entry in ChangeTracker.Entries().ToList())
        {
            if (entry.State is EntityState.Added or EntityState.Modified && entry.Entity is IVersioned versioned)
                versioned.Version = Guid.NewGuid();
            if (!AuditsEachChange || entry.Entity is not IAudited) continue;
            var action = entry.State switch
            {
                EntityState.Added => AuditAction.Created,
                EntityState.Modified => AuditAction.Updated,
                EntityState.Deleted => AuditAction.Deleted,
                _ => (AuditAction?)null,
            };
            if (action is null) continue;
            var audit = new AuditEntry
            {
                At = now,
                UserName = _currentUser.Name,
                EntityType = entry.Metadata.ClrType.Name,
                EntityId = action == AuditAction.Created ? "?" : KeyOf(entry),
                Action = action.Value,
                Changes = action == AuditAction.Updated ? DescribeChanges(entry) : null,
            };
            AuditEntries.Add(audit);
            if (action == AuditAction.Created) created.Add((entry, audit));
        }
        return created;
    }

    private static void FillCreatedKeys(List<(EntityEntry Entry, AuditEntry Audit)> created)
    {
        foreach (var (entry, audit) in created) audit.EntityId = KeyOf(entry);
    }

    private static string KeyOf(EntityEntry entry) =>
        string.Join(",", entry.Metadata.FindPrimaryKey()!.Properties.Select(p => entry.Property(p.Name).CurrentValue));

    private static string? DescribeChanges(EntityEntry entry)
    {
        var changed = entry.Properties
            .Where(p => p.IsModified && p.Metadata.Name != nameof(IVersioned.Version))
            .ToDictionary(p => p.Metadata.Name, p => new[] { p.OriginalValue?.ToString(), p.CurrentValue?.ToString() });
        return changed.Count == 0 ? null : JsonSerializer.Serialize(changed);
    }
}
