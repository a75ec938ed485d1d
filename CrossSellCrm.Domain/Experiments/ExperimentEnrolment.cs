using CrossSellCrm.Domain.Customers;
using CrossSellCrm.Domain.Persistence;
using CrossSellCrm.Domain.Recommendations.Engine;
using CrossSellCrm.Domain.Recommendations.Tuning;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Domain.Experiments;

/// <summary>
/// Puts a customer on a call into the experiment for that surface, once: the first time writes the exposure (the decision
/// record: experiment, arm, strategy), every later time finds it. Only real contacts enrol — a rep's call, not a warm-up,
/// a coaching case or the command line.
/// </summary>
public sealed class ExperimentEnrolment(IDbContextFactory<CrmDbContext> factory, ExperimentBook book, OfferEngineStore engines, TimeProvider clock)
{
    /// <returns>Null when the customer is in no running experiment on this surface.</returns>
    public async Task<ArmAssignment?> AssignAsync(CustomerSnapshot customer, ContactChannel channel, CancellationToken ct = default)
    {
        if (!book.Loaded) await LoadAsync(ct);
        if (book.Choose(customer, channel) is not var (experiment, alreadyIn)) return null;
        var arm = experiment.ArmOf(customer.CustomerId);
        var defaults = engines.Current is { } engine ? OfferStrategy.Of(engine.Settings) : OfferStrategy.Default;
        var strategy = experiment.StrategyOf(arm, defaults);
        if (!alreadyIn)
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            var now = clock.GetUtcNow().UtcDateTime;
            // Two reps opening the same customer at once: the unique (experiment, customer) index keeps one, both get the same arm (the hash).
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO "ExperimentExposures" ("ExperimentId", "CustomerId", "Arm", "Channel", "ExposedAt", "StrategyVersion")
                VALUES ({experiment.Id}, {customer.CustomerId}, {arm.Key}, {(int)channel}, {now}, {(arm.Role == ArmRole.Holdout ? "holdout" : strategy.Version)})
                ON CONFLICT ("ExperimentId", "CustomerId") DO NOTHING
                """, ct);
            book.Enrol(experiment.Id, customer.CustomerId);
        }
        return new ArmAssignment(experiment.Id, arm.Key, arm.Role, strategy);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var running = await db.Experiments.AsNoTracking().Include(e => e.Arms).Where(e => e.Status == ExperimentStatus.Running).ToListAsync(ct);
        var ids = running.Select(e => e.Id).ToList();
        var exposures = await db.ExperimentExposures.AsNoTracking().Where(x => ids.Contains(x.ExperimentId))
            .Select(x => new { x.ExperimentId, x.CustomerId }).ToListAsync(ct);
        book.Load(running.Select(ToRunning), exposures.Select(x => (x.ExperimentId, x.CustomerId)));
    }

    internal static RunningExperiment ToRunning(Experiment e) =>
        new(e.Id, e.Salt, e.Change, e.SegmentId, e.ChannelList.ToHashSet(),
            [.. e.Arms.OrderBy(a => a.Key).Select(a => new RunningArm(a.Key, a.SharePercent, a.Role, a.Value))], e.PlannedCustomers, e.StartedAt ?? e.CreatedAt);
}
