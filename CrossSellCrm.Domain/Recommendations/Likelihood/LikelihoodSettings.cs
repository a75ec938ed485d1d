namespace CrossSellCrm.Domain.Recommendations.Likelihood;

/// <summary>How the likelihood model is trained. The defaults are what the measurements in docs/decisions/0016 chose.</summary>
public sealed record LikelihoodSettings
{
    /// <summary>
    /// The item–item weights cover this many of the most bought items (their matrix is this size squared, its
    /// inversion this size cubed); rarer items are ranked by popularity and curated relations.
    /// </summary>
    public int MaxModelledItems { get; init; } = 1000;
    /// <summary>The ridge values tried on the validation split, as multiples of the average item's number of buyers.</summary>
    public IReadOnlyList<double> RidgeGrid { get; init; } = [0.05, 0.2, 0.8, 3.2];
    public double ShortHalfLifeDays { get; init; } = 7;
    public double LongHalfLifeDays { get; init; } = 60;
    /// <summary>The latest share of the history held out to tune the ridge and fit the coefficients.</summary>
    public double ValidationShare { get; init; } = 0.2;
    /// <summary>Validation cases beyond this are sampled (evenly, repeatably).</summary>
    public int MaxValidationCases { get; init; } = 5000;
    /// <summary>Per validation case, the coefficients are fitted on this many of its best-scored items.</summary>
    public int CandidatesPerCase { get; init; } = 100;
    /// <summary>The validation split is judged by the hit rate at this cut-off.</summary>
    public int K { get; init; } = 3;
    /// <summary>Fewer validation cases than this and the model keeps <see cref="LikelihoodCoefficients.Untuned"/>.</summary>
    public int MinValidationCases { get; init; } = 30;
}

/// <summary>What the training chose and saw: for the quality page and the benchmarks.</summary>
public sealed record LikelihoodTraining(
    double Ridge, int ValidationCases, double? ValidationHitRate, double? ValidationPopularityHitRate, bool Tuned,
    IReadOnlyList<(double Ridge, double HitRate)> RidgeTried, TimeSpan Took);
