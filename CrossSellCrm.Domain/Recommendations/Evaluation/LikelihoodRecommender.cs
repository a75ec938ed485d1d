using CrossSellCrm.Domain.Recommendations.Likelihood;

namespace CrossSellCrm.Domain.Recommendations.Evaluation;

/// <summary>The engine's likelihood model alone (the same code the app uses), without catalogue rules: what a file can be asked.</summary>
public sealed class LikelihoodRecommender(LikelihoodModel model, Func<int, IReadOnlyList<int>>? featuresOf = null, string name = "engine") : IEvaluatedRecommender
{
    public string Name => name;

    public IReadOnlyList<int> Recommend(EvaluationCase c, int k)
    {
        var owned = c.History.Select(h => h.ProductId).ToHashSet();
        return model.Score(c.History, featuresOf?.Invoke(c.Customer) ?? [], c.At).Best(k, item => !owned.Contains(item)).Select(x => x.Item).ToList();
    }
}
