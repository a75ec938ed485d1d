using CrossSellCrm.Domain.Recommendations.Likelihood;

namespace CrossSellCrm.Domain.Recommendations.Evaluation;

/// <summary>The engine's likelihood model alone (the same code the app uses), without catalogue rules: what a file can be asked.</summary>
/// <param name="popularityWeight">
/// 0: the model's log-odds alone. Above 0: the log-odds plus this many times the item's log-popularity, which leans the
/// ranking toward popularity (a very large weight is popularity with the model breaking ties) — the graceful fallback
/// where purchases carry little item-to-item signal. Chosen on a validation split (<see cref="FileEvaluation.TuneBlend"/>).
/// </param>
public sealed class LikelihoodRecommender(LikelihoodModel model, Func<int, IReadOnlyList<int>>? featuresOf = null, string name = "engine",
    double popularityWeight = 0) : IEvaluatedRecommender
{
    /// <summary>How many of the model's best and of the most popular items are re-ranked when blending.</summary>
    private const int BlendCandidates = 100;

    public string Name => name;
    public double PopularityWeight => popularityWeight;

    public IReadOnlyList<int> Recommend(EvaluationCase c, int k)
    {
        var owned = c.History.Select(h => h.ProductId).ToHashSet();
        var scores = model.Score(c.History, featuresOf?.Invoke(c.Customer) ?? [], c.At);
        if (popularityWeight <= 0) return scores.Best(k, item => !owned.Contains(item)).Select(x => x.Item).ToList();
        var candidates = scores.Best(Math.Max(k, BlendCandidates), item => !owned.Contains(item)).Select(x => x.Item)
            .Concat(model.ByPopularity.Where(i => !owned.Contains(i)).Take(Math.Max(k, BlendCandidates))).Distinct();
        var rows = model.Rows + 2.0;
        return candidates.Select(item => (Item: item, Score: scores.Logit(item) + popularityWeight * Math.Log((model.Buyers(item) + 1) / rows)))
            .OrderByDescending(x => x.Score).ThenByDescending(x => model.Buyers(x.Item)).ThenBy(x => x.Item)
            .Take(k).Select(x => x.Item).ToList();
    }
}
