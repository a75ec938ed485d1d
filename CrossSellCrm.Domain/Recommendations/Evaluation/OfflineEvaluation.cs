using CrossSellCrm.Domain.Catalog;
using CrossSellCrm.Domain.Customers;
using CrossSellCrm.Domain.Recommendations.Engine;
using CrossSellCrm.Domain.Recommendations.Mining;

namespace CrossSellCrm.Domain.Recommendations.Evaluation;

/// <summary>One purchase: who (or which basket, when there are no customers), which basket, when, what.</summary>
public readonly record struct PurchaseEvent(int Customer, int Basket, DateTime At, int Item);

/// <summary>A test case: what is known before the split, and what was bought after it that was not owned.</summary>
public sealed record EvaluationCase(int Customer, IReadOnlyList<Purchase> History, IReadOnlySet<int> Relevant, DateTime At);

/// <summary>A recommender under evaluation: ranks items for a case, using only training data.</summary>
public interface IEvaluatedRecommender
{
    string Name { get; }
    IReadOnlyList<int> Recommend(EvaluationCase c, int k);
}

/// <param name="Verdict">The recommender with the best hit rate against each other one, on the same cases.</param>
public sealed record EvaluationReport(DateTime SplitAt, int TrainEvents, int TestEvents, int Cases, string Protocol, IReadOnlyList<MetricSet> Results,
    IReadOnlyList<PairedDifference>? Verdict = null)
{
    /// <summary>The best hit rate, when its lead over every other recommender is clear (its 95 % interval above zero); else null.</summary>
    public string? ClearWinner => Verdict is { Count: > 0 } v && v.All(d => d.Low > 0) ? v[0].Better : null;
}

/// <summary>How much better one recommender's hit rate is than another's on the same cases, with the paired bootstrap's 95 % interval.</summary>
public sealed record PairedDifference(string Better, string Worse, double Difference, double Low, double High);

/// <summary>
/// Offline evaluation with a split in time: recommenders learn from the events before the split and
/// are asked, for each test case, for their top k; the metrics compare that to what happened after.
/// </summary>
public static class OfflineEvaluation
{
    /// <summary>The time that puts the given fraction of events (in time order) into training.</summary>
    public static DateTime SplitAtFraction(IReadOnlyList<PurchaseEvent> events, double trainFraction)
    {
        var times = events.Select(e => e.At).Order().ToList();
        return times[Math.Clamp((int)(times.Count * trainFraction), 0, times.Count - 1)];
    }

    /// <summary>Customer protocol: history = a customer's purchases before the split; relevant = items first bought after it.</summary>
    public static List<EvaluationCase> CustomerCases(IReadOnlyList<PurchaseEvent> events, DateTime split) =>
        events.GroupBy(e => e.Customer)
            .Select(g =>
            {
                var history = g.Where(e => e.At < split).Select(e => new Purchase(e.Item, e.At, e.Basket)).ToList();
                var owned = history.Select(h => h.ProductId).ToHashSet();
                var relevant = g.Where(e => e.At >= split && !owned.Contains(e.Item)).Select(e => e.Item).ToHashSet();
                return new EvaluationCase(g.Key, history, relevant, split);
            })
            .Where(c => c.History.Count > 0 && c.Relevant.Count > 0)
            .OrderBy(c => c.Customer)
            .ToList();

    /// <summary>Basket protocol (no customers): in each later basket of two or more items, the last item is hidden and the rest is the history.</summary>
    public static List<EvaluationCase> BasketCompletionCases(IReadOnlyList<PurchaseEvent> events, DateTime split) =>
        events.Where(e => e.At >= split).GroupBy(e => e.Basket)
            .Select(g => g.DistinctBy(e => e.Item).ToList())
            .Where(items => items.Count >= 2)
            .Select(items => new EvaluationCase(items[0].Customer, items.Take(items.Count - 1).Select(e => new Purchase(e.Item, e.At, e.Basket)).ToList(),
                new HashSet<int> { items[^1].Item }, items[0].At))
            .ToList();

    public static EvaluationReport Run(IReadOnlyList<PurchaseEvent> events, DateTime split, IReadOnlyList<EvaluationCase> cases,
        IEnumerable<IEvaluatedRecommender> recommenders, int k, int catalogueSize, string protocol, Func<int, double>? margin = null)
    {
        var measured = new List<RankingMetrics>();
        foreach (var recommender in recommenders)
        {
            var metrics = new RankingMetrics(recommender.Name, k, catalogueSize, margin);
            foreach (var c in cases) metrics.Add(recommender.Recommend(c, k), c.Relevant);
            measured.Add(metrics);
        }
        var results = measured.Select(m => m.Result()).ToList();
        var verdict = new List<PairedDifference>();
        if (results.Count > 1 && cases.Count > 0)
        {
            var best = Enumerable.Range(0, results.Count).MaxBy(i => results[i].HitRate);
            foreach (var other in Enumerable.Range(0, results.Count).Where(i => i != best).OrderByDescending(i => results[i].HitRate))
            {
                var (low, high) = Bootstrap.DifferenceInterval(measured[best].CaseHits, measured[other].CaseHits);
                verdict.Add(new PairedDifference(results[best].Recommender, results[other].Recommender, results[best].HitRate - results[other].HitRate, low, high));
            }
        }
        return new EvaluationReport(split, events.Count(e => e.At < split), events.Count(e => e.At >= split), cases.Count, protocol, results, verdict);
    }

