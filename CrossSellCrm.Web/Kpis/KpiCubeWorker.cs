using CrossSellCrm.Web.Hosting;
using CrossSellCrm.Domain.Customers;
using CrossSellCrm.Domain.Kpis;

namespace CrossSellCrm.Web.Kpis;

/// <summary>Asks for the KPI cube to be rebuilt at once: an import wrote orders, or a campaign its mails' offers and conversions, that the cube does not hold.</summary>
public sealed class KpiCubeTrigger : WorkTrigger
{
    public KpiCubeTrigger(Domain.Changes.ChangeHub changes) : base(() => TimeSpan.Zero) =>
        changes.Changed += change => { if (change is Domain.Changes.DataImported or Domain.Changes.CampaignOutcomesWritten) RequestNow(); };
}

/// <summary>
/// Builds the dashboards' <see cref="KpiCube"/> once the app has started, then rebuilds it every hour so
/// changes from elsewhere (other instances) arrive, and at once after an import; the cockpit's own writes are appended at once.
/// </summary>
public sealed class KpiCubeWorker(IServiceScopeFactory scopes, KpiCubeStore store, KpiCubeTrigger trigger, IHostApplicationLifetime lifetime, ILogger<KpiCubeWorker> logger)
    : BackgroundService
{
    public static readonly TimeSpan RebuildInterval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        await lifetime.WaitForStartAsync(ct);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var watch = System.Diagnostics.Stopwatch.StartNew();
                await using var scope = scopes.CreateAsyncScope();
                var cube = await scope.ServiceProvider.GetRequiredService<KpiCubeLoader>().LoadAsync(ct);
                // The per-customer totals (CLV) are built once per cube and day: here, not on a manager's first view.
                var today = DateOnly.FromDateTime(DateTime.UtcNow);
                KpiDashboard.Compute(cube, new KpiFilter(today.AddMonths(-12).AddDays(1), today.AddDays(1)), today);
                store.Swap(cube);
                logger.LogInformation("KPI cube ready: {Lines} order lines, {Offers} offers in {Ms:F0} ms", cube.SaleCount, cube.OfferCount, watch.Elapsed.TotalMilliseconds);
                // Likewise the day's activity the cockpit's predicted CLV counts churn from: here, not on a rep's first call
                // (once a day; in the first hour of a new day the first call may still read it).
                await scope.ServiceProvider.GetRequiredService<CustomerProfileService>().PrepareDayAsync();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Building the KPI cube failed; the previous one stays in use");
            }
            await trigger.WaitAsync(RebuildInterval, ct);
        }
    }
}
