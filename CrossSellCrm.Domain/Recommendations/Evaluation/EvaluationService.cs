using CrossSellCrm.Domain.Recommendations.Engine;
using CrossSellCrm.Domain.Recommendations.Mining;

namespace CrossSellCrm.Domain.Recommendations.Evaluation;

/// <summary>The evaluation as run on the app's database, with a description of the data it used.</summary>
public sealed record DatabaseEvaluation(EvaluationReport Report, string Data, int Customers, int Purchases, int Products, DateTime RanAt, TimeSpan Took)
{
    /// <summary>The engine at each margin weight on the same cases: what a weight costs in hits and earns in margin.</summary>
    public IReadOnlyList<MarginCurvePoint> MarginCurve { get; init; } = [];
    /// <summary>The margin weight the "engine" row was decided with (the app's).</summary>
    public double MarginWeight { get; init; }
    public EvaluationProtocol Protocol { get; init; }
}

/// <summary>One point of the hit-rate-versus-margin curve, with the hit rate's 95 % interval.</summary>
public sealed record MarginCurvePoint(double Weight, double HitRate, double HitRateLow, double HitRateHigh, double MarginPerCase);

/// <summary>
/// Runs the offline evaluation on the app's database: popularity, rules only, curated only, and the full
/// engine ranked as in the app (expected margin) and by likelihood alone. Hit rate and its kin reward
/// likelihood; the margin per case shows what each ranking would have earned.
/// </summary>
public sealed class EvaluationService(EngineIndexLoader loader, Acceptance.OfferAcceptanceTrainer acceptanceTrainer, TimeProvider clock)
{
    /// <summary>Default minimum support for rules learnt in an evaluation: 0.002, but never fewer than five baskets.</summary>
    public static MiningOptions MiningFor(int trainBaskets, double? minSupport) => new()
    {
        MinSupport = minSupport ?? Math.Max(0.002, 5.0 / Math.Max(trainBaskets, 1)), MinConfidence = 0.01, MinLength = 2, MaxLength = 3,
    };

    /// <summary>The margin weights the quality page's curve shows: 0 = most likely to be bought, 1 = most expected margin.</summary>
    public static readonly double[] CurveWeights = [0, 0.1, 0.25, 0.5, 0.75, 1];

