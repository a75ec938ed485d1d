namespace CrossSellCrm.Domain.Recommendations.Likelihood;

/// <summary>
/// How the model's parts add up to the log-odds that a customer buys an item soon: weights of the item–item
/// score of everything owned, of the same score weighted by how recently each item was bought (a week's and two
/// months' half-life), of the customer's features, of a curated relation (and how recent its anchor is), and of
/// the item's popularity. Fitted by logistic regression on a validation split.
/// </summary>
public sealed record LikelihoodCoefficients(
    double History, double Recent, double RecentLong, double Features, double Curated, double CuratedRecent, double Popularity, double Intercept)
{
    /// <summary>Before any tuning (too little history for a validation split): every part counts, popularity breaks ties.</summary>
    public static readonly LikelihoodCoefficients Untuned = new(1, 1, 0.5, 1, 1, 1, 1, -3);

    internal const int Parts = 7;

    internal double[] Weights() => [History, Recent, RecentLong, Features, Curated, CuratedRecent, Popularity];

    internal static LikelihoodCoefficients From(double[] weights, double intercept) =>
        new(weights[0], weights[1], weights[2], weights[3], weights[4], weights[5], weights[6], intercept);
}
