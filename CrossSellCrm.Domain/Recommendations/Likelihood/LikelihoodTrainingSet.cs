using CrossSellCrm.Domain.Recommendations.Evaluation;

namespace CrossSellCrm.Domain.Recommendations.Likelihood;

/// <summary>
/// What a likelihood model learns from: purchase events up to a moment, the question it will be asked (the protocol
/// its validation split imitates), and optionally each customer's features and the curated relations.
/// </summary>
/// <param name="Events">Only events before <paramref name="AsOf"/> are used.</param>
/// <param name="FeaturesOf">Customer → feature numbers in <paramref name="Vocabulary"/>; features known at any time (no behaviour from the future).</param>
public sealed record LikelihoodTrainingSet(
    IReadOnlyList<PurchaseEvent> Events, DateTime AsOf, EvaluationProtocol Protocol, int HorizonDays = 30,
    IReadOnlyDictionary<int, int[]>? FeaturesOf = null, FeatureVocabulary? Vocabulary = null, CuratedSignal? Curated = null)
{
    public IReadOnlyList<int> FeaturesFor(int customer) =>
        FeaturesOf is not null && FeaturesOf.TryGetValue(customer, out var f) ? f : [];
}