    /// <returns>Null when the database holds no orders.</returns>
    public async Task<DatabaseEvaluation?> RunAsync(EvaluationOptions options, CancellationToken ct = default)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var (events, plans, products, complements, attributes) = await loader.EvaluationDataAsync(ct);
        if (events.Count == 0) return null;
        var k = options.K;
        var split = options.SplitAt is { } date ? DateTime.SpecifyKind(date, DateTimeKind.Utc) : OfflineEvaluation.SplitAtFraction(events, options.TrainFraction);
        var maxId = Math.Max(events.Max(e => e.Item), products.Max(p => p.Id)) + 1;
        var trainBaskets = OfflineEvaluation.TrainingBaskets(events, split, maxId);
        var mining = MiningFor(trainBaskets.Count, options.MinSupport);
        var book = RuleBook.From(AssociationMiner.Mine(trainBaskets, mining, ct), Enumerable.Range(0, maxId).ToArray(), mining, clock.GetUtcNow().UtcDateTime, TimeSpan.Zero);
        // In an evaluation the policy must not hide relevance: the top k, no decline stop.
        var settings = new EngineSettings { Policy = new ContactPolicy { MaxOffersPerContact = k, DeclineLimit = 20 }, MarginWeight = options.MarginWeight ?? new EngineSettings().MarginWeight };
        var (vocabulary, featuresOf) = Likelihood.CustomerFeatures.Of(attributes, split);
        var training = new Likelihood.LikelihoodTrainingSet(events.FindAll(e => e.At < split), split, options.Protocol, options.HorizonDays, featuresOf, vocabulary,
            EngineIndexLoader.CuratedSignalOf(complements, settings));
        var model = await Task.Run(() => Likelihood.LikelihoodTrainer.Train(training, settings.Likelihood with { K = k }, ct), ct);
        // Segments as they were at the split (the stored memberships are today's and would tell the engine the future).
        var segmentsThen = await loader.SegmentsAsOfAsync(split, ct);
        var engine = await loader.BuildAsync(book, settings, ct, before: split, likelihood: model, memberships: segmentsThen);
        var attributesOf = attributes.ToDictionary(a => a.CustomerId);
        var popularity = new PopularityRecommender(events, split);
        var catalogue = products.ToDictionary(p => p.Id);
        var cases = EvaluationProtocols.Cases(events, split, options.Protocol, options.HorizonDays);
        List<IEvaluatedRecommender> recommenders =
        [
            popularity, new RulesRecommender(book), new CuratedRecommender(complements, catalogue, popularity),
            new EngineRecommender(engine, segmentsThen, plans, attributesOf),
            new EngineRecommender(engine.With(settings with { MarginWeight = 0 }), segmentsThen, plans, attributesOf, "engine-likelihood"),
            new LikelihoodRecommender(model, c => featuresOf.GetValueOrDefault(c) ?? [], "model-only"),
        ];
        // The acceptance model as it would have been trained at the split: from the offers answered before it, measured on the last fifth of those.
        if (options.Acceptance && await acceptanceTrainer.TrainAsync(new Acceptance.AcceptanceUse(), new Acceptance.AcceptanceSettings(), split, ct) is { } acceptance)
            recommenders.Add(new EngineRecommender(engine.With(acceptance), segmentsThen, plans, attributesOf, "engine+acceptance"));
        var report = await Task.Run(() => OfflineEvaluation.Run(events, split, cases, recommenders,
            k, products.Count, EvaluationProtocols.Describe(options.Protocol, options.HorizonDays),
            margin: id => catalogue.TryGetValue(id, out var p) ? (double)p.Margin : 0), ct);
        var curve = new List<MarginCurvePoint>();
        if (options.MarginCurve)
        {
            var atEachWeight = await Task.Run(() => OfflineEvaluation.Run(events, split, cases,
                CurveWeights.Select(w => new EngineRecommender(engine.With(settings with { MarginWeight = w }), segmentsThen, plans, attributesOf, $"engine@{w}")),
                k, products.Count, "", margin: id => catalogue.TryGetValue(id, out var p) ? (double)p.Margin : 0), ct);
            curve.AddRange(atEachWeight.Results.Select((r, i) => new MarginCurvePoint(CurveWeights[i], r.HitRate, r.HitRateLow, r.HitRateHigh, r.MarginPerCase ?? 0)));
        }
        var customers = events.Select(e => e.Customer).Distinct().Count();
        return new DatabaseEvaluation(report, $"database: {customers:N0} customers, {events.Count:N0} purchases, {products.Count:N0} products; segments as of the split: {segmentsThen.Values.Sum(s => s.Count):N0} memberships of {segmentsThen.Count:N0} customers",
            customers, events.Count, products.Count, clock.GetUtcNow().UtcDateTime, watch.Elapsed)
        {
            MarginCurve = curve, MarginWeight = settings.MarginWeight, Protocol = options.Protocol,
        };
    }
}

/// <summary>The latest evaluation run in the app (kept in memory; a manager runs a new one from the page).</summary>
public sealed class EvaluationStore
{
    private DatabaseEvaluation? _latest;
    private int _running;

    public DatabaseEvaluation? Latest => Volatile.Read(ref _latest);
    public bool IsRunning => Volatile.Read(ref _running) == 1;
    public event Action? Changed;

    /// <summary>False when a run is already going.</summary>
    public bool TryStart()
    {
        if (Interlocked.CompareExchange(ref _running, 1, 0) != 0) return false;
        Changed?.Invoke();
        return true;
    }

    public void Finish(DatabaseEvaluation? result)
    {
        if (result is not null) Interlocked.Exchange(ref _latest, result);
        Volatile.Write(ref _running, 0);
        Changed?.Invoke();
    }
}
