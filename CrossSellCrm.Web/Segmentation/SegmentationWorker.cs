using CrossSellCrm.Domain.Changes;
using CrossSellCrm.Domain.Customers;
using CrossSellCrm.Domain.Persistence;
using CrossSellCrm.Domain.Segmentation;
using CrossSellCrm.Web.Hosting;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Web.Segmentation;

/// <summary>Asks for the behavioural profiles and segment memberships to be recomputed once new orders (or orders taken back) settle, and at once after an import.</summary>
public sealed class SegmentationTrigger : WorkTrigger
{
    public SegmentationTrigger(ChangeHub changes) : base(() => TimeSpan.FromMinutes(5)) =>
        changes.Changed += change =>
        {
            if (change is OfferAnswered { OrderId: not null } or OfferWithdrawn { OrderId: not null }) DataChanged();
            else if (change is DataImported) RequestNow(); // a file of customers or orders: the new customers need profiles and segments now
        };
}

/// <summary>
/// Keeps the behavioural dimension and the segments current: after start (when the profiles are older
/// than the interval), every six hours, and once new orders have settled. Ready-made RFM segments are
/// created at start if missing.
/// </summary>
public sealed class SegmentationWorker(IServiceScopeFactory scopes, SegmentationTrigger trigger,
    IHostApplicationLifetime lifetime, ILogger<SegmentationWorker> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(6);

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        await lifetime.WaitForStartAsync(ct);
        var first = true;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var services = scope.ServiceProvider;
                var factory = services.GetRequiredService<IDbContextFactory<CrmDbContext>>();
                var builder = services.GetRequiredService<SegmentBuilder>();
                var created = await RfmSegments.EnsureAsync(factory, builder, ct);
                if (created > 0) logger.LogInformation("Created {Count} ready-made RFM segments", created);
                if (!first || await StaleAsync(factory, ct))
                {
                    var watch = System.Diagnostics.Stopwatch.StartNew();
                    var customers = await services.GetRequiredService<BehaviourRefresh>().RefreshAsync(ct);
                    var segments = await builder.RefreshAllAsync(ct);
                    logger.LogInformation("Recomputed {Customers} behavioural profiles and {Segments} segments in {Ms:F0} ms", customers, segments, watch.Elapsed.TotalMilliseconds);
                    // The new members, for the cockpit's predicted CLV: read here, not by the next rep to open a customer.
                    await services.GetRequiredService<CustomerProfileService>().PrepareDayAsync();
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Recomputing behaviour and segments failed; the previous ones stay");
            }
            first = false;
            await trigger.WaitAsync(Interval, ct);
        }
    }

    private static async Task<bool> StaleAsync(IDbContextFactory<CrmDbContext> factory, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var computed = await db.Customers.MaxAsync(c => c.Behaviour.ComputedAt, ct);
        return computed is null || computed < DateTime.UtcNow - Interval;
    }
}
