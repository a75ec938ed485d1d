using CrossSellCrm.Domain.Recommendations.Likelihood;
using CrossSellCrm.Domain.Recommendations.Mining;

namespace CrossSellCrm.Domain.Recommendations.Evaluation;

/// <summary>The evaluation of a purchases file, with what the tuning on the validation split chose.</summary>
/// <param name="MinSupport">The rules' minimum support (given, or the best on the validation split).</param>
/// <param name="PopularityWeight">How far the engine leans toward popularity (0: not at all), chosen on the validation split.</param>
public sealed record FileEvaluationResult(EvaluationReport Report, PurchaseFileData File, string Protocol, double MinSupport, double PopularityWeight,
    LikelihoodTraining? Training);

/// <summary>
/// `evaluate --input`: popularity, rules, item-kNN and the engine's likelihood model on a file, split in time (by the
/// file's times, or by its order when it has none) at a share of its baskets. Every choice — the rules' minimum support,
/// the model's ridge and coefficients, how far the engine leans toward popularity — is made on a validation split carved
/// from the training period (its latest baskets), never on the test split.
/// </summary>
public static class FileEvaluation
{
    /// <summary>The minimum supports tried for the rules, besides multiples of one basket.</summary>
    private static readonly double[] SupportGrid = [0.001, 0.002, 0.005, 0.01, 0.02];
    /// <summary>The engine's popularity weights tried on the validation split; the last one is popularity with the model breaking ties.</summary>
    public static readonly double[] BlendGrid = [0, 0.25, 0.5, 1, 2, 4, 1000];
    private const double ValidationShare = 0.2;

    public static FileEvaluationResult Run(PurchaseFileData file, EvaluationProtocol protocol, EvaluationOptions options, CancellationToken ct = default)
    {
        var events = file.Events;
        var k = options.K;
        var split = options.SplitAt is { } at ? DateTime.SpecifyKind(at, DateTimeKind.Utc) : EvaluationProtocols.SplitAtBasketFraction(events, options.TrainFraction);
        var training = events.FindAll(e => e.At < split);
        if (training.Count == 0) throw new InvalidOperationException("nothing is before the split: there is nothing to learn from (choose a later --split-date or a larger --train-fraction).");
        var items = file.ItemNames.Count;
        var cases = Cases(file, events, split, protocol, options.HorizonDays);

        var validationSplit = EvaluationProtocols.SplitAtBasketFraction(training, 1 - ValidationShare);
        var earlier = training.FindAll(e => e.At < validationSplit);
        var validation = earlier.Count == 0 ? [] : Cases(file, training, validationSplit, protocol, options.HorizonDays);

        var popularity = new PopularityRecommender(events, split);
        var support = options.MinSupport ?? TuneSupport(earlier, validationSplit, validation, items, k, ct);
        var mining = EvaluationService.MiningFor(int.MaxValue, support);
        var book = Rules(training, split, items, mining, ct);
        var knn = new ItemKnnRecommender(Rows(training, protocol), popularity);

        var settings = new LikelihoodSettings { K = k };
        var (vocabulary, featuresOf) = MomentFeatures(file, protocol);
        var model = LikelihoodTrainer.Train(new LikelihoodTrainingSet(training, split, protocol, options.HorizonDays, featuresOf, vocabulary), settings, ct);
        var weight = TuneBlend(earlier, validationSplit, validation, protocol, options.HorizonDays, settings, k, ct, featuresOf, vocabulary);
        var engine = new LikelihoodRecommender(model, Lookup(featuresOf), popularityWeight: weight);

        var report = OfflineEvaluation.Run(events, split, cases, [popularity, new RulesRecommender(book, popularity), knn, engine], k, items,
            EvaluationProtocols.Describe(protocol, options.HorizonDays));
        return new FileEvaluationResult(report, file, EvaluationProtocols.Name(protocol), support, weight, model.Training);
    }

    /// <summary>
    /// Basket completion on a file with times: the basket's moment is known when it is completed (a till knows the hour and
    /// the day), so the model may learn from it as features of the basket — the hour of the day and the day of the week.
    /// None otherwise (a customer's features would need attributes a file does not have).
    /// </summary>
    public static (FeatureVocabulary? Vocabulary, Dictionary<int, int[]>? FeaturesOf) MomentFeatures(PurchaseFileData file, EvaluationProtocol protocol)
    {
        if (protocol != EvaluationProtocol.BasketCompletion || !file.TimeKnown) return (null, null);
        var vocabulary = new FeatureVocabulary();
        var featuresOf = new Dictionary<int, int[]>();
        foreach (var e in file.Events)
        {
            if (featuresOf.ContainsKey(e.Customer)) continue;
            var hour = e.At.Hour;
            var day = e.At.DayOfWeek;
            featuresOf[e.Customer] =
            [
                vocabulary.Add(new CustomerFeature($"hour:{hour:00}", $"baskets bought at {hour:00}h", $"Einkäufe um {hour:00} Uhr")),
                vocabulary.Add(new CustomerFeature($"day:{day}", $"baskets bought on a {day}", $"Einkäufe am {day}")),
            ];
        }
        return (vocabulary, featuresOf);
    }

