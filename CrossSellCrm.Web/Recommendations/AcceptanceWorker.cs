using CrossSellCrm.Domain.Changes;
using CrossSellCrm.Domain.Recommendations;
using CrossSellCrm.Domain.Recommendations.Acceptance;
using CrossSellCrm.Domain.Recommendations.Engine;
using CrossSellCrm.Web.Hosting;
using FluentValidation;
using Microsoft.Extensions.Options;

namespace CrossSellCrm.Web.Recommendations;

/// <summary>The "Recommendations:Acceptance" section: how the acceptance model is used, explored for, and retrained.</summary>
public sealed class AcceptanceOptions
{
    /// <summary>The share of decisions that explore (see <see cref="EngineSettings.ExplorationShare"/>).</summary>
    public double ExplorationShare { get; set; } = 0.02;
    /// <summary>Retrain once this many offers were answered (accepted or declined) since the last training.</summary>
    public int RetrainAfterOutcomes { get; set; } = 500;
    /// <summary>And every night at this time (UTC), when the shop is quiet.</summary>
    public TimeOnly NightlyAt { get; set; } = new(2, 0);
    public int MinPositives { get; set; } = 200;
    public int MinOfferPositives { get; set; } = 10;
    public double RankingWeight { get; set; } = 1;
    public AcceptanceLearner Learner { get; set; } = AcceptanceLearner.BoostedTrees;

    public AcceptanceUse ToUse() => new() { MinPositives = MinPositives, MinOfferPositives = MinOfferPositives, RankingWeight = RankingWeight };
}

public sealed class AcceptanceOptionsValidator : AbstractValidator<AcceptanceOptions>
{
    public AcceptanceOptionsValidator()
    {
        RuleFor(o => o.ExplorationShare).InclusiveBetween(0, 0.5)
            .WithMessage("Recommendations:Acceptance:ExplorationShare must be between 0 and 0.5 (was {PropertyValue}).");
        RuleFor(o => o.RetrainAfterOutcomes).GreaterThanOrEqualTo(1)
            .WithMessage("Recommendations:Acceptance:RetrainAfterOutcomes must be at least 1 (was {PropertyValue}).");
        RuleFor(o => o.MinPositives).GreaterThanOrEqualTo(1)
            .WithMessage("Recommendations:Acceptance:MinPositives must be at least 1 (was {PropertyValue}).");
        RuleFor(o => o.MinOfferPositives).GreaterThanOrEqualTo(0)
            .WithMessage("Recommendations:Acceptance:MinOfferPositives must be 0 or more (was {PropertyValue}).");
        RuleFor(o => o.RankingWeight).InclusiveBetween(0, 3)
            .WithMessage("Recommendations:Acceptance:RankingWeight must be between 0 and 3 (was {PropertyValue}).");
        RuleFor(o => o.Learner).IsInEnum();
    }
}

/// <summary>
/// Asks for a retraining: once enough offers were answered since the last one (heard here, from the change hub, and
/// nowhere else), or now (a manager's button). The nightly run is the worker's own timer.
/// </summary>
public sealed class AcceptanceTrigger : WorkTrigger
{
    private int _answered;

    public AcceptanceTrigger(IOptions<AcceptanceOptions> options, ChangeHub changes) : base(() => TimeSpan.Zero) =>
        changes.Changed += change =>
        {
            if (change is OfferAnswered { Outcome: OfferOutcome.Accepted or OfferOutcome.Declined }
                && Interlocked.Increment(ref _answered) >= options.Value.RetrainAfterOutcomes)
            {
                Interlocked.Exchange(ref _answered, 0);
                RequestNow();
            }
        };

    public void RequestTraining() => RequestNow();
}

/// <summary>
/// Trains the acceptance model in the background — after start, after enough new outcomes, nightly, or when asked — and
/// swaps it into the store and the engine in one step each. Never on a request path; a failed run keeps the model in use.
/// </summary>
public sealed class AcceptanceWorker(
    IServiceScopeFactory scopes, AcceptanceTrigger trigger, IOptions<AcceptanceOptions> options, OfferAcceptanceStore store, OfferEngineStore engines,
    TimeProvider clock, IHostApplicationLifetime lifetime, ILogger<AcceptanceWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        await lifetime.WaitForStartAsync(ct);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var settings = new AcceptanceSettings { Learner = options.Value.Learner };
                var acceptance = await scope.ServiceProvider.GetRequiredService<OfferAcceptanceTrainer>().TrainAsync(options.Value.ToUse(), settings, null, ct);
                store.Swap(acceptance, clock.GetUtcNow().UtcDateTime);
                if (engines.Current is { } engine) engines.Swap(engine.With(acceptance));
                if (acceptance is { Report: var r })
                    logger.LogInformation("Acceptance model trained on {Rows} offers ({Positives} accepted) in {Ms:F0} ms; held-out AUC {Auc:F3}; serves: {Serves}",
                        r.TrainRows, r.Positives, r.Took.TotalMilliseconds, r.Auc, r.Serves);
                else logger.LogInformation("Too few decided offers to learn acceptance from; the cards' chances stay the Beta counts");
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Training the acceptance model failed; the previous model stays in use");
            }
            await trigger.WaitAsync(UntilNight(clock.GetUtcNow().UtcDateTime, options.Value.NightlyAt), ct);
        }
    }

    /// <summary>The time until the next nightly run.</summary>
    internal static TimeSpan UntilNight(DateTime now, TimeOnly at)
    {
        var next = now.Date + at.ToTimeSpan();
        if (next <= now) next = next.AddDays(1);
        return next - now;
    }
}
