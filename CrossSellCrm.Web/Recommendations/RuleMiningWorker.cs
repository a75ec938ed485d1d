using CrossSellCrm.Domain.Calls;
using CrossSellCrm.Domain.Recommendations.Tuning;
using CrossSellCrm.Domain.Changes;
using CrossSellCrm.Domain.Customers;
using CrossSellCrm.Domain.Persistence;
using CrossSellCrm.Web.Hosting;
using CrossSellCrm.Domain.Recommendations.Engine;
using CrossSellCrm.Domain.Recommendations.Mining;
using CrossSellCrm.Domain.Recommendations.Acceptance;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrossSellCrm.Web.Recommendations;

/// <summary>The "Recommendations:Mining" section: thresholds and how often rules are mined again.</summary>
public sealed class RuleMiningSettings
{
    public double MinSupport { get; set; } = 0.002;
    public double MinConfidence { get; set; } = 0.1;
    public int MaxLength { get; set; } = 3;
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(6);
    /// <summary>How long new orders settle before they are mined: all changes in that time make one run.</summary>
    public TimeSpan AfterDataChange { get; set; } = TimeSpan.FromMinutes(5);

    public MiningOptions ToOptions() => new() { MinSupport = MinSupport, MinConfidence = MinConfidence, MinLength = 2, MaxLength = MaxLength };
}

public sealed class RuleMiningSettingsValidator : AbstractValidator<RuleMiningSettings>
{
    public RuleMiningSettingsValidator()
    {
        RuleFor(s => s.ToOptions()).SetValidator(new MiningOptionsValidator());
        RuleFor(s => s.Interval).GreaterThanOrEqualTo(TimeSpan.FromMinutes(1))
            .WithMessage("Recommendations:Mining:Interval must be at least one minute (was {PropertyValue}).");
        RuleFor(s => s.AfterDataChange).InclusiveBetween(TimeSpan.Zero, TimeSpan.FromDays(1))
            .WithMessage("Recommendations:Mining:AfterDataChange must be between 0 and one day (was {PropertyValue}).");
    }
}

/// <summary>
/// Asks the worker to mine now (a manager's button), or once new data settles: an order written or taken back
/// changes the baskets, a segment saved or recomputed changes the engine's segment favourites. Asks made while it
/// mines fold into one run.
/// </summary>
public sealed class RuleMiningTrigger : WorkTrigger
{
    public RuleMiningTrigger(IOptions<RuleMiningSettings> settings, ChangeHub changes, OfferEngineStore engines) : base(() => settings.Value.AfterDataChange) =>
        changes.Changed += change =>
        {
            if (change is OfferAnswered { OrderId: not null } or OfferWithdrawn { OrderId: not null } or SegmentChanged) DataChanged();
            else if (change is CatalogChanged or DataImported) RequestNow(); // a manager's change to the catalogue should show in the next offers, not in five minutes
            // A new default strategy re-ranks with the same index and model: no mining, no training (minutes at a million customers).
            else if (change is EngineTuningChanged { Strategy: var strategy } && engines.Current is { } engine)
                engines.Swap(engine.With(strategy.Apply(engine.Settings)));
        };

    public void RequestMining() => RequestNow();
}

/// <summary>
/// Mines rules in the background — once the app has started, then on the interval or when asked —
/// swaps them into the <see cref="RuleBookStore"/>, then builds the engine on them and swaps it into
/// the <see cref="OfferEngineStore"/>. Never on a request path.
/// </summary>
public sealed class RuleMiningWorker(
    IServiceScopeFactory scopes, RuleMiningTrigger trigger, IOptions<RuleMiningSettings> settings, IOptions<ContactPolicy> policy,
    IOptions<AcceptanceOptions> acceptance, OfferAcceptanceStore acceptances,
    OfferEngineStore engines, IHostApplicationLifetime lifetime, ILogger<RuleMiningWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        await lifetime.WaitForStartAsync(ct);

        var warm = false;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var book = await scope.ServiceProvider.GetRequiredService<RuleMiningService>().MineAsync(settings.Value.ToOptions(), ct);
                logger.LogInformation("Mined {Rules} rules from {Baskets} baskets in {Ms:F0} ms", book.Rules.Count, book.Baskets, book.Took.TotalMilliseconds);
                var engine = await scope.ServiceProvider.GetRequiredService<EngineIndexLoader>().BuildAsync(book,
                    new EngineSettings { Policy = policy.Value, ExplorationShare = acceptance.Value.ExplorationShare }, ct);
                // The default strategy is read after the build, so one saved while it ran is not lost with the old engine.
                var tuning = await scope.ServiceProvider.GetRequiredService<EngineTuningService>().GetAsync(ct);
                // The acceptance model too: trained on its own schedule, it stays with every engine built on new rules.
                engines.Swap(engine.With(OfferStrategy.Of(tuning).Apply(engine.Settings)).With(acceptances.Current));
                logger.LogInformation("Offer engine ready: {Products} products", engine.ProductCount);
                if (!warm) warm = await WarmUpCallAsync(scope.ServiceProvider, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Mining rules failed; the previous rules stay in use");
            }
            await trigger.WaitAsync(settings.Value.Interval, ct);
        }
    }

    /// <summary>
    /// Opens one customer's call once the first engine is there, without a rep (it reads, it writes nothing): the first
    /// opening compiles the cockpit's twenty queries and the code behind them, which took twenty reps opening customers
    /// at the same moment after a start half a second of the server's CPU more, while they waited.
    /// </summary>
    private async Task<bool> WarmUpCallAsync(IServiceProvider services, CancellationToken ct)
    {
        try
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            await using var db = await services.GetRequiredService<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync(ct);
            if (await db.Orders.OrderByDescending(o => o.Id).Select(o => (int?)o.CustomerId).FirstOrDefaultAsync(ct) is not { } customer) return false;
            await services.GetRequiredService<CallService>().OpenAsync(new CallRequest(customer, null, ContactChannel.Phone, "en"), ct);
            logger.LogInformation("Call cockpit warmed up in {Ms:F0} ms", watch.Elapsed.TotalMilliseconds);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Warming up the call cockpit failed; the first call does it");
            return true;
        }
    }
}