    private static Func<int, IReadOnlyList<int>>? Lookup(Dictionary<int, int[]>? featuresOf) =>
        featuresOf is null ? null : c => featuresOf.TryGetValue(c, out var f) ? f : [];

    /// <summary>The protocol's test cases, without anonymous customers (they are nobody to recommend to later).</summary>
    public static List<EvaluationCase> Cases(PurchaseFileData file, IReadOnlyList<PurchaseEvent> events, DateTime split, EvaluationProtocol protocol, int horizonDays)
    {
        var cases = EvaluationProtocols.Cases(events, split, protocol, horizonDays);
        return protocol == EvaluationProtocol.BasketCompletion ? cases : cases.FindAll(c => !file.Anonymous.Contains(c.Customer));
    }

    /// <summary>What item-kNN counts co-occurrence over: customers when the protocol asks about customers, else baskets.</summary>
    private static IEnumerable<IEnumerable<int>> Rows(List<PurchaseEvent> training, EvaluationProtocol protocol) =>
        training.GroupBy(e => EvaluationProtocols.ByCustomer(protocol) ? e.Customer : e.Basket).Select(g => g.Select(e => e.Item));

    private static RuleBook Rules(List<PurchaseEvent> events, DateTime split, int items, MiningOptions mining, CancellationToken ct)
    {
        var baskets = OfflineEvaluation.TrainingBaskets(events, split, items);
        return RuleBook.From(AssociationMiner.Mine(baskets, mining, ct), Enumerable.Range(0, items).ToArray(), mining, DateTime.UnixEpoch, TimeSpan.Zero);
    }

    /// <summary>
    /// The minimum support whose rules (popularity filling the rest) hit most often on the validation split; never
    /// below three baskets, and a grid point whose mining exceeds the limits is skipped. Ties: the higher support (fewer rules).
    /// </summary>
    public static double TuneSupport(List<PurchaseEvent> earlier, DateTime validationSplit, List<EvaluationCase> validation, int items, int k, CancellationToken ct)
    {
        var baskets = earlier.Select(e => e.Basket).Distinct().Count();
        var fallback = EvaluationService.MiningFor(baskets, null).MinSupport;
        if (validation.Count == 0 || baskets == 0) return fallback;
        var grid = new[] { 3.0, 5, 10, 20 }.Select(n => n / baskets).Concat(SupportGrid).Where(s => s >= 3.0 / baskets && s <= 1).Distinct().OrderDescending().ToList();
        var popularity = new PopularityRecommender(earlier, validationSplit);
        var (best, bestHit) = (fallback, -1.0);
        foreach (var support in grid)
        {
            ct.ThrowIfCancellationRequested();
            RuleBook book;
            try { book = Rules(earlier, validationSplit, items, EvaluationService.MiningFor(int.MaxValue, support), ct); }
            catch (MiningLimitException) { continue; }
            var hit = HitRate(new RulesRecommender(book, popularity), validation, k);
            if (hit > bestHit) (best, bestHit) = (support, hit);
        }
        return best;
    }

    /// <summary>
    /// How far the engine leans toward popularity: a model trained on the earlier part of the training period is asked
    /// the validation cases with each weight of <see cref="BlendGrid"/>; the best hit rate wins, ties to the smaller weight.
    /// </summary>
    public static double TuneBlend(List<PurchaseEvent> earlier, DateTime validationSplit, List<EvaluationCase> validation, EvaluationProtocol protocol, int horizonDays,
        LikelihoodSettings settings, int k, CancellationToken ct, Dictionary<int, int[]>? featuresOf = null, FeatureVocabulary? vocabulary = null)
    {
        if (validation.Count < settings.MinValidationCases) return 0;
        var model = LikelihoodTrainer.Train(new LikelihoodTrainingSet(earlier, validationSplit, protocol, horizonDays, featuresOf, vocabulary), settings, ct);
        var (best, bestHit) = (0.0, -1.0);
        foreach (var weight in BlendGrid)
        {
            ct.ThrowIfCancellationRequested();
            var hit = HitRate(new LikelihoodRecommender(model, Lookup(featuresOf), popularityWeight: weight), validation, k);
            if (hit > bestHit + 1e-12) (best, bestHit) = (weight, hit);
        }
        return best;
    }

    private static double HitRate(IEvaluatedRecommender recommender, List<EvaluationCase> cases, int k) =>
        cases.Count == 0 ? 0 : (double)cases.Count(c => recommender.Recommend(c, k).Any(c.Relevant.Contains)) / cases.Count;
}