    /// <summary>Order baskets of the training events, for mining.</summary>
    public static BasketSet TrainingBaskets(IReadOnlyList<PurchaseEvent> events, DateTime split, int itemCount) =>
        BasketSet.FromIds(events.Where(e => e.At < split).GroupBy(e => e.Basket).Select(g => g.Select(e => e.Item).ToArray()),
            Enumerable.Range(0, itemCount).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray());
}

/// <summary>The baseline: what most training customers bought, minus what this customer has.</summary>
public sealed class PopularityRecommender(IReadOnlyList<PurchaseEvent> events, DateTime split) : IEvaluatedRecommender
{
    private readonly int[] _ranked = events.Where(e => e.At < split).DistinctBy(e => (e.Customer, e.Item))
        .GroupBy(e => e.Item).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g => g.Key).ToArray();

    public string Name => "popularity";

    /// <summary>Every item's place in the ranking (0 = most popular).</summary>
    public IReadOnlyDictionary<int, int> Ranks => _ranks ??= _ranked.Select((item, i) => (item, i)).ToDictionary(x => x.item, x => x.i);
    private Dictionary<int, int>? _ranks;

    public IReadOnlyList<int> Recommend(EvaluationCase c, int k)
    {
        var owned = c.History.Select(h => h.ProductId).ToHashSet();
        return _ranked.Where(i => !owned.Contains(i)).Take(k).ToList();
    }
}

/// <summary>Mined rules only: each item scored by the best confidence of a rule whose left side the customer owns.</summary>
/// <param name="fallback">Fills the places no rule fills (popularity on a file); none: fewer than k offers.</param>
public sealed class RulesRecommender(RuleBook rules, PopularityRecommender? fallback = null) : IEvaluatedRecommender
{
    public string Name => "rules";

    public IReadOnlyList<int> Recommend(EvaluationCase c, int k)
    {
        var owned = c.History.Select(h => h.ProductId).ToHashSet();
        var best = rules.RulesFor(owned).Where(r => !owned.Contains(r.Consequent))
            .GroupBy(r => r.Consequent).Select(g => (Item: g.Key, Score: g.Max(r => r.Confidence), Lift: g.Max(r => r.Lift)))
            .OrderByDescending(x => x.Score).ThenByDescending(x => x.Lift).ThenBy(x => x.Item)
            .Take(k).Select(x => x.Item).ToList();
        if (fallback is not null && best.Count < k) best.AddRange(fallback.Recommend(c, k + best.Count).Where(i => !best.Contains(i)).Take(k - best.Count));
        return best;
    }
}

/// <summary>Curated complements only, the most popular first, respecting compatibility.</summary>
public sealed class CuratedRecommender(IEnumerable<CuratedComplement> complements, IReadOnlyDictionary<int, CatalogProduct> products, PopularityRecommender popularity) : IEvaluatedRecommender
{
    private readonly ILookup<int, CuratedComplement> _from = complements.ToLookup(c => c.FromProductId);

    public string Name => "curated";

    public IReadOnlyList<int> Recommend(EvaluationCase c, int k)
    {
        var owned = c.History.Select(h => h.ProductId).ToHashSet();
        var tags = owned.Where(products.ContainsKey).SelectMany(id => products[id].CompatibilityTags).ToHashSet();
        var rank = popularity.Ranks;
        return owned.SelectMany(o => _from[o]).Select(x => x.ToProductId).Distinct()
            .Where(id => !owned.Contains(id) && products.TryGetValue(id, out var p) && p.IsActive && Compatibility.Fits(p.CompatibilityTags, tags))
            .OrderBy(id => rank.GetValueOrDefault(id, int.MaxValue)).ThenBy(id => id)
            .Take(k).ToList();
    }
}

/// <summary>The full engine, built on training data, asked as in a shop conversation (no consent or decline history in the way).</summary>
/// <param name="plans">Each customer's plans; those active at the case's moment are the customer's plans then.</param>
/// <param name="attributes">Each customer's attributes (the model's features); none for a file.</param>
public sealed class EngineRecommender(NextBestOfferEngine engine, IReadOnlyDictionary<int, IReadOnlyList<int>> segmentsOf, ILookup<int, PlanSpell>? plans = null,
    IReadOnlyDictionary<int, Likelihood.CustomerAttributes>? attributes = null, string name = "engine") : IEvaluatedRecommender
{
    public string Name => name;

    public IReadOnlyList<int> Recommend(EvaluationCase c, int k)
    {
        var active = plans is null ? [] : plans[c.Customer].Where(p => p.ActiveOn(c.At)).Select(p => p.PlanId).ToList();
        var customer = new CustomerSnapshot(c.Customer, c.History, active, segmentsOf.GetValueOrDefault(c.Customer, []), [], new HashSet<ContactChannel>(),
            attributes?.GetValueOrDefault(c.Customer));
        return engine.Decide(customer, ContactChannel.InStore, c.At).Offers.Select(o => o.Product.Id).Take(k).ToList();
    }
}
